import type { SkipTarget } from '../../ports';
import { auditOperatorAction, conflict, findFleet, findRecord, notFound, type Operator, type OperatorOutcome } from './operatorDeps';
import { isSkippable } from '../../domain/runs/fleetRunState';
import { recordOperatorAction } from './recordOperatorAction';
import type { HistoryDeps } from '../history/historyDeps';

/**
 * `POST /api/runs/{fleet}/{run}/skip`: passes the operator's targets to Fleet's skip, after checking each names a
 * member, group or stage of the run (an unknown one is a 400 before anything is sent).
 */
export async function skipRunTargets(deps: HistoryDeps, fleetName: string, runName: string, targets: readonly SkipTarget[], operator: Operator): Promise<OperatorOutcome> {
  const fleet = findFleet(deps, fleetName);
  if (!fleet) return notFound(`Fleet ${fleetName} is not configured`);
  const run = await deps.fleet.getUpdateRun(fleet.fleetId, runName);
  if (!run) return notFound(`No run ${runName} in fleet ${fleet.name}`);
  if (!isSkippable(run.state)) return conflict(run.state, `Run ${runName} is ${run.state}; Fleet skips targets of NotStarted, Running, Pending or Failed runs only`);
  const stages = run.status.stages ?? [];
  const known: Record<SkipTarget['type'], Set<string>> = {
    Stage: new Set(stages.map((s) => s.name)),
    AfterStageWait: new Set(stages.map((s) => s.name)),
    Group: new Set(stages.flatMap((s) => (s.groups ?? []).map((g) => g.name))),
    Member: new Set(stages.flatMap((s) => (s.groups ?? []).flatMap((g) => (g.members ?? []).map((m) => m.name)))),
  };
  const unknown = targets.filter((t) => !known[t.type].has(t.name));
  if (unknown.length > 0) return { kind: 'invalid', parameter: 'targets', detail: `not in run ${runName}: ${unknown.map((t) => `${t.type} ${t.name}`).join(', ')}` };

  const at = deps.clock.nowIso();
  await deps.fleet.skipUpdateRun(fleet.fleetId, runName, targets);
  await recordOperatorAction(deps, await findRecord(deps, fleet, runName), 'skip', operator, at);
  const list = targets.map((t) => `${t.type} ${t.name}`).join(', ');
  await auditOperatorAction(deps, { fleetId: fleet.fleetId, runName, kind: 'RunTargetsSkipped', at, operator, message: `${operator.name} skipped ${list}`, data: { targets } });
  return { kind: 'done', body: { fleet: fleet.name, run: runName, skipped: targets } };
}
