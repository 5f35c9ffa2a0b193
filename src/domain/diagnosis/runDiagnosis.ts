import type { UnreadFact, WarningEventFact } from './runFacts';

/** Why an active run is not progressing, one kind per cause. Stable: the HTTP API returns them. */
export type StuckCauseKind =
  /** A Conductor gate waits for humans to approve. */
  | 'GateAwaitingApproval'
  /** A Conductor gate is held Inconclusive (checks could not decide); it never passes by itself. */
  | 'GateInconclusive'
  /** A Conductor gate's approval expired with onExpire: hold. */
  | 'GateExpiredHeld'
  /** Fleet shows a Pending gate Conductor does not own (not `conductor:`) or has not seen yet. */
  | 'GatePendingNotOwned'
  /** A member waits because the target version (or node image) is not yet available in its region. */
  | 'MemberPendingVersionNotInRegion'
  /** A member waits for its planned-maintenance window to open. */
  | 'MemberPendingMaintenanceWindow'
  /** A member is Pending for a reason Fleet states but Conductor does not classify. */
  | 'MemberPending'
  /** A member has been upgrading for longer than expected. */
  | 'MemberUpgradeSlow';

export interface StuckCause {
  readonly kind: StuckCauseKind;
  /** The gate display name or member name concerned. */
  readonly subject: string;
  /** Since when this cause holds (as known). */
  readonly since?: string;
  /** When it is expected to clear by itself (a window opening, an approval deadline), if known. */
  readonly until?: string;
  readonly message: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly fix: string;
}

/** A slow upgrade's Warning events as they explain it. */
export interface SlowUpgradeExplanation {
  /** `PodDisruptionBudget`: an eviction is blocked by a PDB; `WarningEvents`: other warnings; `None`: nothing found. */
  readonly explainedBy: 'PodDisruptionBudget' | 'WarningEvents' | 'None';
  readonly events: readonly WarningEventFact[];
}

/**
 * The answer to "why is my run not progressing". `stuck` when the run is active, something holds it, and nothing
 * of it is in flight; `progressing` when something still moves (causes may still be listed: a member Pending while
 * others upgrade).
 */
export interface RunDiagnosis {
  readonly diagnosedAt: string;
  readonly state: 'progressing' | 'stuck' | 'finished' | 'notStarted';
  /** The latest moment anything in the run started, finished or changed phase. */
  readonly lastProgressAt?: string;
  /** Whole minutes since lastProgressAt while stuck. */
  readonly stuckForMinutes?: number;
  readonly causes: readonly StuckCause[];
  /** What still moves (members upgrading within the expected time, gates measuring, after-stage waits). */
  readonly inFlight: readonly string[];
  /** Facts that could not be read (the causes they would have explained are less precise). */
  readonly unread: readonly UnreadFact[];
}
