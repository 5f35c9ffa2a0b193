import type { CheckEvaluation } from '../checks/checkEvaluation';

/**
 * What a reconcile observed about a gate. Events are hints: the use case turns stored and observed state
 * (the Gate resource, the run status, query results, approval records) into these, never an event payload alone.
 */
export type GateObservation =
  /** Time passed (timer reconcile, event hint, or a scheduled wake-up). */
  | { readonly kind: 'tick' }
  /** Results of the runChecks action for `measurement`. */
  | { readonly kind: 'checksEvaluated'; readonly measurement: number; readonly evaluations: readonly CheckEvaluation[] }
  /** The Fleet Gate resource is `Completed`. */
  | { readonly kind: 'fleetGateCompleted' }
  /** The Fleet Gate resource is `Skipped` (its stage or group was skipped). */
  | { readonly kind: 'fleetGateSkipped' }
  /** The update run is `Stopping` or `Stopped`. */
  | { readonly kind: 'runStopped' }
  /** Placeholders filled by the approvals issue (quorum, identities, deadlines are enforced there). */
  | { readonly kind: 'approvalGranted'; readonly by?: string; readonly comment?: string }
  | { readonly kind: 'approvalRejected'; readonly by?: string; readonly comment?: string }
  | { readonly kind: 'approvalExpired' };
