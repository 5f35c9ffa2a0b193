import type { FleetConfig } from '../../domain/config/conductorConfig';
import type { GateDeps } from './gateDeps';
import { reconcileGate, type ReconcileGateOutcome } from './reconcileGate';

export interface FleetGatesSummary {
  readonly fleet: string;
  readonly gates: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
}

// Gates of one fleet are reconciled a few at a time: each is a handful of ARM and Log Analytics calls.
const CONCURRENCY = 4;

/**
 * The safety net behind the events: every gate Fleet reports Pending, and every gate Conductor still has work on
 * (awaiting a confirmation, or with effects to replay), is reconciled. One gate's failure does not stop the others.
 */
export async function reconcileFleetGates(deps: GateDeps, fleet: FleetConfig): Promise<FleetGatesSummary> {
  const pending = await deps.fleet.listGates(fleet.fleetId, { state: 'Pending' });
  const open = await deps.gates.listOpenGateIds(fleet.fleetId);
  const ids = [...new Set([...pending.map((g) => g.gateId.toLowerCase()), ...open])].sort();
  const outcomes: Record<string, number> = {};
  const errors: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const gateId = ids[next++] as string;
      try {
        const outcome: ReconcileGateOutcome = await reconcileGate(deps, { fleetId: fleet.fleetId, gateId });
        outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
      } catch (error) {
        errors.push(`gate ${gateId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return { fleet: fleet.name, gates: ids.length, outcomes, errors };
}
