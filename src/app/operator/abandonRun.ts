import { auditOperatorAction, conflict, findFleet, findRecord, notFound, type Operator, type OperatorOutcome } from './operatorDeps';
import { fleetRunState, isStoppable } from '../../domain/runs/fleetRunState';
import { recordOperatorAction } from './recordOperatorAction';
import type { HistoryDeps } from '../history/historyDeps';

/**
 * `POST /api/runs/{fleet}/{run}/abandon`: the operator gives up on a run Conductor created. It is stopped if it
 * still runs, and its record is closed as Abandoned: it no longer holds the fleet, it is never resumed or caught
 * up, and its target gets no new run (only a newer release does). Refused for a run Conductor did not create
 * (nothing of Conductor's holds the fleet there), a completed run, or one already abandoned.
 */
export async function abandonRun(deps: HistoryDeps, fleetName: string, runName: string, operator: Operator): Promise<OperatorOutcome> {
  const fleet = findFleet(deps, fleetName);
  if (!fleet) return notFound(`Fleet ${fleetName} is not configured`);
  const [run, record] = await Promise.all([deps.fleet.getUpdateRun(fleet.fleetId, runName), findRecord(deps, fleet, runName)]);
  if (!record) return run ? conflict(run.state, `Run ${runName} was not created by Conductor; stop it instead`) : notFound(`No run ${runName} in fleet ${fleet.name}`);
  if (record.closed) return conflict(record.closed.kind, `Run ${runName} is already ${record.closed.kind.toLowerCase()}`);
  const state = run?.state ?? 'Deleted';
  if (fleetRunState(state) === 'Completed') return conflict(state, `Run ${runName} completed; there is nothing to abandon`);

  const at = deps.clock.nowIso();
  const stopped = run !== undefined && isStoppable(state);
  if (stopped) await deps.fleet.stopUpdateRun(fleet.fleetId, runName);
  await recordOperatorAction(deps, record, 'abandon', operator, at, (r) => ({ ...r, closed: { kind: 'Abandoned', at, by: operator.name, reason: operator.reason } }));
  await auditOperatorAction(deps, {
    fleetId: fleet.fleetId,
    runName,
    kind: 'RunAbandoned',
    at,
    operator,
    message: `${operator.name} abandoned the run (${state}${stopped ? ', stop sent' : ''})`,
    data: { from: state, stopSent: stopped },
  });
  return { kind: 'done', body: { fleet: fleet.name, run: runName, state: stopped ? 'Stopping' : state, abandoned: true } };
}
