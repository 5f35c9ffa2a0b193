import type { ClusterSegment } from '../../telemetrySource';
import type { ClusterModel, PodModel } from './clusterModel';
import type { ClusterTimeline } from './clusterTimeline';

/** How a pod slot is failing in one segment. */
export type PodFailure = 'crashLoop' | 'imagePull' | 'unschedulable' | undefined;

/** Pods that fail modes can hit: Deployment/StatefulSet pods (DaemonSet pods follow their node; Job pods have completed). */
const eligible = (pod: PodModel): boolean => pod.controllerKind === 'ReplicaSet' || pod.controllerKind === 'StatefulSet';

/**
 * Which slots fail, per segment: the health counts are taken in turn (crash loops, then image pulls, then
 * unschedulable) from the eligible slots ordered `failingNamespace` first, then scenario workloads, then system pods.
 */
export class PodFailures {
  private readonly cache = new Map<number, number[]>();

  constructor(
    private readonly model: ClusterModel,
    private readonly timeline: ClusterTimeline,
  ) {}

  private ranks(segment: ClusterSegment): number[] {
    const ns = segment.health.failingNamespace;
    const pods = this.model.pods;
    const order = [...pods.keys()].filter((p) => eligible(pods[p]!)).sort((a, b) => {
      const key = (p: number): number => (ns !== undefined && pods[p]!.namespace === ns ? 0 : pods[p]!.system ? 2 : 1);
      return key(a) - key(b) || a - b;
    });
    const out = new Array<number>(pods.length).fill(-1);
    order.forEach((p, r) => (out[p] = r));
    return out;
  }

  failureOf(slot: number, index: number): PodFailure {
    const segment = this.timeline.segments[index];
    if (!segment) return undefined;
    let ranks = this.cache.get(index);
    if (!ranks) {
      ranks = this.ranks(segment);
      this.cache.set(index, ranks);
    }
    const r = ranks[slot] ?? -1;
    if (r < 0) return undefined;
    const h = segment.health;
    const crash = (h.crashLoopingPods ?? 0) + h.failedPods;
    const pull = crash + (h.imagePullBackOffPods ?? 0);
    const unsched = pull + (h.unschedulablePods ?? 0);
    return r < crash ? 'crashLoop' : r < pull ? 'imagePull' : r < unsched ? 'unschedulable' : undefined;
  }

  /** Start of the run of segments, up to `index`, in which the slot has had the same failure. */
  failingSince(slot: number, index: number): number {
    const mode = this.failureOf(slot, index);
    let j = index;
    while (j > 0 && this.failureOf(slot, j - 1) === mode) j--;
    return this.timeline.segments[j]!.fromMs;
  }
}

/**
 * Restarts of a crash-looping container `elapsedMs` after it started failing: the kubelet restarts it after a
 * back-off of 10 s, doubling up to 5 minutes (Kubernetes docs "Pod Lifecycle", container restart policy).
 */
export function crashLoopRestarts(elapsedMs: number): number {
  if (elapsedMs < 0) return 0;
  let delay = 10_000;
  let at = 0;
  let count = 0;
  while (delay < 300_000) {
    at += delay;
    if (at > elapsedMs) return count;
    count += 1;
    delay *= 2;
  }
  return count + Math.floor((elapsedMs - at) / 300_000);
}
