import { z } from 'zod';
import { text } from '../schemas/text';
import { validateVersionPolicy } from '../versions/validateVersionPolicy';
import { resolveVersionPolicy, type VersionPolicy } from '../versions/versionPolicy';
import type { ReleaseConfig } from './conductorConfig';

const CHANNELS = ['rapid', 'stable', 'patch', 'target', 'nodeimage'] as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const PROFILE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const clock = text({ pattern: /^\d{2}:\d{2}$/, hint: 'HH:MM' });
const localDateTime = text({ pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, hint: 'YYYY-MM-DDTHH:MM' });
const hours = (description: string) => z.number().min(0).max(24 * 365).default(0).describe(description);

const windowBase = {
  effect: z.enum(['allow', 'deny']).describe('Deny wins; no allow window means always allowed unless a deny window is open'),
  timeZone: text().describe('IANA time zone, e.g. Europe/Berlin or UTC'),
  name: text().describe('Shown in reasons, e.g. xmas-freeze').optional(),
};

/** Allow/deny windows: weekly (days, HH:MM to HH:MM) or between two local date-times, in an IANA time zone. */
const windowSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('weekly'),
    ...windowBase,
    days: z.array(z.enum(WEEKDAYS)).describe('Days the window starts on (every day when absent)').optional(),
    start: clock,
    end: clock.describe('Exclusive; at or before start crosses midnight'),
  }),
  z.strictObject({ type: z.literal('dates'), ...windowBase, from: localDateTime, to: localDateTime.describe('Exclusive') }),
]);

/**
 * A fleet's `release` section: how Conductor turns AKS releases into update runs (mode) and which versions it may
 * choose (the version policy). Policy-level rules (time zones, a target channel without targetMinor, …) are checked
 * by the version domain itself, so the file and the evaluation can never disagree.
 */
export const releasePolicySchema = z
  .strictObject({
    mode: z.enum(['explicit', 'profile']).default('explicit').describe('explicit: Conductor creates the run; profile: generateUpdateRun on a Fleet auto-upgrade profile'),
    autoUpgradeProfile: text({ max: 50, pattern: PROFILE_NAME, hint: 'an auto-upgrade profile name' }).describe('Required when mode is profile').optional(),
    nodeImageSelection: z.enum(['Latest', 'Consistent']).default('Latest'),
    channel: z.enum(CHANNELS).describe('Which versions the fleet follows (versionPolicy.ts explains each)'),
    targetMinor: text().describe('major.minor, required by the target channel').optional(),
    soakHours: hours('Hours a version must have been seen in every member region'),
    minimumPatchAgeHours: hours('Hours a Kubernetes patch must have been seen in every member region'),
    skipDotZeroPatches: z.boolean().default(true),
    blocklist: z.array(text()).default([]).describe('Versions never targeted; `*` matches any run of characters'),
    longTermSupport: z.boolean().default(false).describe('The fleet is pinned to an LTS minor (target or patch channel only)'),
    windows: z.array(windowSchema).default([]),
  })
  .superRefine((release, ctx) => {
    if (release.mode === 'profile' && release.autoUpgradeProfile === undefined) ctx.addIssue({ code: 'custom', path: ['autoUpgradeProfile'], message: 'is required when mode is profile' });
    for (const problem of validateVersionPolicy(resolveVersionPolicy(policyOf(release)))) ctx.addIssue({ code: 'custom', message: problem.message });
  })
  .transform(
    (release): ReleaseConfig => ({
      mode: release.mode,
      ...(release.autoUpgradeProfile === undefined ? {} : { autoUpgradeProfile: release.autoUpgradeProfile }),
      nodeImageSelection: release.nodeImageSelection,
      policy: policyOf(release),
    }),
  );

function policyOf(release: Omit<VersionPolicy, 'windows'> & Pick<VersionPolicy, 'windows'>): VersionPolicy {
  const { channel, targetMinor, soakHours, minimumPatchAgeHours, skipDotZeroPatches, blocklist, longTermSupport, windows } = release;
  return { channel, ...(targetMinor === undefined ? {} : { targetMinor }), soakHours, minimumPatchAgeHours, skipDotZeroPatches, blocklist, longTermSupport, windows };
}
