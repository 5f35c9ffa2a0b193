/**
 * Why a run Conductor owns must not be started again until an operator says so (safety invariant 2). Each cause
 * comes from what Conductor can still read: the run's gates (Conductor's own decisions), Fleet's run state, or the
 * run's absence.
 */
export type HoldCause =
  /** A health gate of the run failed (Conductor stopped the run). */
  | 'GateFailed'
  /** An approver rejected a gate of the run (stop or skip per policy). */
  | 'ApprovalRejected'
  /** An approval of the run expired (stop or skip per policy). */
  | 'ApprovalExpired'
  /** A gate's target was skipped or the run stopped before the gate was decided. */
  | 'GateCancelled'
  /** An operator stopped the run through Conductor. */
  | 'OperatorStopped'
  /** Someone stopped the run in Azure, around Conductor. */
  | 'StoppedInAzure'
  /** A member's upgrade failed (Fleet reports the run Failed). */
  | 'MemberFailed'
  /** Every stage was skipped in Fleet. */
  | 'SkippedInAzure'
  /** The run was deleted in Azure. */
  | 'Deleted';

/** Every HoldCause, for documents and validation. */
export const HOLD_CAUSES = ['GateFailed', 'ApprovalRejected', 'ApprovalExpired', 'GateCancelled', 'OperatorStopped', 'StoppedInAzure', 'MemberFailed', 'SkippedInAzure', 'Deleted'] as const satisfies readonly HoldCause[];

export interface RunHold {
  readonly cause: HoldCause;
  /** One sentence for the fleet view, the plan and the alert. */
  readonly message: string;
  /** The gate that decided it, when a gate did. */
  readonly gateId?: string;
}

/** Operator actions that would unblock a held run (the fleet view lists them). */
export const UNBLOCKING_ACTIONS = ['resume', 'abandon'] as const;
