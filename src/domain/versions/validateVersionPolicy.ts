import { parseKubernetesMinor } from './kubernetesVersion';
import { validateWindows } from './policyWindow';
import { reason, ReasonCode, type Reason } from './reasons';
import type { Channel, ResolvedVersionPolicy } from './versionPolicy';

const CHANNELS: readonly Channel[] = ['rapid', 'stable', 'patch', 'target', 'nodeimage'];

/**
 * Problems with a policy as `InvalidPolicy` reasons; empty = valid. Rules: a known channel; `target` needs a
 * `targetMinor` like `1.33`; hours are finite and not negative; `longTermSupport` only with `target` or `patch`
 * (a moving channel would take an LTS-pinned fleet off its LTS minor); windows have known time zones and
 * well-formed times.
 */
export function validateVersionPolicy(policy: ResolvedVersionPolicy): Reason[] {
  const problems: string[] = [];
  if (!CHANNELS.includes(policy.channel)) problems.push(`unknown channel '${String(policy.channel)}'`);
  if (policy.channel === 'target' && parseKubernetesMinor(policy.targetMinor ?? '') === undefined) {
    problems.push(`the target channel needs targetMinor as major.minor (got '${policy.targetMinor ?? ''}')`);
  }
  for (const [name, value] of [
    ['soakHours', policy.soakHours],
    ['minimumPatchAgeHours', policy.minimumPatchAgeHours],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) problems.push(`${name} must be a number of hours ≥ 0 (got ${value})`);
  }
  if (policy.longTermSupport && policy.channel !== 'target' && policy.channel !== 'patch') {
    problems.push(`longTermSupport needs the target or patch channel; ${policy.channel} would move the fleet off its LTS minor`);
  }
  return [...problems.map((p) => reason(ReasonCode.InvalidPolicy, `The policy is invalid: ${p}.`)), ...validateWindows(policy.windows)];
}
