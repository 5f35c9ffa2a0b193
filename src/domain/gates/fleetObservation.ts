import type { GateObservation } from './gateObservation';

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
export function fleetObservation(observed: { readonly gateState?: string | null; readonly runState?: string | null }): GateObservation {
  if (observed.gateState === 'Completed') return { kind: 'fleetGateCompleted' };
  if (observed.gateState === 'Skipped') return { kind: 'fleetGateSkipped' };
  if (observed.runState === 'Stopped') return { kind: 'runStopped' };
  return { kind: 'tick' };
}
