import type { UpgradeTarget } from '../versions/fleetFacts';

/** Start/end of anything in a run, as Fleet reports it (ISO strings). */
export interface StatusTimes {
  readonly state: string;
  readonly startTime?: string;
  readonly completedTime?: string;
}

export interface MemberSnapshot extends StatusTimes {
  readonly name: string;
  readonly clusterResourceId?: string;
  readonly message?: string;
  readonly error?: { readonly code?: string; readonly message?: string };
}

/** A Fleet gate entry inside the run status (`beforeGates`/`afterGates`). */
export interface GateEntrySnapshot extends StatusTimes {
  readonly displayName: string;
  readonly timing: 'Before' | 'After';
  /** The gate's GUID, once the run reached it. */
  readonly gateId?: string;
}

export interface GroupSnapshot extends StatusTimes {
  readonly name: string;
  readonly members: readonly MemberSnapshot[];
  readonly gates: readonly GateEntrySnapshot[];
}

export interface StageSnapshot extends StatusTimes {
  readonly name: string;
  readonly groups: readonly GroupSnapshot[];
  readonly gates: readonly GateEntrySnapshot[];
  readonly afterStageWait?: StatusTimes & { readonly waitDurationInSeconds?: number };
}

/**
 * An update run as Conductor last observed it in Fleet: state, target and the whole status tree with times.
 * Kept in history so operators can see runs long after Fleet's own view moved on.
 */
export interface RunSnapshot extends StatusTimes {
  readonly fleetName: string;
  readonly fleetId: string;
  readonly runName: string;
  /** When Fleet created the run (systemData.createdAt), or first seen by Conductor. */
  readonly createdAt: string;
  readonly observedAt: string;
  readonly target?: UpgradeTarget;
  /** Who created it: `fleet-conductor`, `auto-upgrade-profile:<name>`, or who Fleet says (systemData.createdBy). */
  readonly createdBy: string;
  /** Set when the run disappeared from Fleet (state `Deleted`): when it was last seen there. */
  readonly lastSeenAt?: string;
  readonly stages: readonly StageSnapshot[];
}
