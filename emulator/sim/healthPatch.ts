import type { ClusterHealth, CollectionPreset } from '../telemetrySource';

type Patch = { -readonly [K in keyof ClusterHealth]?: ClusterHealth[K] };

const COUNTS = ['notReadyNodes', 'failedPods', 'crashLoopingPods', 'imagePullBackOffPods', 'unschedulablePods', 'pendingPvcs', 'releasedPvs', 'restarts'] as const;
const PRESETS: readonly CollectionPreset[] = ['standard', 'cost-optimized'];
/** Every field a health patch may carry; anything else is refused (a failure mode we cannot model must not look accepted). */
export const HEALTH_FIELDS: readonly string[] = [...COUNTS, 'metricsFlowing', 'failingNamespace', 'collectionPreset'];

/**
 * Reads a cluster health patch (control API body or scenario `health`/`set`), calling `fail` with a message naming
 * the field on the first problem: unknown fields, negative or non-integer counts, wrong types.
 */
export function readHealthPatch(raw: Record<string, unknown>, fail: (message: string) => never): Partial<ClusterHealth> {
  const patch: Patch = {};
  for (const key of Object.keys(raw)) {
    if (!HEALTH_FIELDS.includes(key)) fail(`'${key}' is not a health field (known: ${HEALTH_FIELDS.join(', ')}).`);
  }
  for (const key of COUNTS) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (key !== 'restarts' && !Number.isInteger(v))) {
      fail(`'${key}' must be a non-negative ${key === 'restarts' ? 'number' : 'integer'}.`);
    }
    patch[key] = v;
  }
  if (raw.metricsFlowing !== undefined) {
    if (typeof raw.metricsFlowing !== 'boolean') fail("'metricsFlowing' must be a boolean.");
    patch.metricsFlowing = raw.metricsFlowing;
  }
  if (raw.failingNamespace !== undefined) {
    if (typeof raw.failingNamespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw.failingNamespace)) fail("'failingNamespace' must be a Kubernetes namespace name.");
    patch.failingNamespace = raw.failingNamespace;
  }
  if (raw.collectionPreset !== undefined) {
    if (!PRESETS.includes(raw.collectionPreset as CollectionPreset)) fail(`'collectionPreset' must be one of ${PRESETS.join(', ')}.`);
    patch.collectionPreset = raw.collectionPreset as CollectionPreset;
  }
  return patch;
}
