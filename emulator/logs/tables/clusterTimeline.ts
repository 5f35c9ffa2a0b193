import type { ClusterSegment } from '../../telemetrySource';

/**
 * How long an upgrade spends on one node: 40 % cordoned and draining, 40 % NotReady while reimaged, then Ready on
 * the new version. 5 minutes per node, shortened so that every node (and the surge node's removal) is done when the
 * upgrade's end is known.
 */
export const NODE_CYCLE_MS = 5 * 60_000;
const CORDON_SHARE = 0.4;
const REIMAGE_SHARE = 0.4;
/** Kubernetes' default terminationGracePeriodSeconds: an evicted pod is listed as Terminating this long. */
export const TERMINATION_GRACE_MS = 30_000;
/** A replacement pod is Pending with containers ContainerCreating this long before it runs. */
export const CONTAINER_CREATING_MS = 20_000;

/** Index of the surge (buffer) node in placement answers: one past the cluster's own nodes. */
export const SURGE = -1;

export interface NodeState {
  /** Whether the node's Ready condition is True. */
  readonly ready: boolean;
  /** spec.unschedulable (cordoned); the agent's Status is true conditions only (in_kube_nodes.rb@083f7b4:L499-L517). */
  readonly cordoned: boolean;
  readonly kubeletVersion: string;
  readonly nodeImageVersion: string;
  readonly lastTransitionMs: number;
}

interface UpgradeRun {
  readonly ordinal: number;
  readonly startMs: number;
  /** When the cluster stopped upgrading (Infinity while it still is). */
  readonly endMs: number;
  readonly fromVersion: string;
  readonly fromImage: string;
  readonly toVersion: string;
  readonly toImage: string;
  readonly cycleMs: number;
}

/** Where a pod slot is at t: its pod (by eviction count), the node it runs on, and the pod it replaced if that one is still terminating. */
export interface Placement {
  readonly generation: number;
  /** Node index, or SURGE for the surge node. */
  readonly host: number;
  /** When the current pod was created (its predecessor's eviction), or undefined for the original pod. */
  readonly createdMs?: number;
  readonly terminating?: { readonly generation: number; readonly host: number };
}

/** Time-dependent state of one cluster, read from its piecewise-constant segments. */
export class ClusterTimeline {
  private readonly runs: (UpgradeRun | undefined)[] = [];
  private readonly runList: UpgradeRun[] = [];
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
        run = this.startRun(i, this.runList.length);
        this.runList.push(run);
      }
      this.runs.push(run);
      if (prev) restarts += (prev.health.restarts * (s.fromMs - prev.fromMs)) / 3_600_000;
      this.cumulativeRestarts.push(restarts);
    });
  }

  /**
   * An upgrade run starting at segment i. Nodes move from the previous segment's versions to the target: the
   * upgrading segment's own versions when they differ, else (the simulation keeps the current version while
   * upgrading) those of the first segment after the run — unknown while the run is still going.
   * AKS adds one surge node first, then drains and reimages the nodes one by one, and deletes the last buffer node
   * at the end (docs/azure-apis.md §8): N + 1 cycles.
   */
  private startRun(i: number, ordinal: number): UpgradeRun {
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
      ordinal,
      startMs: s.fromMs,
      endMs: after ? after.fromMs : Infinity,
      fromVersion: prev.kubernetesVersion,
      fromImage: prev.nodeImageVersion,
      toVersion: target.kubernetesVersion,
      toImage: target.nodeImageVersion,
      cycleMs: Math.min(NODE_CYCLE_MS, durationMs / (Math.max(1, this.nodeCount) + 1)),
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

  /** The upgrade run in progress at segment `index`, if any. */
  runAt(index: number): UpgradeRun | undefined {
    return this.runs[index];
  }

  nodeState(t: number, node: number, index = this.indexAt(t)): NodeState {
    const s = this.segments[index]!;
    const run = this.runs[index];
    let ready = true;
    let cordoned = false;
    let version = s.kubernetesVersion;
    let image = s.nodeImageVersion;
    let lastTransitionMs = this.segments[0]!.fromMs;
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
        cordoned = phase < reimagedMs;
        ready = !(phase >= cordonMs && phase < reimagedMs);
        if (!ready) lastTransitionMs = run.startMs + active * cycle + cordonMs;
      }
      if (node < active || (node === active && phase >= reimagedMs)) lastTransitionMs = run.startMs + node * cycle + reimagedMs;
    }
    if (ready && node >= this.nodeCount - s.health.notReadyNodes) {
      ready = false;
      lastTransitionMs = s.fromMs;
    }
    return { ready, cordoned, kubeletVersion: `v${version}`, nodeImageVersion: image, lastTransitionMs };
  }

  /** The surge node at t: present from the run's start until it is drained and deleted in the run's last cycle. */
  surgeState(t: number, index = this.indexAt(t)): (NodeState & { readonly createdMs: number; readonly ordinal: number }) | undefined {
    const run = index < 0 ? undefined : this.runs[index];
    if (!run) return undefined;
    const drainMs = run.startMs + this.nodeCount * run.cycleMs;
    if (t >= drainMs + run.cycleMs * CORDON_SHARE) return undefined;
    return {
      ready: true, cordoned: t >= drainMs, kubeletVersion: `v${run.toVersion}`, nodeImageVersion: run.toImage,
      lastTransitionMs: run.startMs, createdMs: run.startMs, ordinal: run.ordinal,
    };
  }

  /**
   * Where a Deployment/StatefulSet pod slot whose first pod ran on `home` is at t. Draining node k evicts its pods;
   * they are replaced (new name and UID, never moved) on the surge node (k = 0) or on node k - 1, already upgraded;
   * draining the surge node at the end replaces its pods on the last node.
   */
  placement(t: number, home: number): Placement {
    const n = Math.max(1, this.nodeCount);
    let host = home;
    let generation = 0;
    let createdMs: number | undefined;
    let previous: { generation: number; host: number } | undefined;
    for (const run of this.runList) {
      if (run.startMs > t) break;
      const evict = (at: number, to: number): boolean => {
        if (at > t || at >= run.endMs) return false;
        previous = { generation, host };
        generation += 1;
        host = to;
        createdMs = at;
        return true;
      };
      if (host !== SURGE && host < n) {
        const moved = evict(run.startMs + host * run.cycleMs, host === 0 ? SURGE : host - 1);
        if (!moved) continue;
      }
      if (host === SURGE) evict(run.startMs + n * run.cycleMs, n - 1);
    }
    const terminating = createdMs !== undefined && t - createdMs < TERMINATION_GRACE_MS ? previous : undefined;
    return { generation, host, ...(createdMs !== undefined ? { createdMs } : {}), ...(terminating ? { terminating } : {}) };
  }
}
