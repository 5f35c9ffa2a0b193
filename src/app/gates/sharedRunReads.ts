import type { FleetApi, FleetUpdateRun } from '../../ports';

// One per process (per FleetApi, which the composition builds once), like UnknownGateCache.
const inFlight = new WeakMap<FleetApi, Map<string, Promise<FleetUpdateRun | undefined>>>();

/**
 * Reads an update run for the gate reconcile, sharing a read of the same run that is already in flight: when a stage
 * opens 50 gates at once, their 50 events need the one run, and reading it 50 times over cost the app and ARM more
 * than anything else per gate. Nothing is kept once the read answers, so the next read goes to ARM again.
 *
 * A caller that joins a read may see the run as it was up to one round trip before its own call. The reconcile is
 * level-triggered and decides from the gate's own (unshared) read and the stored state, and every command it sends
 * is confirmed from Fleet's state by a later event or tick, so that is as if the event had arrived a moment
 * earlier. Only the gate reconcile shares reads; operator actions and confirmations of Conductor's own writes read
 * fresh.
 */
export function readRunShared(fleet: FleetApi, fleetId: string, runName: string): Promise<FleetUpdateRun | undefined> {
  let reads = inFlight.get(fleet);
  if (!reads) inFlight.set(fleet, (reads = new Map<string, Promise<FleetUpdateRun | undefined>>()));
  const key = `${fleetId.toLowerCase()}/${runName.toLowerCase()}`;
  const shared = reads.get(key);
  if (shared) return shared;
  const read = fleet.getUpdateRun(fleetId, runName).finally(() => reads.delete(key));
  reads.set(key, read);
  return read;
}
