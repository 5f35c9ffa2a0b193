import type { ClusterSegment, TelemetryCluster } from '../telemetrySource';
import { clusterKey } from './worldBuilder';
import type { ClusterState, FleetState } from './worldTypes';

/** Records the cluster's current state as a new piecewise-constant segment starting at `nowMs`. */
export function appendSegment(cluster: ClusterState, nowMs: number): void {
  const segment: ClusterSegment = {
    fromMs: nowMs,
    kubernetesVersion: cluster.kubernetesVersion,
    nodeImageVersion: cluster.agentPools[0]?.nodeImageVersion ?? '',
    upgrading: cluster.upgrading !== undefined,
    ...(cluster.upgrading?.blockedDrain ? { blockedDrain: cluster.upgrading.blockedDrain } : {}),
    health: { ...cluster.health },
  };
  const last = cluster.segments[cluster.segments.length - 1];
  // Two changes at the same virtual instant: the earlier state never existed for any duration.
  if (last && last.fromMs === segment.fromMs) cluster.segments[cluster.segments.length - 1] = segment;
  else cluster.segments.push(segment);
}

/** Clusters reporting to a workspace: the cluster's own workspace, else its fleet's (scenario default applied at build). */
export function clustersForWorkspace(fleets: Iterable<FleetState>, clusters: Iterable<ClusterState>, workspaceId: string): TelemetryCluster[] {
  const fleetWs = new Map<string, string>();
  for (const f of fleets) if (f.workspaceId) for (const m of f.members.values()) fleetWs.set(clusterKey(m.clusterResourceId), f.workspaceId);
  return [...clusters]
    .filter((c) => (c.workspaceId ?? fleetWs.get(clusterKey(c.resourceId)))?.toLowerCase() === workspaceId.toLowerCase())
    .map((c) => ({
      resourceId: c.resourceId,
      name: c.name,
      location: c.location,
      nodeCount: c.agentPools.reduce((n, p) => n + p.count, 0),
      workloads: c.workloads,
      pvcCount: c.pvcCount,
    }));
}
