import type { GatePolicy } from './gatePolicy';
import type { CheckTally } from './checkTally';
import type { ExcludedMember, FailedMember, GateCluster } from './clustersForGate';
import type { GateReason } from './gateReasons';
import type { GateIdentity, GateRef } from './gateIdentity';

/**
 * The phase of a gate (docs/design.md §4):
 * `Observed -> Soaking -> Checking -> (AwaitingApproval) -> Approving -> Passed`, exits `Failed`, `Rejected`,
 * `Expired`, `Inconclusive` (held, never passes by itself), plus `Bypassed` (someone completed the Fleet gate
 * outside Conductor) and `Cancelled` (the run stopped or the gate was skipped before Conductor decided).
 */
export type GatePhase =
  | { readonly name: 'Observed' }
  | { readonly name: 'Soaking'; readonly until: string }
  | {
      readonly name: 'Checking';
      /** 1-based number of the current measurement. */
      readonly measurement: number;
      /** When the current measurement is due. */
      readonly plannedAt: string;
      /** Set once runChecks was sent for it: the window end, reused verbatim when the request is re-sent. */
      readonly windowEnd?: string;
      /** When runChecks was last sent (for retries). */
      readonly requestedAt?: string;
    }
  | { readonly name: 'AwaitingApproval'; readonly since: string }
  | { readonly name: 'Approving'; readonly since: string }
  | { readonly name: 'Passed'; readonly at: string }
  | { readonly name: 'Failed'; readonly at: string }
  | { readonly name: 'Rejected'; readonly at: string; readonly by?: string; readonly comment?: string }
  | { readonly name: 'Expired'; readonly at: string; readonly onExpire: 'stop' | 'skip' | 'hold' }
  | {
      readonly name: 'Inconclusive';
      readonly at: string;
      /** Set when only query errors held the gate: it is measured again at `nextProbeAt` (see recoverHeldGate). */
      readonly recovery?: { readonly nextProbeAt: string; readonly lastMeasurement: number };
    }
  /** Completed despite the checks: outside Conductor (no `by`), or by a named operator's override (`by`, `reason`). */
  | { readonly name: 'Bypassed'; readonly at: string; readonly by?: string; readonly reason?: string }
  | { readonly name: 'Cancelled'; readonly at: string };

/** Names of the gate phases. */
export type GatePhaseName = GatePhase['name'];

/** One transition, appended to `history`. */
export interface GateHistoryEntry {
  readonly at: string;
  readonly from: GatePhaseName;
  readonly to: GatePhaseName;
  readonly reason: GateReason;
  readonly message?: string;
}

// The Fleet commands are defined here, not with the other actions (gateActions.ts): the state remembers them
// (`pendingCommand`), and gateActions.ts already reads this file (phase names), so this keeps the two acyclic.

/** PATCH the Fleet gate to `Completed` (idempotent; confirmed by `fleetGateCompleted`). */
export interface CompleteFleetGateAction {
  readonly kind: 'completeFleetGate';
  readonly gate: GateRef;
}

/** POST `.../updateRuns/{run}/stop` (idempotent; confirmed by `runStopped`). */
export interface StopRunAction {
  readonly kind: 'stopRun';
  readonly gate: GateRef;
  readonly reason: GateReason;
  readonly message: string;
}

/** POST `.../updateRuns/{run}/skip` for the gated group or stage (confirmed by `fleetGateSkipped`). */
export interface SkipGateTargetAction {
  readonly kind: 'skipGateTarget';
  readonly gate: GateRef;
  readonly target: { readonly type: 'Stage' | 'Group'; readonly name: string };
  readonly reason: GateReason;
}

/** The idempotent commands to Fleet (also actions): remembered in `pendingCommand` and re-sent until an observation confirms them. */
export type FleetCommand = CompleteFleetGateAction | StopRunAction | SkipGateTargetAction;

/** An idempotent command sent to Fleet and not yet confirmed by an observation; re-sent on ticks until it is. */
export interface PendingCommand {
  readonly action: FleetCommand;
  readonly sentAt: string;
}

/**
 * The approval as the gate sees it: set when requestApproval was sent (once per gate). With
 * `requireChecksFirst: false` the request goes out when the gate is observed and a grant can arrive while the
 * gate is still Soaking or Checking: it is remembered in `granted`, and the gate completes as soon as the
 * checks pass (checks passed AND quorum reached). Quorum, identities and deadlines are the approvals module's.
 */
export interface GateApprovalProgress {
  readonly requestedAt: string;
  readonly granted?: { readonly at: string; readonly by?: string; readonly comment?: string };
}

/**
 * Everything Conductor knows about one gate. Plain JSON (times as ISO strings).
 * `version` starts at 1 and increases by one on every decision that changes the state, so the store can guard
 * writes with it (alongside the Table Storage ETag) and readers can tell two snapshots apart.
 */
export interface GateState {
  readonly version: number;
  readonly gate: GateIdentity;
  /** The policy as it was when the gate was observed (later config edits do not change a gate in flight). */
  readonly policy: GatePolicy;
  readonly observedAt: string;
  readonly clusters: readonly GateCluster[];
  readonly excludedMembers: readonly ExcludedMember[];
  readonly failedMembers: readonly FailedMember[];
  /** Set when the gated stage/group was not found in the run status. */
  readonly targetNotFound?: string;
  readonly phase: GatePhase;
  readonly checks: readonly CheckTally[];
  readonly pendingCommand?: PendingCommand;
  /** Present once approval was requested (only for policies with an approval). */
  readonly approval?: GateApprovalProgress;
  readonly history: readonly GateHistoryEntry[];
  /** 1 (absent) for the first decision cycle; an operator's resume or retry starts the next one (rearmGate). */
  readonly attempt?: number;
  /** Number of this attempt's first measurement, so evidence of earlier attempts is kept (absent: 1). */
  readonly firstMeasurement?: number;
  /** How earlier attempts ended, oldest first. */
  readonly previousAttempts?: readonly PreviousAttempt[];
  /** Recovery probes made so far in this attempt after holds caused by query errors. */
  readonly recoveryProbes?: number;
}

/** One earlier decision cycle of a gate, ended by an operator who re-armed it. */
export interface PreviousAttempt {
  readonly attempt: number;
  readonly observedAt: string;
  readonly endedPhase: GatePhaseName;
  readonly endedAt: string;
  /** The last measurement number of that attempt (its evidence stays under these numbers). */
  readonly lastMeasurement: number;
  readonly rearmedBy: string;
  readonly reason: string;
}
