import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { FleetGate, RunObservation } from '../../ports';
import type { GateDeps } from './gateDeps';
import { gatesOfRun } from './gatesOfRun';
import { reconcileGate, type ReconcileGateOutcome } from './reconcileGate';
import { errorMessage } from '../errorMessage';

export interface FleetGatesSummary {
  readonly fleet: string;
  readonly gates: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
}

// Gates (and runs) of one fleet are handled a few at a time: each is a handful of ARM and Log Analytics calls.
const CONCURRENCY = 4;

async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

/**
 * The safety net behind the events, for one fleet, in ARM requests that do not grow with history or members: ONE
 * filtered list of the fleet's Pending gates, then ONE read per run that can still change (the history store's
 * unfinished runs, and the runs of pending or still-open gates). Each run read serves history (written only when
 * changed) and every gate of that run, so gates are not read one by one. Every gate Fleet reports Pending, and every
 * gate Conductor still has work on, is reconciled; one gate's failure does not stop the others.
 */
export async function reconcileFleetGates(deps: GateDeps, fleet: FleetConfig): Promise<FleetGatesSummary> {
  const errors: string[] = [];
  const pending = await deps.fleet.listGates(fleet.fleetId, { state: 'Pending' });
  const open = await deps.gates.listOpenGateIds(fleet.fleetId);
  const listed = new Map(pending.map((g) => [g.gateId.toLowerCase(), g]));
  const ids = [...new Set([...listed.keys(), ...open])].sort();

  const runNames = new Set(pending.map((g) => g.runName));
  for (const id of open) {
    if (listed.has(id)) continue;
    const stored = await deps.gates.getGate(fleet.fleetId, id);
    if (stored) runNames.add(stored.state.gate.runName);
  }
  const recorder = deps.recorder;
  if (recorder) {
    try {
      for (const name of await recorder.activeRunNames(fleet)) runNames.add(name);
      if (await recorder.discoveryDue(fleet)) await recorder.record(fleet);
    } catch (error) {
      errors.push(`run history: ${errorMessage(error)}`);
    }
  }

  const runs = new Map<string, RunObservation | undefined>();
  const observedAt = deps.clock.nowIso();
  await eachLimited([...runNames].sort(), async (name) => {
    try {
      runs.set(name, await deps.fleet.observeRun(fleet.fleetId, fleet.name, name, observedAt));
    } catch (error) {
      errors.push(`run ${name}: ${errorMessage(error)}`);
    }
  });
  if (recorder) {
    try {
      await recorder.recordObserved(fleet, [...runs.values()].flatMap((o) => (o ? [o.snapshot] : [])));
      // Read this tick and not found in Fleet: deleted in Azure (a failed read is an error above, never "gone").
      const gone = [...runs].filter(([, o]) => o === undefined).map(([name]) => name);
      await recorder.recordDeleted(fleet, gone, observedAt);
    } catch (error) {
      errors.push(`run history: ${errorMessage(error)}`);
    }
  }
  const fromRuns = new Map<string, FleetGate>();
  for (const o of runs.values()) if (o) for (const [id, g] of gatesOfRun(fleet.fleetId, o.snapshot)) fromRuns.set(id, g);

  const outcomes: Record<string, number> = {};
  await eachLimited(ids, async (gateId) => {
    try {
      // The gate as just read (the Pending list, else its run's status); a gate found in neither (its run gone or
      // unreadable) is read on its own, so "not found" always comes from Fleet itself.
      const gate = listed.get(gateId) ?? fromRuns.get(gateId);
      const observed = gate && runs.has(gate.runName) ? { gate, run: runs.get(gate.runName)?.run } : undefined;
      const outcome: ReconcileGateOutcome = await reconcileGate(deps, { fleetId: fleet.fleetId, gateId }, observed);
      outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
    } catch (error) {
      errors.push(`gate ${gateId}: ${errorMessage(error)}`);
    }
  });
  return { fleet: fleet.name, gates: ids.length, outcomes, errors };
}
