/** Why a gate changed phase (history entries, audit events, notifications). Stable: the HTTP API returns them. */
export const GateReason = {
  /** The gate was seen and its policy pinned; soak (initialDelay) starts before the first measurement. */
  SoakStarted: 'SoakStarted',
  /** initialDelay elapsed; the first measurement is requested. */
  SoakElapsed: 'SoakElapsed',
  /** A member of the gated stage/group failed its upgrade; the gate fails without measuring. */
  MemberUpgradeFailed: 'MemberUpgradeFailed',
  /** Every member of the gated stage/group was skipped or unusable; nothing can be verified. */
  NoClustersToCheck: 'NoClustersToCheck',
  /** The gated stage/group is not in the run status; the gate cannot be mapped to clusters. */
  GateTargetNotFound: 'GateTargetNotFound',
  /** A measurement's results were recorded (audit only; no phase change by itself). */
  MeasurementRecorded: 'MeasurementRecorded',
  /** A check exceeded failureLimit (failed > failureLimit); the run is stopped. */
  CheckFailed: 'CheckFailed',
  /** A check exceeded inconclusiveLimit; the gate is held for a human and never passes by itself. */
  InconclusiveLimitExceeded: 'InconclusiveLimitExceeded',
  /** A check exceeded consecutiveErrorLimit; errors never pass, so the gate is held as Inconclusive. */
  ConsecutiveErrorLimitExceeded: 'ConsecutiveErrorLimitExceeded',
  /** Every (non-dry-run) check reached its count of measurements within its limits. */
  ChecksPassed: 'ChecksPassed',
  /** Approval was requested from humans (policy has an approval). */
  ApprovalRequested: 'ApprovalRequested',
  /** The approval was granted; the Fleet gate is being completed. */
  ApprovalGranted: 'ApprovalGranted',
  /** An approver rejected; the run is stopped or the target skipped per policy. */
  ApprovalRejected: 'ApprovalRejected',
  /** The approval deadline passed; stop, skip or hold per policy. */
  ApprovalExpired: 'ApprovalExpired',
  /** Fleet reports the gate Completed after Conductor asked for it. */
  FleetGateCompleted: 'FleetGateCompleted',
  /** Fleet reports the gate Completed although Conductor never completed it (someone approved it directly). */
  FleetGateCompletedExternally: 'FleetGateCompletedExternally',
  /** Fleet reports the gate Skipped (its stage or group was skipped). */
  FleetGateSkipped: 'FleetGateSkipped',
  /** The update run stopped while the gate was still being decided. */
  RunStopped: 'RunStopped',
  /** A gate held only by query errors is measured again after a backoff (Log Analytics may have recovered). */
  RecoveryProbe: 'RecoveryProbe',
  /** An operator started a new decision cycle of the gate (resume of its run, or retry): soak, checks, approval again. */
  OperatorRearmed: 'OperatorRearmed',
  /** An operator completed the Fleet gate despite the checks, through Conductor, with a reason. */
  OperatorOverride: 'OperatorOverride',
  /** An idempotent command (complete, stop, skip) was not yet confirmed and is sent again. */
  CommandRetried: 'CommandRetried',
} as const;
export type GateReason = (typeof GateReason)[keyof typeof GateReason];
