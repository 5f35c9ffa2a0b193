import type { GateObservation } from './gateObservation';

/**
 * Maps what a reconcile read from Fleet (the Gate resource's `state`, the update run's `status.state`) to the
 * observation to decide on; the gate's own state wins over the run's. Anything else is a plain `tick`.
 * Level-triggered: call it with freshly read state, never with an event payload alone.
 */
export function fleetObservation(observed: { readonly gateState?: string | null; readonly runState?: string | null }): GateObservation {
  if (observed.gateState === 'Completed') return { kind: 'fleetGateCompleted' };
  if (observed.gateState === 'Skipped') return { kind: 'fleetGateSkipped' };
  if (observed.runState === 'Stopped' || observed.runState === 'Stopping') return { kind: 'runStopped' };
  return { kind: 'tick' };
}
