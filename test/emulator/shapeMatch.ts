/**
 * "Same shape" for the fixture replay: every field of the published body is present in ours with the same
 * JSON type (recursively; arrays compared element by element against our first element), enum-valued fields
 * hold a value of the enum, and resource `type`s are equal. Values themselves (ids, names, times) differ.
 */
const ENUMS: Record<string, readonly string[]> = {
  state: ['NotStarted', 'Running', 'Stopping', 'Stopped', 'Skipped', 'Failed', 'Pending', 'Completed'],
  provisioningState: ['Succeeded', 'Failed', 'Canceled', 'Creating', 'Updating', 'Deleting', 'Joining', 'Leaving', 'Accepted', 'Upgrading'],
  createdByType: ['User', 'Application', 'ManagedIdentity', 'Key'],
  lastModifiedByType: ['User', 'Application', 'ManagedIdentity', 'Key'],
  channel: ['Stable', 'Rapid', 'NodeImage', 'TargetKubernetesVersion', 'SecurityPatch'],
  gateType: ['Approval', 'ScheduledStart'],
  timing: ['Before', 'After'],
  lastTriggerStatus: ['Succeeded', 'Failed'],
  osType: ['Linux', 'Windows'],
  'upgrade.type': ['Full', 'ControlPlaneOnly', 'NodeImageOnly'],
  'nodeImageSelection.type': ['Latest', 'Consistent', 'Custom'],
  'beforeGates.type': ['Approval'],
  'afterGates.type': ['Approval'],
  supportPlan: ['KubernetesOfficial', 'AKSLongTermSupport'],
};

/** Objects whose keys are data (tag names, versions, identities): values are compared, not key names. */
const MAPS = new Set(['tags', 'labels', 'patchVersions', 'userAssignedIdentities']);

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function shapeMismatches(published: unknown, ours: unknown, path = '$', optional: ReadonlySet<string> = new Set()): string[] {
  if (published === null || published === undefined) return [];
  if (ours === undefined || ours === null) {
    const key = path.replace(/\[\d+\]/g, '[]');
    return [...optional].some((o) => key.endsWith(o)) ? [] : [`${path}: missing`];
  }
  if (kind(published) !== kind(ours)) return [`${path}: expected ${kind(published)}, got ${kind(ours)}`];
  if (Array.isArray(published)) {
    const o = ours as unknown[];
    if (published.length > 0 && o.length === 0) return [`${path}: expected a non-empty array`];
    return published.flatMap((item, i) => shapeMismatches(item, o[Math.min(i, o.length - 1)], `${path}[${i}]`, optional));
  }
  if (typeof published === 'object') {
    const p = published as Record<string, unknown>;
    const o = ours as Record<string, unknown>;
    if (MAPS.has(path.split('.').at(-1) ?? '')) {
      const first = Object.values(o)[0];
      return first === undefined ? [] : Object.entries(p).flatMap(([k, v]) => shapeMismatches(v, first, `${path}[${k}]`, optional));
    }
    return Object.keys(p).flatMap((k) => shapeMismatches(p[k], o[k], `${path}.${k}`, optional));
  }
  if (typeof published === 'string') {
    const segments = path.replace(/\[\d+\]/g, '').split('.');
    const leaf = segments.at(-1) ?? '';
    const qualified = segments.slice(-2).join('.');
    const allowed = ENUMS[qualified] ?? (leaf === 'type' ? undefined : ENUMS[leaf]);
    if (allowed && !allowed.includes(ours as string)) return [`${path}: '${ours as string}' is not one of ${allowed.join('|')}`];
    if (leaf === 'type' && (segments.length === 2 || (segments.length === 3 && segments[1] === 'value')) && (ours as string).toLowerCase() !== published.toLowerCase())
      return [`${path}: resource type '${ours as string}' differs from '${published}'`];
  }
  return [];
}
