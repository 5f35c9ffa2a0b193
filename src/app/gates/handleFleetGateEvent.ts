import { parseFleetGateEvent } from '../../domain/events/parseFleetGateEvent';
import type { GateDeps } from './gateDeps';
import { reconcileGate, type ReconcileGateOutcome } from './reconcileGate';
import { gateEventCoalescerFor } from './GateEventCoalescer';
import { unknownGateCacheFor } from './UnknownGateCache';

export type FleetGateEventOutcome = { readonly kind: 'ignored'; readonly reason: string } | ReconcileGateOutcome;

/**
 * A Fleet gate event is a hint: it names a gate, which is then reconciled from Fleet's and Conductor's state.
 * Malformed or foreign events are answered without any state change (and without an error, so Event Grid does
 * not redeliver them forever). Events for a gate being reconciled share one reconcile after it (GateEventCoalescer).
 */
export async function handleFleetGateEvent(deps: GateDeps, event: unknown): Promise<FleetGateEventOutcome> {
  const parsed = parseFleetGateEvent(event);
  if (parsed.kind === 'ignored') {
    deps.log.info(`Ignored event: ${parsed.reason}`);
    return parsed;
  }
  const unknown = unknownGateCacheFor(deps.fleet, deps.clock);
  const refused = unknown.refuse(parsed.fleetId, parsed.gateId);
  if (refused !== undefined) {
    deps.log.info(`Ignored event: ${refused}`);
    return { kind: 'ignored', reason: refused };
  }
  const ref = { fleetId: parsed.fleetId, gateId: parsed.gateId };
  const outcome = await gateEventCoalescerFor(deps.fleet).run(ref.fleetId, ref.gateId, () => reconcileGate(deps, ref));
  if (outcome.kind === 'gone') unknown.rememberUnknown(parsed.fleetId, parsed.gateId);
  return outcome;
}
