import { decideGate } from '../../domain/gates/decideGate';
import { fleetObservation } from '../../domain/gates/fleetObservation';
import type { FleetGateView } from '../../domain/gates/gateIdentity';
import type { GateObservation } from '../../domain/gates/gateObservation';
import type { GatePhaseName } from '../../domain/gates/gatePhaseName';
import { observeGate } from '../../domain/gates/observeGate';
import type { FleetConfig } from '../../domain/config/conductorConfig';
import { ConcurrencyError, type FleetGate, type JournalEntry } from '../../ports';
import type { GateDeps } from './gateDeps';
import type { FleetView } from './performJournal';
import { journalClaim, settleJournal } from './settleJournal';
import { runGateChecks } from './runGateChecks';
import { approvalObservation } from '../approvals/approvalObservation';

export type ReconcileGateOutcome =
  /** Not Conductor's: a fleet it does not manage, or a gate whose displayName is not `conductor:<policy>`. */
  | { readonly kind: 'notManaged'; readonly reason: string }
  /** Conductor's gate naming a policy the config lacks: held (never completed), reported once. */
  | { readonly kind: 'unknownPolicy'; readonly policyId: string }
  /** Neither Fleet nor Conductor knows the gate. */
  | { readonly kind: 'gone' }
  /** Another reconciler saved first; it carries out the decision. */
  | { readonly kind: 'lostRace' }
  | { readonly kind: 'reconciled'; readonly phase: GatePhaseName; readonly version: number };

// Enough for observe → soak → measure → decide → confirm in one pass; more means a loop, which must not spin.
const MAX_STEPS = 12;
// Foreign gates are seen on every timer tick; log each once per process (the audit record is idempotent anyway).
const foreignLogged = new Set<string>();

/** The Gate resource as the domain reads it (the port already mapped it; the fleet id comes from config). */
function gateView(fleet: FleetConfig, gate: FleetGate): FleetGateView {
  return {
    id: `${fleet.fleetId}/gates/${gate.gateId}`,
    name: gate.gateId,
    properties: {
      displayName: gate.displayName,
      gateType: gate.gateType,
      target: { updateRunProperties: { name: gate.runName, stage: gate.stage, group: gate.group ?? null, timing: gate.timing } },
    },
  };
}

function observations(view: FleetView): GateObservation[] {
  const signal = fleetObservation({ gateState: view.gate?.state ?? null, runState: view.run?.state ?? null });
  return signal.kind === 'tick' ? [signal] : [signal, { kind: 'tick' }];
}

async function reportOnce(deps: GateDeps, fleet: FleetConfig, gate: FleetGate, kind: string, message: string, notify: boolean): Promise<void> {
  const id = `${gate.gateId}/${kind}`;
  const at = deps.clock.nowIso();
  await deps.audit.appendAuditEvents([{ id, at, fleetId: fleet.fleetId, runName: gate.runName, kind, actor: 'conductor', message, gateId: gate.gateId }]);
  if (notify) await deps.outbox.enqueue([{ id, createdAt: at, channel: 'notifications', payload: { severity: 'error', reason: kind, message } }]);
}

/**
 * Level-triggered reconcile of one Fleet gate: re-reads the gate, its run and the stored state, decides with the
 * pure state machine, and carries the decision out. Every decision is saved with its effects (the journal) in one
 * ETag-guarded write before anything is done, so two racing reconcilers act once and a crash between "decided"
 * and "acted" is replayed by the next reconcile. Events only say "look at this gate"; nothing is taken from them.
 */
