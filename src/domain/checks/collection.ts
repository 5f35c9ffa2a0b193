import type { CheckType } from './checkSpec';

/**
 * Container Insights data collection as the policy declares it. Presets are the DCR "cost presets": Standard
 * samples every minute; Cost-optimized every 5 minutes and leaves out kube-system, gatekeeper-system and azure-arc
 * (docs/azure-apis.md §8). Log Analytics makes rows queryable 20 s to 3 minutes after they are collected.
 */
export type CollectionPreset = 'standard' | 'cost-optimized';

export const COLLECTION_PRESETS: readonly CollectionPreset[] = ['standard', 'cost-optimized'];

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

/** Samples a check needs inside its window: two for growth (restarts), one for state snapshots and counts. */
function samplesNeeded(type: CheckType): number {
  return type === 'restarts' ? 2 : 1;
}

/**
 * The shortest lookback that always holds the samples a check needs: the newest queryable sample can be one
 * interval plus the ingestion delay old; each further sample adds one interval.
 */
export function minimumLookbackMinutes(type: CheckType, collection: CollectionSettings): number {
  return samplesNeeded(type) * collectionIntervalMinutes(collection.preset) + collection.ingestionDelayMinutes;
}

/**
 * Default lookback: one interval more than the minimum (a late batch does not empty the window), and never under
 * the historical defaults (restarts and custom queries look at 15 minutes).
 */
export function defaultLookbackMinutes(type: CheckType, collection: CollectionSettings): number {
  const floor = type === 'restarts' || type === 'custom' ? 15 : 5;
  return Math.max(floor, minimumLookbackMinutes(type, collection) + collectionIntervalMinutes(collection.preset));
}
