import type { CheckType } from './checkSpec';

/**
 * Container Insights data collection as the policy declares it. Presets are the DCR "cost presets": Standard
 * samples every minute; Cost-optimized every 5 minutes and leaves out kube-system, gatekeeper-system and azure-arc
 * (docs/azure-apis.md §8). Log Analytics makes rows queryable 20 s to 3 minutes after they are collected.
 */
export type CollectionPreset = 'standard' | 'cost-optimized';

export const COLLECTION_PRESETS = ['standard', 'cost-optimized'] as const satisfies readonly CollectionPreset[];

export interface CollectionSettings {
  readonly preset: CollectionPreset;
  /** Worst-case ingestion latency to plan windows for. @default 3 */
  readonly ingestionDelayMinutes: number;
}

export const DEFAULT_COLLECTION: CollectionSettings = { preset: 'standard', ingestionDelayMinutes: 3 };

export function collectionIntervalMinutes(preset: CollectionPreset): number {
  return preset === 'cost-optimized' ? 5 : 1;
}

/** Namespaces a preset does not collect pods or events from. */
export function uncollectedNamespaces(preset: CollectionPreset): readonly string[] {
  return preset === 'cost-optimized' ? ['kube-system', 'gatekeeper-system', 'azure-arc'] : [];
}

/** Kubernetes re-reports an ongoing Warning (e.g. ProvisioningFailed) about every 5 minutes; KubeEvents gets a row each time. */
const EVENT_REPEAT_MINUTES = 5;

/**
 * The shortest lookback that always holds what a check needs: the newest queryable sample can be one interval plus
 * the ingestion delay old; growth (restarts) needs a second sample one interval earlier; pvc-bound reads Warning
 * events, which repeat every 5 minutes at best.
 */
export function minimumLookbackMinutes(type: CheckType, collection: CollectionSettings): number {
  const interval = collectionIntervalMinutes(collection.preset);
  const delay = collection.ingestionDelayMinutes;
  if (type === 'restarts') return 2 * interval + delay;
  if (type === 'pvc-bound') return Math.max(interval, EVENT_REPEAT_MINUTES) + delay;
  return interval + delay;
}

/** Historical defaults, kept as floors: short for state snapshots, longer for counts, growth and custom queries. */
const FLOOR: Readonly<Record<CheckType, number>> = {
  'nodes-ready': 5, 'pods-healthy': 5, 'pods-pending': 5, 'critical-workloads': 5, 'metrics-flowing': 10, 'pvc-bound': 10, restarts: 15, custom: 15,
};

/** Default lookback: one interval more than the minimum (a late batch does not empty the window), never under the floor. */
export function defaultLookbackMinutes(type: CheckType, collection: CollectionSettings): number {
  return Math.max(FLOOR[type], minimumLookbackMinutes(type, collection) + collectionIntervalMinutes(collection.preset));
}
