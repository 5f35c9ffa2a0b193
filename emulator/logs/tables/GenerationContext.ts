import type { ClusterSegment } from '../../telemetrySource';
import type { KqlValue } from '../kql/kqlTypes';
import type { ClusterModel } from './clusterModel';
import type { ClusterTimeline } from './clusterTimeline';

/** One cluster's generation job: its model, timeline and the visible time range [fromMs, toMs]. */
export interface GenerationContext {
  readonly workspaceId: string;
  readonly model: ClusterModel;
  readonly timeline: ClusterTimeline;
  readonly fromMs: number;
  readonly toMs: number;
  readonly intervalMs: number;
}

export type RowSink = KqlValue[][];

/**
 * Calls `visit` for each sample time (multiples of intervalMs) in [fromMs, toMs] at which the cluster exists and its
 * monitoring agent is sending data (health.metricsFlowing).
 */
export function forEachSample(ctx: GenerationContext, visit: (t: number, segment: ClusterSegment, index: number) => void): void {
  const step = ctx.intervalMs;
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
    visit(t, segment, index);
  }
}
