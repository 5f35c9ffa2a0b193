import { auditOperatorAction, conflict, findFleet, notFound, type Operator, type OperatorOutcome } from './operatorDeps';
import type { HistoryDeps } from '../history/historyDeps';
import { isStoppable } from '../../domain/runs/fleetRunState';

/**
 * `POST /api/fleets/{fleet}/pause`: an incident freeze. While paused no run is created or started for the fleet
 * (detectReleases answers `paused`, resume is refused); running runs are left alone unless `stopActive`.
 */
export async function pauseFleet(deps: HistoryDeps, fleetName: string, operator: Operator, stopActive: boolean): Promise<OperatorOutcome> {
  const fleet = findFleet(deps, fleetName);
  if (!fleet) return notFound(`Fleet ${fleetName} is not configured`);
  const current = await deps.releases.getPause(fleet.fleetId);
  if (current) return conflict('Paused', `Fleet ${fleet.name} is already paused by ${current.by} since ${current.at}`);
  const at = deps.clock.nowIso();
  await deps.releases.putPause(fleet.fleetId, { fleetId: fleet.fleetId, at, by: operator.name, reason: operator.reason });
  const stopped: string[] = [];
  if (stopActive) {
    for (const run of await deps.runs.listActiveRuns(fleet.fleetId)) {
      if (!isStoppable(run.state)) continue;
      await deps.fleet.stopUpdateRun(fleet.fleetId, run.name);
      stopped.push(run.name);
      await auditOperatorAction(deps, { fleetId: fleet.fleetId, runName: run.name, kind: 'RunStopRequested', at, operator, message: `${operator.name} stopped the run while pausing fleet ${fleet.name}` });
    }
  }
  await auditOperatorAction(deps, { fleetId: fleet.fleetId, runName: '_fleet', kind: 'FleetPaused', at, operator, message: `${operator.name} paused the fleet${stopped.length ? ` and stopped ${stopped.join(', ')}` : ''}`, data: { stopActive, stopped } });
  return { kind: 'done', body: { fleet: fleet.name, paused: true, stopped } };
}

/** `POST /api/fleets/{fleet}/unpause`: lifts the freeze; the next trigger evaluates the fleet as usual. */
export async function unpauseFleet(deps: HistoryDeps, fleetName: string, operator: Operator): Promise<OperatorOutcome> {
  const fleet = findFleet(deps, fleetName);
  if (!fleet) return notFound(`Fleet ${fleetName} is not configured`);
  const current = await deps.releases.getPause(fleet.fleetId);
  if (!current) return conflict('NotPaused', `Fleet ${fleet.name} is not paused`);
  const at = deps.clock.nowIso();
  await deps.releases.putPause(fleet.fleetId, undefined);
  await auditOperatorAction(deps, { fleetId: fleet.fleetId, runName: '_fleet', kind: 'FleetUnpaused', at, operator, message: `${operator.name} unpaused the fleet (paused by ${current.by} since ${current.at})` });
  return { kind: 'done', body: { fleet: fleet.name, paused: false } };
}
