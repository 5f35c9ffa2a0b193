import { containsControlCharacter } from '../checks/kqlLiteral';
import { fleetRunState } from '../runs/fleetRunState';
import type { GateTarget, RunMemberStatus, RunStatusView } from './runStatus';

/** A cluster the gate's checks cover. */
export interface GateCluster {
  readonly clusterId: string;
  readonly memberName: string;
  readonly state: string;
  /** When the member's upgrade finished (run status `completedTime`), if it has; measurement windows start no earlier. */
  readonly upgradedAt?: string;
}

/** A member left out of the checks, and why (kept in the gate record). */
export interface ExcludedMember {
  readonly memberName: string;
  readonly clusterId?: string;
  readonly state: string;
  readonly reason: 'MemberSkipped' | 'NoClusterResourceId' | 'UnsafeClusterId' | 'DuplicateCluster';
}

/** A member whose upgrade failed: the gate fails immediately. */
export interface FailedMember {
  readonly memberName: string;
  readonly clusterId?: string;
}

export type ClusterSelection =
  | {
      readonly kind: 'found';
      readonly clusters: readonly GateCluster[];
      readonly excluded: readonly ExcludedMember[];
      readonly failed: readonly FailedMember[];
    }
  | { readonly kind: 'targetNotFound'; readonly message: string };

/**
 * The clusters a gate checks: every member of the gated group, or of every group of the gated stage.
 * Skipped members are excluded (and recorded); Failed members are returned in `failed` (the gate fails);
 * members without a usable cluster id are excluded with a reason; duplicates are listed once.
 */
export function clustersForGate(runStatus: RunStatusView, target: GateTarget): ClusterSelection {
  const stage = (runStatus.stages ?? []).find((candidate) => candidate.name === target.stage);
  if (stage === undefined) return { kind: 'targetNotFound', message: `stage "${target.stage}" is not in the run status` };
  const groups = (stage.groups ?? []).filter((group) => target.group === undefined || group.name === target.group);
  if (target.group !== undefined && groups.length === 0) {
    return { kind: 'targetNotFound', message: `group "${target.group}" is not in stage "${target.stage}"` };
  }
  const clusters: GateCluster[] = [];
  const excluded: ExcludedMember[] = [];
  const failed: FailedMember[] = [];
  for (const member of groups.flatMap((group) => group.members ?? [])) {
    const state = member.status?.state ?? 'Unknown';
    const clusterId = usableClusterId(member);
    const withId = member.clusterResourceId == null ? {} : { clusterId: member.clusterResourceId };
    const known = fleetRunState(state);
    if (known === 'Failed') failed.push({ memberName: member.name, ...withId });
    else if (known === 'Skipped') excluded.push({ memberName: member.name, ...withId, state, reason: 'MemberSkipped' });
    else if (clusterId === undefined) {
      const reason = member.clusterResourceId == null || member.clusterResourceId === '' ? 'NoClusterResourceId' : 'UnsafeClusterId';
      excluded.push({ memberName: member.name, ...withId, state, reason });
    } else if (clusters.some((cluster) => cluster.clusterId.toLowerCase() === clusterId.toLowerCase())) {
      excluded.push({ memberName: member.name, clusterId, state, reason: 'DuplicateCluster' });
    } else {
      const completed = member.status?.completedTime;
      const upgradedAt = typeof completed === 'string' && !Number.isNaN(Date.parse(completed)) ? new Date(completed).toISOString() : undefined;
      clusters.push({ clusterId, memberName: member.name, state, ...(upgradedAt ? { upgradedAt } : {}) });
    }
  }
  return { kind: 'found', clusters, excluded, failed };
}

function usableClusterId(member: RunMemberStatus): string | undefined {
  const id = member.clusterResourceId;
  if (typeof id !== 'string' || id === '' || containsControlCharacter(id)) return undefined;
  return id;
}
