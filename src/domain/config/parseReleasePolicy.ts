import { childPath } from '../gates/configIssue';
import { readArray, readBoolean, readEnum, readNumber, readObject, readString, readStringList, rejectUnknownKeys, type IssueList } from '../gates/configReader';
import { resolveVersionPolicy, type Channel, type PolicyWindow, type VersionPolicy, type Weekday } from '../versions/versionPolicy';
import { validateVersionPolicy } from '../versions/validateVersionPolicy';
import type { ReleaseConfig } from './conductorConfig';

const CHANNELS: readonly Channel[] = ['rapid', 'stable', 'patch', 'target', 'nodeimage'];
const WEEKDAYS: readonly Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const PROFILE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parseWindow(value: unknown, path: string, issues: IssueList): PolicyWindow | undefined {
  const w = readObject(value, path, issues);
  if (!w) return undefined;
  const type = readEnum(w, 'type', path, issues, ['weekly', 'dates'] as const);
  const effect = readEnum(w, 'effect', path, issues, ['allow', 'deny'] as const);
  const timeZone = readString(w, 'timeZone', path, issues, { required: true });
  const name = readString(w, 'name', path, issues);
  const base = { effect, timeZone, ...(name ? { name } : {}) };
  if (type === 'weekly') {
    rejectUnknownKeys(w, ['type', 'effect', 'timeZone', 'name', 'days', 'start', 'end'], path, issues);
    const days = readStringList(w, 'days', path, issues);
    const bad = (days ?? []).filter((d) => !(WEEKDAYS as readonly string[]).includes(d));
    if (bad.length > 0) issues.push({ path: childPath(path, 'days'), message: `unknown day(s) ${bad.join(', ')} (use ${WEEKDAYS.join(', ')})` });
    const start = readString(w, 'start', path, issues, { required: true, pattern: /^\d{2}:\d{2}$/, patternHint: 'HH:MM' });
    const end = readString(w, 'end', path, issues, { required: true, pattern: /^\d{2}:\d{2}$/, patternHint: 'HH:MM' });
    if (!effect || !timeZone || !start || !end) return undefined;
    return { ...base, effect, timeZone, type, start, end, ...(days ? { days: days as Weekday[] } : {}) };
  }
  if (type === 'dates') {
    rejectUnknownKeys(w, ['type', 'effect', 'timeZone', 'name', 'from', 'to'], path, issues);
    const from = readString(w, 'from', path, issues, { required: true, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, patternHint: 'YYYY-MM-DDTHH:MM' });
    const to = readString(w, 'to', path, issues, { required: true, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, patternHint: 'YYYY-MM-DDTHH:MM' });
    if (!effect || !timeZone || !from || !to) return undefined;
    return { ...base, effect, timeZone, type, from, to };
  }
  return undefined;
}

/**
 * A fleet's `release` section: how Conductor turns AKS releases into update runs (mode) and which versions it may
 * choose (the version policy). Policy-level rules (time zones, a target channel without targetMinor, …) are checked
 * by the version domain itself, so the file and the evaluation can never disagree.
 */
export function parseReleasePolicy(value: unknown, path: string, issues: IssueList): ReleaseConfig | undefined {
  const r = readObject(value, path, issues);
  if (!r) return undefined;
  rejectUnknownKeys(
    r,
    ['mode', 'autoUpgradeProfile', 'nodeImageSelection', 'channel', 'targetMinor', 'soakHours', 'minimumPatchAgeHours', 'skipDotZeroPatches', 'blocklist', 'longTermSupport', 'windows'],
    path,
    issues,
  );
  const before = issues.length;
  const mode = readEnum(r, 'mode', path, issues, ['explicit', 'profile'] as const, 'explicit');
  const profile = readString(r, 'autoUpgradeProfile', path, issues, { pattern: PROFILE_NAME, patternHint: 'an auto-upgrade profile name', maxLength: 50 });
  if (mode === 'profile' && !profile) issues.push({ path: childPath(path, 'autoUpgradeProfile'), message: 'is required when mode is profile' });
  const nodeImageSelection = readEnum(r, 'nodeImageSelection', path, issues, ['Latest', 'Consistent'] as const, 'Latest');
  const channel = readEnum(r, 'channel', path, issues, CHANNELS);
  const targetMinor = readString(r, 'targetMinor', path, issues);
  const hours = (key: string): number | undefined => readNumber(r, key, path, issues, { min: 0, max: 24 * 365, fallback: 0 });
  const soakHours = hours('soakHours');
  const minimumPatchAgeHours = hours('minimumPatchAgeHours');
  const skipDotZeroPatches = readBoolean(r, 'skipDotZeroPatches', path, issues, true);
  const blocklist = readStringList(r, 'blocklist', path, issues) ?? [];
  const longTermSupport = readBoolean(r, 'longTermSupport', path, issues, false);
  const windowsPath = childPath(path, 'windows');
  const windows = (r.windows === undefined ? [] : (readArray(r.windows, windowsPath, issues) ?? [])).map((w, i) => parseWindow(w, childPath(windowsPath, i), issues));
  if (issues.length > before || !mode || !nodeImageSelection || !channel) return undefined;
  const policy: VersionPolicy = {
    channel,
    ...(targetMinor ? { targetMinor } : {}),
    soakHours: soakHours ?? 0,
    minimumPatchAgeHours: minimumPatchAgeHours ?? 0,
    skipDotZeroPatches,
    blocklist,
    longTermSupport,
    windows: windows.filter((w): w is PolicyWindow => w !== undefined),
  };
  for (const problem of validateVersionPolicy(resolveVersionPolicy(policy))) issues.push({ path, message: problem.message });
  if (issues.length > before) return undefined;
  return { mode, ...(profile ? { autoUpgradeProfile: profile } : {}), nodeImageSelection, policy };
}
