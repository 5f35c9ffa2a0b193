import type { ClusterSegment } from '../../telemetrySource';

/** How long an upgrade spends on one node: cordon+drain, then NotReady while reimaged, then Ready on the new version. */
export const NODE_CYCLE_MS = 5 * 60_000;
const CORDON_MS = 2 * 60_000;
const REIMAGE_MS = 2 * 60_000;

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
      else if (!run || !prev || prev.kubernetesVersion !== s.kubernetesVersion || prev.nodeImageVersion !== s.nodeImageVersion) {
        // A new upgrade run: nodes move from the previous segment's versions to this one's, one at a time.
        run = { startMs: s.fromMs, fromVersion: prev?.kubernetesVersion ?? s.kubernetesVersion, fromImage: prev?.nodeImageVersion ?? s.nodeImageVersion };
      }
      this.runs.push(run);
      if (prev) restarts += (prev.health.restarts * (s.fromMs - prev.fromMs)) / 3_600_000;
      this.cumulativeRestarts.push(restarts);
    });
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
      const elapsed = t - run.startMs;
      const active = Math.floor(elapsed / NODE_CYCLE_MS);
      const phase = elapsed - active * NODE_CYCLE_MS;
      if (node > active || (node === active && phase < CORDON_MS)) { version = run.fromVersion; image = run.fromImage; }
      if (node === active) {
        draining = phase < CORDON_MS + REIMAGE_MS;
        status = phase < CORDON_MS ? 'Ready,SchedulingDisabled' : draining ? 'NotReady' : 'Ready';
        if (status === 'NotReady') lastTransitionMs = run.startMs + active * NODE_CYCLE_MS + CORDON_MS;
      }
      if (node < active || (node === active && !draining)) lastTransitionMs = run.startMs + node * NODE_CYCLE_MS + CORDON_MS + REIMAGE_MS;
    }
    if (status !== 'NotReady' && node >= this.nodeCount - s.health.notReadyNodes) {
      status = 'NotReady';
      lastTransitionMs = s.fromMs;
    }
    return { status, kubeletVersion: `v${version}`, nodeImageVersion: image, lastTransitionMs, draining };
  }
}
