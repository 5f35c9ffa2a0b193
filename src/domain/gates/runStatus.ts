/**
 * The minimal slice of a Fleet update run's status tree (`properties.status`) that gates need. Adapters map
 * the ARM JSON onto it; unknown fields are ignored and states stay strings so new Fleet states do not break parsing.
 */

/** Fleet `UpdateState` as Fleet wrote it; read it through `domain/runs/fleetRunState` (the union and its predicates). */
export type UpdateState = string;

export interface RunMemberStatus {
  readonly name: string;
  /** The managed cluster ARM id (what Container Insights writes in ClusterId). */
  readonly clusterResourceId?: string | null;
  /** `completedTime`: when the member's upgrade finished (Fleet sets it on Completed members). */
  readonly status?: { readonly state?: UpdateState | null; readonly completedTime?: string | null } | null;
}

export interface RunGroupStatus {
  readonly name: string;
  readonly members?: readonly RunMemberStatus[] | null;
}

export interface RunStageStatus {
  readonly name: string;
  readonly groups?: readonly RunGroupStatus[] | null;
}

export interface RunStatusView {
  readonly stages?: readonly RunStageStatus[] | null;
}

/** Where a gate sits: `target.updateRunProperties` of the Gate resource. `group` only for group gates. */
export interface GateTarget {
  readonly stage: string;
  readonly group?: string;
  readonly timing: 'Before' | 'After';
}
