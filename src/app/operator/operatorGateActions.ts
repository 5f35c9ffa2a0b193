import { clustersForGate } from '../../domain/gates/clustersForGate';
import { overrideGate } from '../../domain/gates/overrideGate';
import { rearmGate } from '../../domain/gates/rearmGate';
import type { GateDecision } from '../../domain/gates/markGate';
import type { JournalEntry, StoredGate } from '../../ports';
import { auditOperatorAction, conflict, findFleet, notFound, type Operator, type OperatorDeps, type OperatorOutcome } from './operatorDeps';

const RUNNING = new Set(['running', 'pending']);
const RETRYABLE = new Set(['Inconclusive', 'Failed']);

export interface GateActionResult {
  readonly outcome: OperatorOutcome;
  /** The gate to reconcile now (its decision was saved with its effects; the reconcile carries them out). */
  readonly reconcile?: { readonly fleetId: string; readonly gateId: string };
}

async function loadGate(deps: OperatorDeps, fleetName: string, runName: string, gateId: string): Promise<{ fleetId: string; stored: StoredGate } | OperatorOutcome> {
  const fleet = findFleet(deps, fleetName);
  if (!fleet) return notFound(`Fleet ${fleetName} is not configured`);
  const stored = await deps.gates.getGate(fleet.fleetId, gateId.toLowerCase());
  if (!stored || stored.state.gate.runName !== runName) return notFound(`No gate ${gateId} of run ${runName} in fleet ${fleet.name}`);
  return { fleetId: fleet.fleetId, stored };
}

async function save(deps: OperatorDeps, stored: StoredGate, decision: GateDecision): Promise<void> {
  const gateId = stored.state.gate.gateId;
  const journal: JournalEntry[] = decision.actions.map((action, index) => ({ id: `${gateId}/v${decision.next.version}/${index}`, action }));
  // ETag-guarded: a reconcile that moved the gate since it was read makes this throw (a 5xx; nothing half-done).
  // A journal still held by a reconciler stays held (its claim is kept): the holder's effects are not replayed twice.
  await deps.gates.replaceGate({ state: decision.next, journal: [...stored.journal, ...journal], ...(stored.claim ? { claim: stored.claim } : {}) }, stored.etag);
}

/**
 * `POST /api/runs/{fleet}/{run}/gates/{gateId}/retry`: re-measure a held (Inconclusive) or Failed gate of a run
 * that is still running — a new decision cycle (rearmGate). It can pass only on fresh, complete data.
 */
export async function retryGate(deps: OperatorDeps, fleetName: string, runName: string, gateId: string, operator: Operator): Promise<GateActionResult> {
  const loaded = await loadGate(deps, fleetName, runName, gateId);
  if ('kind' in loaded) return { outcome: loaded };
  const { fleetId, stored } = loaded;
  const phase = stored.state.phase.name;
  if (!RETRYABLE.has(phase)) return { outcome: conflict(phase, `Gate ${gateId} is ${phase}; only an Inconclusive or Failed gate can be retried`) };
  const [run, gate] = await Promise.all([deps.fleet.getUpdateRun(fleetId, runName), deps.fleet.getGate(fleetId, stored.state.gate.gateId)]);
  const runState = run?.state ?? 'Deleted';
  if (!run || !RUNNING.has(runState.toLowerCase())) return { outcome: conflict(runState, `Run ${runName} is ${runState}; retry re-measures gates of a running run (resume a stopped one)`) };
  if (gate?.state !== 'Pending') return { outcome: conflict(gate?.state ?? 'Deleted', `Fleet gate ${gateId} is ${gate?.state ?? 'gone'}; nothing to decide`) };
  const at = deps.clock.nowIso();
  const decision = rearmGate(stored.state, { by: operator.name, reason: operator.reason, selection: clustersForGate(run.status, stored.state.gate), now: at });
  if (!decision) return { outcome: conflict(phase, `Gate ${gateId} cannot be re-armed from ${phase}`) };
  await save(deps, stored, decision);
  await auditOperatorAction(deps, { fleetId, runName, gateId: stored.state.gate.gateId, kind: 'GateRetried', at, operator, message: `${operator.name} retried the gate from ${phase} (attempt ${decision.next.attempt ?? 2})` });
  return { outcome: { kind: 'done', body: { fleet: fleetName, run: runName, gateId: stored.state.gate.gateId, phase: 'Observed', attempt: decision.next.attempt } }, reconcile: { fleetId, gateId: stored.state.gate.gateId } };
}

/**
 * `POST /api/runs/{fleet}/{run}/gates/{gateId}/override`: complete the Fleet gate despite the checks, recorded as
 * Bypassed by this operator with the reason (so nobody has to go around Conductor). Refused once the gate passed
 * or was bypassed, or when Fleet no longer has it pending.
 */
export async function overrideGateAction(deps: OperatorDeps, fleetName: string, runName: string, gateId: string, operator: Operator): Promise<GateActionResult> {
  const loaded = await loadGate(deps, fleetName, runName, gateId);
  if ('kind' in loaded) return { outcome: loaded };
  const { fleetId, stored } = loaded;
  const phase = stored.state.phase.name;
  const gate = await deps.fleet.getGate(fleetId, stored.state.gate.gateId);
  if (gate?.state !== 'Pending') return { outcome: conflict(gate?.state ?? 'Deleted', `Fleet gate ${gateId} is ${gate?.state ?? 'gone'}; nothing to override`) };
  const at = deps.clock.nowIso();
  const decision = overrideGate(stored.state, { by: operator.name, reason: operator.reason, now: at });
  if (!decision) return { outcome: conflict(phase, `Gate ${gateId} is already ${phase}`) };
  await save(deps, stored, decision);
  await auditOperatorAction(deps, { fleetId, runName, gateId: stored.state.gate.gateId, kind: 'GateOverridden', at, operator, message: `${operator.name} overrode the gate while ${phase}` });
  return { outcome: { kind: 'done', body: { fleet: fleetName, run: runName, gateId: stored.state.gate.gateId, phase: 'Bypassed', by: operator.name } }, reconcile: { fleetId, gateId: stored.state.gate.gateId } };
}
