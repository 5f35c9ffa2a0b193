import type { ClusterSegment } from '../../telemetrySource';
import type { KqlValue } from '../kql/kqlTypes';
import { hash32, type ClusterModel } from './clusterModel';
import type { ClusterTimeline } from './clusterTimeline';

/** Log Analytics ingestion latency: each batch becomes visible between minMs and maxMs after its TimeGenerated. */
export interface IngestionDelay {
  readonly minMs: number;
  readonly maxMs: number;
  readonly seed: string;
}

/** One cluster's generation job for one table: its model, timeline and the visible time range [fromMs, toMs]. */
export interface GenerationContext {
  readonly workspaceId: string;
  readonly table: string;
  readonly model: ClusterModel;
  readonly timeline: ClusterTimeline;
  readonly fromMs: number;
  readonly toMs: number;
  /** The `standard` preset's interval (scenario `logs.sampleIntervalSeconds`, default 60 s). */
  readonly intervalMs: number;
  readonly nowMs: number;
  readonly delay: IngestionDelay;
}

export type RowSink = KqlValue[][];

/**
 * The Container Insights "Cost-optimized" preset collects every 5 minutes and leaves out these namespaces
 * (Microsoft docs "Configure data collection in Container insights using data collection rule", cost presets;
 * docs/azure-apis.md §8).
 */
export const COST_OPTIMIZED_INTERVAL_MS = 5 * 60_000;
const COST_OPTIMIZED_EXCLUDED = new Set(['kube-system', 'gatekeeper-system', 'azure-arc']);

/** Whether the agent collects rows of this namespace under the segment's preset. */
export function collectsNamespace(segment: ClusterSegment, namespace: string): boolean {
  return segment.health.collectionPreset !== 'cost-optimized' || !COST_OPTIMIZED_EXCLUDED.has(namespace);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The seeded ingestion delay of one batch (cluster, table, sample time). */
export function batchDelayMs(ctx: Pick<GenerationContext, 'delay' | 'model' | 'table'>, t: number): number {
  const { minMs, maxMs, seed } = ctx.delay;
  if (maxMs <= minMs) return minMs;
  return minMs + (hash32(`${seed}|${ctx.model.resourceIdLower}|${ctx.table}|${t}`) % (maxMs - minMs + 1));
}

/**
 * Calls `visit` for each sample time in [fromMs, toMs] at which the cluster exists, its monitoring agent is sending
 * data (health.metricsFlowing) and the batch has been ingested by now. Samples fall on multiples of the preset's
 * interval: intervalMs under `standard`, 5 minutes under `cost-optimized`. Every row of one pass shares its
 * TimeGenerated, as the agent stamps a whole enumeration with one batchTime (`batchTime = currentTime.utc.iso8601`
 * in `enumerate`, written as CollectionTime, which becomes TimeGenerated): microsoft/Docker-Provider@093dc0b
 * source/plugins/ruby/in_kube_podinventory.rb:L152, L487; @083f7b4 in_kube_nodes.rb:L120, L470; PVs likewise
 * (in_kube_pvinventory.rb:L68, L154 in the fork rsegers/Docker-Provider@018696f). KubeEvents rows instead carry the
 * event's creationTimestamp (@69eeda6 in_kube_events.rb:L201), which generateEventRows stamps instead.
 */
export function forEachSample(ctx: GenerationContext, visit: (t: number, segment: ClusterSegment, index: number) => void): void {
  const step = gcd(ctx.intervalMs, COST_OPTIMIZED_INTERVAL_MS);
  const first = Math.ceil(ctx.fromMs / step) * step;
  let index = ctx.timeline.indexAt(first);
  const segments = ctx.timeline.segments;
  for (let t = first; t <= ctx.toMs; t += step) {
    while (index + 1 < segments.length && segments[index + 1]!.fromMs <= t) index++;
    if (index < 0) {
      if (segments[0] && segments[0].fromMs <= t) index = 0; else continue;
    }
    const segment = segments[index]!;
    if (!segment.health.metricsFlowing) continue;
    const interval = segment.health.collectionPreset === 'cost-optimized' ? COST_OPTIMIZED_INTERVAL_MS : ctx.intervalMs;
    if (t % interval !== 0) continue;
    if (t + batchDelayMs(ctx, t) > ctx.nowMs) continue;
    visit(t, segment, index);
  }
}
