import { UNBLOCKING_ACTIONS } from '../../domain/runs/runHold';
import type { RunRecord } from '../../ports';
import type { FleetBlocked } from './fleetView';

/**
 * The held run that blocks the fleet, as the last trigger recorded it on the run's record (detectReleases): the
 * newest record with a hold that is not closed. Undefined when nothing holds the fleet.
 */
export function fleetBlocked(records: readonly RunRecord[]): FleetBlocked | undefined {
  const held = records.find((r) => r.hold !== undefined && r.closed === undefined);
  if (!held?.hold) return undefined;
  const { cause, message, gateId, since } = held.hold;
  return { run: held.runName, ...(gateId ? { gateId } : {}), since, cause, why: `Run ${held.runName} ${message === '' ? 'is held' : `is held: ${message}`}`, actions: [...UNBLOCKING_ACTIONS] };
}
