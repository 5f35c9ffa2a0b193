import type { ClusterState, FleetState, GateRt, GateTarget, MemberRt, RunState } from './worldTypes';

/** What the update-run engine needs from the simulation (keeps the engine free of scheduling and I/O). */
export interface RunHost {
  nowMs(): number;
  fleet(run: RunState): FleetState;
  cluster(resourceId: string): ClusterState | undefined;
  regionHasKubernetes(region: string, version: string): boolean;
  /** Newest node image version suffix in a region (e.g. 202611.14.0). */
  regionNodeImage(region: string): string | undefined;
  /** Creates the gate resource for a run position and emits FleetGateCreated. */
  createGate(run: RunState, gate: GateRt, target: GateTarget): void;
  /** Marks a gate resource Skipped (its group/stage was skipped). */
  skipGate(run: RunState, gate: GateRt): void;
  startUpgrade(run: RunState, member: MemberRt, cluster: ClusterState, plan: { kubernetesVersion?: string; nodeImage?: string }): void;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export const DONE = new Set(['Completed', 'Skipped']);
