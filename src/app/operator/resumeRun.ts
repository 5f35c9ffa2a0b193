import { clustersForGate } from '../../domain/gates/clustersForGate';
import { REARMABLE_PHASES, rearmGate } from '../../domain/gates/rearmGate';
import type { FleetUpdateRun, JournalEntry } from '../../ports';
import type { FleetConfig } from '../../domain/config/conductorConfig';
import { auditOperatorAction, conflict, findFleet, findRecord, notFound, type Operator, type OperatorDeps, type OperatorOutcome } from './operatorDeps';
import { recordOperatorAction } from './recordOperatorAction';

const RESUMABLE = new Set(['stopped', 'failed']);

/**
 * `POST /api/runs/{fleet}/{run}/resume`: the operator's word that a stopped or failed run may go on. Gates this run
 * had decided against it (or that were cancelled by the stop) and whose Fleet gate is still Pending are re-armed —
 * a new decision cycle (soak, checks, approval), linked to the old one — after Fleet's start is sent once. The hold
 * is cleared from the record. Refused (nothing changed) for an unknown run, a run in any other state, an abandoned
 * run, or a paused fleet.
 */
export async function resumeRun(deps: OperatorDeps, fleetName: string, runName: string, operator: Operator): Promise<OperatorOutcome> {
  const fleet = findFleet(deps, fleetName);
  if (!fleet) return notFound(`Fleet ${fleetName} is not configured`);
  const [run, record] = await Promise.all([deps.fleet.getUpdateRun(fleet.fleetId, runName), findRecord(deps, fleet, runName)]);
  if (!run) return record ? conflict('Deleted', `Run ${runName} was deleted in Azure; abandon it instead`) : notFound(`No run ${runName} in fleet ${fleet.name}`);
  if (record?.closed?.kind === 'Abandoned') return conflict('Abandoned', `Run ${runName} was abandoned by ${record.closed.by ?? 'an operator'}; it cannot be resumed`);
  if (!RESUMABLE.has(run.state.toLowerCase())) return conflict(run.state, `Run ${runName} is ${run.state}; only a Stopped or Failed run can be resumed`);
  const pause = await deps.releases.getPause(fleet.fleetId);
  if (pause) return conflict('Paused', `Fleet ${fleet.name} is paused (${pause.reason}); unpause it first`);

  const at = deps.clock.nowIso();
  // Start first: if Fleet refuses, nothing changed. A reconcile between the two sees the old decisions, which
  // are settled (it does nothing with them); re-armed before the start, a gate would be cancelled by the stop.
  await deps.runs.startUpdateRun(fleet.fleetId, runName);
  const rearmed = await rearmRunGates(deps, fleet, run, operator, at);
  await recordOperatorAction(deps, record, 'resume', operator, at, ({ hold: _hold, ...rest }) => ({ ...rest, state: 'Started' }));
  await auditOperatorAction(deps, {
    fleetId: fleet.fleetId,
    runName,
    kind: 'RunResumed',
    at,
    operator,
    message: `${operator.name} resumed the run from ${run.state}${rearmed.length ? `, re-arming gate(s) ${rearmed.join(', ')}` : ''}`,
    data: { from: run.state, rearmedGates: rearmed },
  });
  return { kind: 'done', body: { fleet: fleet.name, run: runName, state: 'Running', resumedFrom: run.state, rearmedGates: rearmed } };
}

/** Re-arms every re-armable gate of the run whose Fleet gate still waits; returns their ids. */
async function rearmRunGates(deps: OperatorDeps, fleet: FleetConfig, run: FleetUpdateRun, operator: Operator, at: string): Promise<string[]> {
  const states = await deps.gates.listRunGates(fleet.fleetId, run.name);
  const rearmed: string[] = [];
  for (const state of states.filter((s) => REARMABLE_PHASES.includes(s.phase.name))) {
    const gate = await deps.fleet.getGate(fleet.fleetId, state.gate.gateId);
    if (gate?.state !== 'Pending') continue; // completed or skipped in Fleet: nothing left to decide
    const stored = await deps.gates.getGate(fleet.fleetId, state.gate.gateId);
    if (!stored) continue;
    const decision = rearmGate(stored.state, { by: operator.name, reason: operator.reason, selection: clustersForGate(run.status, stored.state.gate), now: at });
    if (!decision) continue;
    const journal: JournalEntry[] = decision.actions.map((action, index) => ({ id: `${state.gate.gateId}/v${decision.next.version}/${index}`, action }));
    // ETag-guarded: a reconcile that moved the gate meanwhile makes this fail loudly rather than decide twice.
    // A journal still held by a reconciler stays held (its claim is kept): the holder's effects are not replayed twice.
  await deps.gates.replaceGate({ state: decision.next, journal: [...stored.journal, ...journal], ...(stored.claim ? { claim: stored.claim } : {}) }, stored.etag);
    rearmed.push(state.gate.gateId);
  }
  return rearmed;
}