export async function reconcileGate(
  deps: GateDeps,
  ref: { readonly fleetId: string; readonly gateId: string },
  /** The gate and its run as the caller just read them (the reconcile tick reads each run once for all its gates). */
  observed?: { readonly gate: FleetGate; readonly run: FleetView['run'] },
): Promise<ReconcileGateOutcome> {
  const fleet = deps.config.fleets.find((f) => f.fleetId.toLowerCase() === ref.fleetId.toLowerCase());
  if (!fleet) return { kind: 'notManaged', reason: `fleet ${ref.fleetId} is not in the configuration` };
  const gateId = ref.gateId.toLowerCase();
  const view: FleetView = observed ? { gate: observed.gate, run: observed.run } : { gate: await deps.fleet.getGate(fleet.fleetId, gateId), run: undefined };
  let stored = await deps.gates.getGate(fleet.fleetId, gateId);
  const runName = view.gate?.runName ?? stored?.state.gate.runName;
  if (!observed && runName) view.run = await deps.fleet.getUpdateRun(fleet.fleetId, runName);

  if (stored && stored.journal.length > 0) {
    stored = await settleJournal(deps, stored, view);
    if (!stored) return { kind: 'lostRace' };
  }

  let queue: GateObservation[];
  if (!view.gate) {
    if (!stored) return { kind: 'gone' };
    // Fleet deletes a run's gates with the run: nothing is left to decide.
    queue = [{ kind: 'runStopped' }];
  } else {
    if (!stored) {
      const first = observeGate({ gate: gateView(fleet, view.gate), runStatus: view.run?.status ?? { stages: [] }, policies: deps.config.gatePolicies, now: deps.clock.nowIso() });
      if (first.kind === 'foreign') {
        if (!foreignLogged.has(gateId)) {
          foreignLogged.add(gateId);
          deps.log.info(`Gate ${gateId} ("${view.gate.displayName}") is not Conductor's; leaving it alone`, { runName: view.gate.runName });
          await reportOnce(deps, fleet, view.gate, 'ForeignGateIgnored', `Gate "${view.gate.displayName}" is not a Conductor gate; left alone`, false);
        }
        return { kind: 'notManaged', reason: `gate "${view.gate.displayName}" is not a Conductor gate` };
      }
      if (first.kind === 'unknownPolicy') {
        deps.log.warn(`Gate ${gateId} names gate policy "${first.gate.policyId}", which the configuration lacks; the gate is held`);
        await reportOnce(deps, fleet, view.gate, 'UnknownGatePolicy', `Gate "${view.gate.displayName}" names policy "${first.gate.policyId}", which is not configured; it will not be completed`, true);
        return { kind: 'unknownPolicy', policyId: first.gate.policyId };
      }
      try {
        stored = await deps.gates.createGate({ state: { ...first.state, gate: { ...first.state.gate, fleetId: fleet.fleetId } }, journal: [] });
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        stored = await deps.gates.getGate(fleet.fleetId, gateId);
        if (!stored) throw error;
      }
    }
    queue = observations(view);
  }
  if (!stored) return { kind: 'gone' };
  if (deps.approvals !== undefined) {
    // Level-triggered like the rest: a decided (or now expired) request is read from its ledger on every pass.
    const approval = await approvalObservation({ ...deps, approvals: deps.approvals }, stored.state);
    if (approval !== undefined) queue.unshift(approval);
  }

  for (let step = 0; step < MAX_STEPS && queue.length > 0; step++) {
    const observation = queue.shift() as GateObservation;
    const decision = decideGate(stored.state, observation, deps.clock.nowIso());
    if (decision.next === stored.state) continue;
    const journal: JournalEntry[] = decision.actions
      .filter((action) => action.kind !== 'runChecks')
      .map((action, index) => ({ id: `${gateId}/v${decision.next.version}/${index}`, action }));
    try {
      // The decision's writer holds its journal (the claim) so no other reconciler replays it meanwhile.
      stored = await deps.gates.replaceGate({ state: decision.next, journal, ...(journal.length > 0 ? { claim: journalClaim(deps.clock.nowIso()) } : {}) }, stored.etag);
    } catch (error) {
      if (error instanceof ConcurrencyError) return { kind: 'lostRace' };
      throw error;
    }
    if (journal.length > 0) {
      const settled = await settleJournal(deps, stored, view, true);
      if (!settled) return { kind: 'lostRace' };
      stored = settled;
    }
    for (const action of decision.actions) {
      if (action.kind === 'runChecks') queue.unshift(await runGateChecks(deps.logs, fleet.logAnalyticsWorkspaceId, action));
    }
  }
  return { kind: 'reconciled', phase: stored.state.phase.name, version: stored.state.version };
}
