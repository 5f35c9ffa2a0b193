import { parseFleetGateEvent } from '../../domain/events/parseFleetGateEvent';
import type { GateDeps } from './gateDeps';
import { reconcileGate, type ReconcileGateOutcome } from './reconcileGate';

export type FleetGateEventOutcome = { readonly kind: 'ignored'; readonly reason: string } | ReconcileGateOutcome;

/**
 * A Fleet gate event is a hint: it names a gate, which is then reconciled from Fleet's and Conductor's state.
 * Malformed or foreign events are answered without any state change (and without an error, so Event Grid does
 * not redeliver them forever).
 */
export async function handleFleetGateEvent(deps: GateDeps, event: unknown): Promise<FleetGateEventOutcome> {
  const parsed = parseFleetGateEvent(event);
  if (parsed.kind === 'ignored') {
    deps.log.info(`Ignored event: ${parsed.reason}`);
    return parsed;
  }
  return reconcileGate(deps, { fleetId: parsed.fleetId, gateId: parsed.gateId });
}
