import type { FleetGate } from '../../ports';
import type { Gate } from './fleetWire20260601';

/** Maps a `fleets/gates` resource (TypeSpec shape: `target.updateRunProperties`) to the port's FleetGate. */
export function toFleetGate(fleetId: string, json: unknown): FleetGate {
  const g = json as Gate;
  const p = g.properties ?? {};
  const run = p.target?.updateRunProperties ?? {};
  const runName = run.name ?? /\/updateRuns\/([^/]+)$/i.exec(p.target?.id ?? '')?.[1];
  if (!g.name || !runName || !run.stage) throw new Error(`Gate ${g.name ?? '(unnamed)'} lacks its target run or stage`);
  return {
    fleetId,
    gateId: g.name.toLowerCase(),
    displayName: p.displayName ?? '',
    gateType: p.gateType ?? 'Approval',
    state: p.state ?? 'Pending',
    runName,
    stage: run.stage,
    ...(run.group ? { group: run.group } : {}),
    timing: run.timing === 'Before' ? 'Before' : 'After',
  };
}
