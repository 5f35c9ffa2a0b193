import { newEtag } from '../arm/etag';
import { AKS_EVENT, aksEvent, type GridEvent } from '../events/gridEvent';
import { compareImageVersions, parseNodeImage } from './versions';
import type { ClusterState, InFlightUpgrade } from './worldTypes';

/** Starts an AKS upgrade on the cluster (it is `Upgrading` until `endsAtMs`) and announces the pools rolling. */
export function beginClusterUpgrade(
  cluster: ClusterState,
  owner: { runKey: string; memberName: string },
  plan: { kubernetesVersion?: string; nodeImage?: string },
  nowMs: number,
  emit: (e: GridEvent) => void,
): void {
  const failure = cluster.failure && (!cluster.failure.toVersion || cluster.failure.toVersion === plan.kubernetesVersion) ? cluster.failure : undefined;
  cluster.upgrading = {
    ...owner,
    startedMs: nowMs,
    endsAtMs: nowMs + cluster.upgradeMinutes * 60_000,
    ...(plan.kubernetesVersion ? { targetKubernetesVersion: plan.kubernetesVersion } : {}),
    ...(plan.nodeImage ? { targetNodeImage: plan.nodeImage } : {}),
    ...(failure ? { failure } : {}),
  };
  const at = new Date(nowMs).toISOString();
  for (const pool of cluster.agentPools) emit(aksEvent(cluster, AKS_EVENT.rollingStarted, { nodePoolName: pool.name }, at));
}

/** Ends the in-flight upgrade: on success the new version and images apply; either way the pools report. */
export function endClusterUpgrade(cluster: ClusterState, op: InFlightUpgrade, nowMs: number, emit: (e: GridEvent) => void): void {
  delete cluster.upgrading;
  const at = new Date(nowMs).toISOString();
  if (!op.failure) {
    if (op.targetKubernetesVersion) cluster.kubernetesVersion = op.targetKubernetesVersion;
    if (op.targetNodeImage)
      for (const pool of cluster.agentPools) {
        const parsed = parseNodeImage(pool.nodeImageVersion);
        if (compareImageVersions(parsed.version, op.targetNodeImage) < 0) pool.nodeImageVersion = `${parsed.family}-${op.targetNodeImage}`;
      }
    cluster.etag = newEtag();
  }
  const type = op.failure ? AKS_EVENT.rollingFailed : AKS_EVENT.rollingSucceeded;
  for (const pool of cluster.agentPools) emit(aksEvent(cluster, type, { nodePoolName: pool.name }, at));
}
