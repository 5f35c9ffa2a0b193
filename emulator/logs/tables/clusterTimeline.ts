import type { ClusterSegment } from '../../telemetrySource';

/**
 * How long an upgrade spends on one node: 40 % cordoned and draining, 40 % NotReady while reimaged, then Ready on
 * the new version. 5 minutes per node, shortened so that every node is done when the upgrade's end is known.
 */
export const NODE_CYCLE_MS = 5 * 60_000;
const CORDON_SHARE = 0.4;
const REIMAGE_SHARE = 0.4;

export type NodeStatus = 'Ready' | 'NotReady' | 'Ready,SchedulingDisabled';

export interface NodeState {
  readonly status: NodeStatus;
  readonly kubeletVersion: string;
  readonly nodeImageVersion: string;
  readonly lastTransitionMs: number;
  /** True while the node is cordoned or reimaging for an upgrade (its pods are elsewhere). */
  readonly draining: boolean;
}

interface UpgradeRun {
  readonly startMs: number;
  readonly fromVersion: string;
  readonly fromImage: string;
  readonly toVersion: string;
  readonly toImage: string;
  readonly cycleMs: number;
}

/** Time-dependent state of one cluster, read from its piecewise-constant segments. */
export class ClusterTimeline {
  private readonly runs: (UpgradeRun | undefined)[] = [];
  private readonly cumulativeRestarts: number[] = [];

  constructor(
    readonly segments: readonly ClusterSegment[],
    private readonly nodeCount: number,
  ) {
    let run: UpgradeRun | undefined;
    let restarts = 0;
    segments.forEach((s, i) => {
      const prev = segments[i - 1];
      if (!s.upgrading) run = undefined;
      else if (!run || !prev || prev.kubernetesVersion !== s.kubernetesVersion || prev.nodeImageVersion !== s.nodeImageVersion) run = this.startRun(i);
      this.runs.push(run);
      if (prev) restarts += (prev.health.restarts * (s.fromMs - prev.fromMs)) / 3_600_000;
      this.cumulativeRestarts.push(restarts);
    });
  }

  /**
   * An upgrade run starting at segment i. Nodes move from the previous segment's versions to the target: the
   * upgrading segment's own versions when they differ, else (the simulation keeps the current version while
   * upgrading) those of the first segment after the run — unknown while the run is still going.
   */
  private startRun(i: number): UpgradeRun {
    const segs = this.segments;
    const s = segs[i]!;
    const prev = segs[i - 1] ?? s;
    let end = i + 1;
    while (end < segs.length && segs[end]!.upgrading && segs[end]!.kubernetesVersion === s.kubernetesVersion && segs[end]!.nodeImageVersion === s.nodeImageVersion) end++;
    const after = segs[end];
    const changed = s.kubernetesVersion !== prev.kubernetesVersion || s.nodeImageVersion !== prev.nodeImageVersion;
    const target = changed || !after || after.upgrading ? s : after;
    const durationMs = after ? after.fromMs - s.fromMs : Infinity;
    return {
      startMs: s.fromMs,
      fromVersion: prev.kubernetesVersion,
      fromImage: prev.nodeImageVersion,
      toVersion: target.kubernetesVersion,
      toImage: target.nodeImageVersion,
      cycleMs: Math.min(NODE_CYCLE_MS, durationMs / Math.max(1, this.nodeCount)),
    };
  }

  /** Index of the segment in force at t, or -1 before the first one. */
  indexAt(t: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    if (hi < 0 || segs[0]!.fromMs > t) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.fromMs <= t) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** Cluster-wide container restarts accumulated up to t (integrates health.restarts per hour). */
  restartsAt(t: number, index = this.indexAt(t)): number {
    if (index < 0) return 0;
    const s = this.segments[index]!;
    return Math.floor(this.cumulativeRestarts[index]! + (s.health.restarts * (t - s.fromMs)) / 3_600_000);
  }

  nodeState(t: number, node: number, index = this.indexAt(t)): NodeState {
    const s = this.segments[index]!;
    const run = this.runs[index];
    let status: NodeStatus = 'Ready';
    let version = s.kubernetesVersion;
    let image = s.nodeImageVersion;
    let lastTransitionMs = this.segments[0]!.fromMs;
    let draining = false;
    if (run) {
      const cycle = run.cycleMs;
      const cordonMs = cycle * CORDON_SHARE;
      const reimagedMs = cycle * (CORDON_SHARE + REIMAGE_SHARE);
      const elapsed = t - run.startMs;
      const active = Math.floor(elapsed / cycle);
      const phase = elapsed - active * cycle;
      const upgraded = node < active || (node === active && phase >= cordonMs);
      version = upgraded ? run.toVersion : run.fromVersion;
      image = upgraded ? run.toImage : run.fromImage;
      if (node === active) {
        draining = phase < reimagedMs;
        status = phase < cordonMs ? 'Ready,SchedulingDisabled' : draining ? 'NotReady' : 'Ready';
        if (status === 'NotReady') lastTransitionMs = run.startMs + active * cycle + cordonMs;
      }
      if (node < active || (node === active && !draining)) lastTransitionMs = run.startMs + node * cycle + reimagedMs;
    }
    if (status !== 'NotReady' && node >= this.nodeCount - s.health.notReadyNodes) {
      status = 'NotReady';
      lastTransitionMs = s.fromMs;
    }
    return { status, kubeletVersion: `v${version}`, nodeImageVersion: image, lastTransitionMs, draining };
  }
}
