import type { ClusterSegment } from '../../telemetrySource';
import type { KqlValue } from '../kql/kqlTypes';
import type { ClusterModel } from './clusterModel';
import { ClusterTimeline } from './clusterTimeline';

interface TimelineEntry {
  readonly length: number;
  readonly last: ClusterSegment | undefined;
  readonly nodeCount: number;
  readonly timeline: ClusterTimeline;
  /** Generated rows of this timeline, for one virtual instant only (`nowMs`): keyed by model, workspace, table, range. */
  nowMs: number;
  readonly rows: Map<string, readonly KqlValue[][]>;
}

/** Distinct batches kept per cluster and instant (a gate's checks read a handful; anything beyond is regenerated). */
const MAX_BATCHES_PER_CLUSTER = 64;

/**
 * Rows the generators produced, kept across queries of one logs service so that the checks of a gate (several
 * queries over the same clusters, tables and window at the same virtual instant) generate each cluster's rows once.
 *
 * Exactness: a generator's output is a pure function of (model, timeline, workspace, table, range, interval, now,
 * ingestion delay) — no clock, no randomness (seeded hashes only). The timeline is a function of the cluster's
 * segments, which the simulation only appends to (or replaces the last of at the same instant: sim/clusterTelemetry
 * appendSegment), so (segment array, its length, its last segment) identifies it; any change there builds a new
 * timeline and drops its rows. Rows are kept for the newest virtual instant only: when time moves, every row is
 * generated again (ingestion delays and the agent's sampling depend on now). Cached rows are frozen, so an operator
 * that would write into a shared row fails loudly instead of changing another query's answer.
 */
export class GeneratedRowCache {
  private readonly timelines = new WeakMap<readonly ClusterSegment[], TimelineEntry>();
  private readonly byTimeline = new WeakMap<ClusterTimeline, TimelineEntry>();
  private readonly modelIds = new WeakMap<ClusterModel, number>();
  private nextModelId = 1;

  /** The cluster's timeline over its current segments (shared while they do not change). */
  timeline(segments: readonly ClusterSegment[], nodeCount: number): ClusterTimeline {
    return this.entry(segments, nodeCount).timeline;
  }

  /** The rows `generate` writes for this batch, generated once per (timeline, model, batch key) at instant `nowMs`. */
  rows(timeline: ClusterTimeline, model: ClusterModel, nowMs: number, batchKey: string, generate: (out: KqlValue[][]) => void): readonly KqlValue[][] {
    const entry = this.byTimeline.get(timeline);
    if (!entry) {
      const out: KqlValue[][] = [];
      generate(out);
      return out;
    }
    if (entry.nowMs !== nowMs) {
      entry.rows.clear();
      entry.nowMs = nowMs;
    }
    const key = `${this.modelId(model)}|${batchKey}`;
    const cached = entry.rows.get(key);
    if (cached) return cached;
    const out: KqlValue[][] = [];
    generate(out);
    for (const row of out) Object.freeze(row);
    if (entry.rows.size >= MAX_BATCHES_PER_CLUSTER) entry.rows.clear();
    entry.rows.set(key, out);
    return out;
  }

  private entry(segments: readonly ClusterSegment[], nodeCount: number): TimelineEntry {
    const last = segments[segments.length - 1];
    const known = this.timelines.get(segments);
    if (known && known.length === segments.length && known.last === last && known.nodeCount === nodeCount) return known;
    // The timeline reads the segment array it is given: hand it a copy, so later appends never reach a kept one.
    const entry: TimelineEntry = { length: segments.length, last, nodeCount, timeline: new ClusterTimeline(segments.slice(), nodeCount), nowMs: NaN, rows: new Map() };
    this.timelines.set(segments, entry);
    this.byTimeline.set(entry.timeline, entry);
    return entry;
  }

  private modelId(model: ClusterModel): number {
    let id = this.modelIds.get(model);
    if (id === undefined) {
      id = this.nextModelId++;
      this.modelIds.set(model, id);
    }
    return id;
  }
}
