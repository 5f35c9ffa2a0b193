import { decideGate } from '../../domain/gates/decideGate';
import { fleetObservation, type GateObservation } from '../../domain/gates/gateObservation';
import type { GatePhaseName, GateState } from '../../domain/gates/gateState';
import { observeGate } from '../../domain/gates/initializeGate';
import type { FleetConfig } from '../../domain/config/conductorConfig';
import { ConcurrencyError, type FleetGate, type GateRecord, type JournalEntry } from '../../ports';
import type { GateDeps } from './gateDeps';
import { performJournal, type FleetView } from './performJournal';
import { clearJournal, journalClaim, settleJournal } from './settleJournal';
import { approvalObservation } from '../approvals/approvalObservation';
import { readRunShared } from './sharedRunReads';

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

/** True for a decision that only reads (runs its checks) and records, with at least one read: see deferredRecords. */
function readsAndRecordsOnly(entries: readonly JournalEntry[]): boolean {
  return entries.some((e) => e.action.kind === 'runChecks') && entries.every((e) => ['runChecks', 'audit', 'recordEvidence'].includes(e.action.kind));
}

/**
 * Level-triggered reconcile of one Fleet gate: re-reads the gate, its run and the stored state, decides with the
 * pure state machine, and carries the decision out. Every decision is saved with its effects (the journal) in one
 * ETag-guarded write before anything is done, so two racing reconcilers act once and a crash between "decided"
 * and "acted" is replayed by the next reconcile; a decision that only reads and records (measure now) goes with the
 * next decision's write instead (see deferredRecords). Events only say "look at this gate"; nothing is taken from them.
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
  if (!observed && runName) view.run = await readRunShared(deps.fleet, fleet.fleetId, runName);

  // Effects a crash (or a lost connection) left behind are carried out first; what they observed (check results)
  // is decided before what Fleet shows now.
  const replayed: GateObservation[] = [];
  // The saved journal was carried out here: the next write replaces it (settleJournal), or it is cleared at the end.
  let carriedOut = false;
  if (stored && stored.journal.length > 0) {
    const settled = await settleJournal(deps, stored, view);
    if (!settled) return { kind: 'lostRace' };
    stored = settled.stored;
    carriedOut = true;
    replayed.push(...settled.observed);
  }

  // A gate seen for the first time is saved with its first decision (one write), or as observed if nothing follows.
  let unsaved: GateRecord | undefined;
  let queue: GateObservation[];
  if (!view.gate) {
    if (!stored) return { kind: 'gone' };
    // Fleet deletes a run's gates with the run: nothing is left to decide.
    queue = [{ kind: 'runStopped' }];
  } else {
    if (!stored) {
      const first = observeGate({ gate: view.gate, runStatus: view.run?.status ?? { stages: [] }, policies: deps.config.gatePolicies, now: deps.clock.nowIso() });
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
      unsaved = { state: { ...first.state, gate: { ...first.state.gate, fleetId: fleet.fleetId } }, journal: [] };
    }
    queue = observations(view);
  }
  queue.unshift(...replayed);
  let state = (stored ?? unsaved)?.state;
  if (!state) return { kind: 'gone' };
  if (deps.approvals !== undefined) {
    // Level-triggered like the rest: a decided (or now expired) request is read from its ledger on every pass.
    const approval = await approvalObservation({ ...deps, approvals: deps.approvals }, state);
    if (approval !== undefined) queue.unshift(approval);
  }

  // A decision whose effects are only reads (its checks) and records is not saved on its own: its reads are carried
  // out at once and its records go with the next decision's write (deferredRecords), which is one Table write and one
  // audit request fewer per gate measured. Nothing outside Conductor's store acted on it, so a crash before that write
  // only forgets a decision that changed nothing: the next reconcile takes it again from the saved state.
  let deferredRecords: JournalEntry[] = [];
  const save = async (next: GateState, journal: readonly JournalEntry[]): Promise<'saved' | 'lostRace'> => {
    // The decision's writer holds its journal (the claim) so no other reconciler replays it meanwhile.
    const record: GateRecord = { state: next, journal, ...(journal.length > 0 ? { claim: journalClaim(deps.clock.nowIso()) } : {}) };
    try {
      stored = stored ? await deps.gates.replaceGate(record, stored.etag) : await deps.gates.createGate(record);
    } catch (error) {
      // Another reconciler saved first (or created the gate first): it carries out its decision.
      if (error instanceof ConcurrencyError) return 'lostRace';
      throw error;
    }
    state = stored.state;
    carriedOut = false;
    deferredRecords = [];
    if (journal.length > 0) {
      const settled = await settleJournal(deps, stored, view, true);
      if (!settled) return 'lostRace';
      stored = settled.stored;
      carriedOut = true;
      queue.unshift(...settled.observed);
    }
    return 'saved';
  };

  for (let step = 0; step < MAX_STEPS && queue.length > 0; step++) {
    const observation = queue.shift() as GateObservation;
    const decision = decideGate(state, observation, deps.clock.nowIso());
    if (decision.next === state) continue;
    const entries: JournalEntry[] = decision.actions.map((action, index) => ({ id: `${gateId}/v${decision.next.version}/${index}`, action }));
    if (readsAndRecordsOnly(entries)) {
      state = decision.next;
      deferredRecords = [...deferredRecords, ...entries.filter((e) => e.action.kind !== 'runChecks')];
      queue.unshift(...(await performJournal(deps, entries.filter((e) => e.action.kind === 'runChecks'), view, state)));
      continue;
    }
    if ((await save(decision.next, [...deferredRecords, ...entries])) === 'lostRace') return { kind: 'lostRace' };
  }
  // A deferred decision nothing followed is saved now, with its records (carried out, then cleared below).
  if (state !== stored?.state && state !== unsaved?.state && (await save(state, deferredRecords)) === 'lostRace') return { kind: 'lostRace' };
  if (!stored && unsaved) {
    // Nothing to decide yet: the gate is saved as observed, so the tick's open-gate list finds it.
    try {
      stored = await deps.gates.createGate(unsaved);
    } catch (error) {
      if (error instanceof ConcurrencyError) return { kind: 'lostRace' };
      throw error;
    }
  }
  if (carriedOut && stored) {
    const cleared = await clearJournal(deps, stored);
    if (!cleared) return { kind: 'lostRace' };
    stored = cleared;
  }
  if (!stored) return { kind: 'gone' };
  return { kind: 'reconciled', phase: stored.state.phase.name, version: stored.state.version };
}
