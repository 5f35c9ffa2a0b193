import type { CheckEvaluation } from '../checks/checkEvaluation';
import { isStopped } from '../runs/fleetRunState';
import type { FleetGate } from './fleetGate';

/**
 * What a reconcile observed about a gate. Events are hints: the use case turns stored and observed state
 * (the Gate resource, the run status, query results, approval records) into these, never an event payload alone.
 */
export type GateObservation =
  /** Time passed (timer reconcile, or an event hint). Every due time is in the state itself; a tick checks them. */
  | { readonly kind: 'tick' }
  /** Results of the runChecks action for `measurement`. */
  | { readonly kind: 'checksEvaluated'; readonly measurement: number; readonly evaluations: readonly CheckEvaluation[] }
  /** The Fleet Gate resource is `Completed`. */
  | { readonly kind: 'fleetGateCompleted' }
  /** The Fleet Gate resource is `Skipped` (its stage or group was skipped). */
  | { readonly kind: 'fleetGateSkipped' }
  /** The update run is `Stopped` (or gone with its gates). */
  | { readonly kind: 'runStopped' }
  /** The approvals module's verdict (quorum, identities, deadlines are enforced there). */
  | { readonly kind: 'approvalGranted'; readonly by?: string; readonly comment?: string }
  | { readonly kind: 'approvalRejected'; readonly by?: string; readonly comment?: string }
  | { readonly kind: 'approvalExpired' };

/** What Fleet says about the gate or its run: decided in any phase, before the phase's own step. */
export type FleetSignal = Extract<GateObservation, { kind: 'fleetGateCompleted' | 'fleetGateSkipped' | 'runStopped' }>;

/** An approvals-module verdict. */
export type ApprovalVerdict = Extract<GateObservation, { kind: 'approvalGranted' | 'approvalRejected' | 'approvalExpired' }>;

/**
 * Maps what a reconcile read from Fleet (the Gate resource's `state`, the update run's `status.state`) to the
 * observation to decide on; the gate's own state wins over the run's. Anything else is a plain `tick`.
 * Level-triggered: call it with freshly read state, never with an event payload alone.
 *
 * Only `Stopped` is a stop. `Stopping` is not final: Fleet shows it both after a user's stop and after a member's
 * upgrade failed while other members finish ("Stopping … A user request or cluster upgrade failures triggered the
 * Update Run to stop. Updating clusters are finishing." — Fleet docs, concepts-update-orchestration), so the final
 * state decides. `Failed` (a member failure) cancels nothing either: the gates stay as they are, so a resumed run
 * continues with them intact.
 */
export function fleetObservation(observed: { readonly gateState?: FleetGate['state'] | null; readonly runState?: string | null }): GateObservation {
  if (observed.gateState === 'Completed') return { kind: 'fleetGateCompleted' };
  if (observed.gateState === 'Skipped') return { kind: 'fleetGateSkipped' };
  if (isStopped(observed.runState)) return { kind: 'runStopped' };
  return { kind: 'tick' };
}
