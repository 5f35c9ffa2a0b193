import { newEtag } from '../arm/etag';
import { AKS_EVENT, aksEvent, type GridEvent } from '../events/gridEvent';
import { compareImageVersions, parseNodeImage } from './versions';
import type { ClusterState, InFlightUpgrade, UpgradeFailure } from './worldTypes';
import type { BlockingPdb } from '../scenario/scenarioTypes';

/** Starts an AKS upgrade on the cluster (it is `Upgrading` until `endsAtMs`) and announces the pools rolling. */
export function beginClusterUpgrade(
  cluster: ClusterState,
  owner: { runKey: string; memberName: string },
  plan: { kubernetesVersion?: string; nodeImage?: string },
  nowMs: number,
  emit: (e: GridEvent) => void,
): void {
  const pdb = cluster.blockingPdb;
  const failure = pdb
    ? drainFailure(cluster, pdb)
    : cluster.failure && (!cluster.failure.toVersion || cluster.failure.toVersion === plan.kubernetesVersion)
      ? cluster.failure
      : undefined;
  cluster.upgrading = {
    ...owner,
    startedMs: nowMs,
    // A blocked drain holds the upgrade until AKS's drain timeout, then fails it (see drainFailure).
    endsAtMs: nowMs + (pdb ? pdb.drainTimeoutMinutes : cluster.upgradeMinutes) * 60_000,
    ...(pdb ? { blockedDrain: { namespace: pdb.namespace, pdb: pdb.name, sinceMs: nowMs } } : {}),
    ...(plan.kubernetesVersion ? { targetKubernetesVersion: plan.kubernetesVersion } : {}),
    ...(plan.nodeImage ? { targetNodeImage: plan.nodeImage } : {}),
    ...(failure ? { failure } : {}),
  };
  const at = new Date(nowMs).toISOString();
  for (const pool of cluster.agentPools) emit(aksEvent(cluster, AKS_EVENT.rollingStarted, { nodePoolName: pool.name }, at));
}

/**
 * A PodDisruptionBudget allowing no disruption blocks the node drain: AKS retries the eviction until the drain timeout
 * (`upgradeSettings.drainTimeoutInMinutes`, default 30 minutes) passes, then fails the upgrade with `UpgradeFailed`
 * and this message (Microsoft Learn, "Troubleshoot UpgradeFailed errors due to eviction failures caused by PDBs",
 * error-code-poddrainfailure; the default undrainable-node behavior leaves the cluster Failed). The pod and node
 * names are the emulator's: the first node of the pool and a pod of the PDB's namespace.
 */
function drainFailure(cluster: ClusterState, pdb: BlockingPdb): UpgradeFailure {
  const node = `aks-${cluster.agentPools[0]?.name ?? 'nodepool1'}-vmss000000`;
  const pod = `${pdb.name.replace(/-pdb$/, '')}-0`;
  return {
    code: 'UpgradeFailed',
    message: `Drain node ${node} failed when evicting pod ${pod} failed with Too Many Requests error. This is often caused by a restrictive Pod Disruption Budget (PDB) policy. See https://aka.ms/aks/debugdrainfailures. Original error: Cannot evict pod as it would violate the pod's disruption budget.. PDB debug info: ${pdb.namespace}/${pod} blocked by pdb ${pdb.name} with 0 unready pods.`,
  };
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
