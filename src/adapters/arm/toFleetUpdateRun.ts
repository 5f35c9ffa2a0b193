import type { FleetUpdateRun } from '../../ports';
import type { RunStatusView } from '../../domain/gates/runStatus';
import { toRunTarget } from './toRunTarget';
import type { UpdateRun } from './fleetWire20260601';

/** Maps an update run (any api-version) to the port's FleetUpdateRun: the run state and its status tree. */
export function toFleetUpdateRun(fleetId: string, json: unknown): FleetUpdateRun {
  const r = json as UpdateRun;
  if (!r.name) throw new Error('Update run without a name');
  const status = r.properties?.status;
  const view: RunStatusView = {
    stages: (status?.stages ?? []).map((s) => ({
      name: s.name,
      groups: (s.groups ?? []).map((g) => ({
        name: g.name,
        members: (g.members ?? []).map((m) => ({ name: m.name, clusterResourceId: m.clusterResourceId ?? null, status: { state: m.status?.state ?? null, ...(m.status?.completedTime ? { completedTime: m.status.completedTime } : {}) } })),
      })),
    })),
  };
  const target = toRunTarget(json);
  return { fleetId, name: r.name, state: status?.status?.state ?? 'NotStarted', status: view, ...(target ? { target } : {}), ...(r.eTag ? { etag: r.eTag } : {}) };
}
