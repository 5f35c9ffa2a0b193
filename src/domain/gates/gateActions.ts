import type { CheckEvaluation } from '../checks/checkEvaluation';
import type { CheckSpec, NoDataPolicy } from '../checks/checkSpec';
import type { KqlQuery, TimeWindow } from '../checks/checkQuery';
import type { GateRef } from './gateIdentity';
import type { ApprovalSettings } from './gatePolicy';
import type { CompleteFleetGateAction, GatePhaseName, SkipGateTargetAction, StopRunAction } from './gateState';
import type { GateReason } from './gateReasons';
import type { CheckTally } from './checkTally';

/** One check to run in a measurement: its spec, the rendered batched query, and the defaults for evaluation. */
export interface PlannedCheck {
  readonly spec: CheckSpec;
  readonly query: KqlQuery;
  readonly defaults: { readonly noDataPolicy: NoDataPolicy; readonly dryRun: boolean };
}

/**
 * Run every planned query (one per check, all clusters batched), evaluate each result with evaluateCheck, and
 * feed back `{ kind: 'checksEvaluated', measurement, evaluations }` (evaluateMeasurement). Journaled and carried out
 * like every other action; re-running it is harmless (reads only; the same measurement number and window), and
 * late or duplicate results are ignored.
 */
export interface RunChecksAction {
  readonly kind: 'runChecks';
  readonly gate: GateRef;
  readonly measurement: number;
  readonly clusters: readonly string[];
  /** The union of the checks' windows (for the Log Analytics `timespan`, if one is sent per batch). */
  readonly window: TimeWindow;
  readonly checks: readonly PlannedCheck[];
}

/** Store one measurement's evidence: per check, the query text, window, capped rows and per-cluster verdicts. */
export interface RecordEvidenceAction {
  readonly kind: 'recordEvidence';
  readonly gate: GateRef;
  readonly measurement: number;
  readonly at: string;
  readonly evaluations: readonly CheckEvaluation[];
}

/** Append to the run's audit trail. */
export interface AuditAction {
  readonly kind: 'audit';
  readonly event: {
    readonly at: string;
    readonly gate: GateRef;
    readonly from: GatePhaseName;
    readonly to: GatePhaseName;
    readonly reason: GateReason;
    readonly message: string;
  };
}

/** Tell humans (through the outbox) that something needs or deserves attention. */
export interface NotifyAction {
  readonly kind: 'notify';
  readonly gate: GateRef;
  readonly severity: 'info' | 'warning' | 'error';
  readonly reason: GateReason;
  readonly message: string;
}

/** Ask the approvals module for a human decision; it reports back approvalGranted/Rejected/Expired. */
export interface RequestApprovalAction {
  readonly kind: 'requestApproval';
  readonly gate: GateRef;
  readonly policyId: string;
  readonly approval: ApprovalSettings;
  /** The check tallies that passed, to show on the approval card. */
  readonly checks: readonly CheckTally[];
}

export type GateAction =
  | RunChecksAction
  | CompleteFleetGateAction
  | StopRunAction
  | SkipGateTargetAction
  | RecordEvidenceAction
  | AuditAction
  | NotifyAction
  | RequestApprovalAction;
