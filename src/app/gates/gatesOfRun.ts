import type { RunSnapshot } from '../../domain/history/runSnapshot';
import type { FleetGate } from '../../ports';

/**
 * The gates a run's status names (`beforeGates`/`afterGates` entries carry the gate's id and state once reached),
 * as FleetGate: what a `GET gates/{id}` would say, read from the run the tick fetched anyway. Fleet creates only the
 * gate type Conductor writes (Approval) from Conductor's strategy; entries without an id are not reached yet.
 */
export function gatesOfRun(fleetId: string, snapshot: RunSnapshot): Map<string, FleetGate> {
  const gates = new Map<string, FleetGate>();
  const add = (entries: RunSnapshot['stages'][number]['gates'], stage: string, group?: string): void => {
    for (const g of entries) {
      if (!g.gateId) continue;
      const gateId = g.gateId.toLowerCase();
      gates.set(gateId, { fleetId, gateId, displayName: g.displayName, gateType: 'Approval', state: g.state, runName: snapshot.runName, stage, ...(group ? { group } : {}), timing: g.timing });
    }
  };
  for (const stage of snapshot.stages) {
    add(stage.gates, stage.name);
    for (const group of stage.groups) add(group.gates, stage.name, group.name);
  }
  return gates;
}
