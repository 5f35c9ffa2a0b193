import type { ClusterHealth, ClusterSegment, TelemetryCluster, TelemetrySource } from '../../../emulator/telemetrySource';

export const T0 = Date.parse('2026-11-21T00:00:00Z');
export const HEALTHY: ClusterHealth = { notReadyNodes: 0, failedPods: 0, pendingPvcs: 0, metricsFlowing: true, restarts: 0 };

export function cluster(name: string, nodeCount: number, extra: Partial<TelemetryCluster> = {}): TelemetryCluster {
  return {
    resourceId: `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    location: 'westeurope',
    nodeCount,
    workloads: [{ namespace: 'shop', controllerName: 'web', controllerKind: 'ReplicaSet', replicas: 3 }],
    pvcCount: 2,
    ...extra,
  };
}

export function segment(fromMs: number, health: Partial<ClusterHealth> = {}, extra: Partial<ClusterSegment> = {}): ClusterSegment {
  return { fromMs, kubernetesVersion: '1.33.2', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0', upgrading: false, health: { ...HEALTHY, ...health }, ...extra };
}

/** A TelemetrySource over fixed clusters and segments, with a settable virtual clock. */
export function fakeTelemetry(
  workspaces: Record<string, readonly TelemetryCluster[]>,
  segments: Record<string, readonly ClusterSegment[]>,
  nowMs: number,
): TelemetrySource & { now: number } {
  const src = {
    now: nowMs,
    nowMs: () => src.now,
    clustersForWorkspace: (id: string) => workspaces[id] ?? [],
    segments: (resourceId: string) => segments[resourceId.split('/').pop()!] ?? [segment(T0 - 30 * 86_400_000)],
  };
  return src;
}
