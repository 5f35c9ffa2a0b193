import type { GateObservation } from '../../domain/gates/gateObservation';
import { ConcurrencyError, type GateRecord, type JournalClaim, type StoredGate } from '../../ports';
import type { GateDeps } from './gateDeps';
import { performJournal, type FleetView } from './performJournal';

/**
 * How long a reconciler holds a journal it is carrying out. Longer than a journal takes even under ARM throttling
 * (the SDK's retries honour Retry-After) and short enough that a crashed holder delays its gate by minutes, not hours.
 * A holder slower than this may be joined by a second one: the commands are idempotent, so that costs a duplicate
 * request, never a wrong decision.
 */
export const JOURNAL_LEASE_SECONDS = 300;

/** The claim a reconciler writes with a journal it is about to carry out (the decision's own write, or a takeover). */
export function journalClaim(nowIso: string): JournalClaim {
  return { until: new Date(Date.parse(nowIso) + JOURNAL_LEASE_SECONDS * 1000).toISOString() };
}

/** True while someone holds the journal: nobody else may carry it out. */
function claimHeld(record: GateRecord, nowIso: string): boolean {
  return record.claim !== undefined && Date.parse(record.claim.until) > Date.parse(nowIso);
}

/**
 * Carries out a stored journal exactly once across reconcilers. `claimed`: the caller wrote this journal with its own
 * claim (journalClaim) and holds `stored.etag`. Otherwise the journal is taken over only when no live claim holds it,
 * by an ETag-guarded write of a new claim BEFORE any effect: of two hosts that read the same journal, one claims and
 * acts, the other loses the write and leaves it alone (one Fleet PATCH per decision). A holder that crashes between
 * claim and effect leaves the claim to expire; the next reconcile after that replays. A holder whose effect fails
 * (e.g. ARM 500 after the SDK's retries) gives the claim back so the next reconcile retries at once.
 *
 * The carried-out journal stays saved, under the caller's claim: the caller's next write of the gate replaces it (a
 * decision taken on what the effects observed saves its own journal in the same write), or `clearJournal` clears it
 * when nothing follows. That saves one Table write per decision taken in a row; a crash before that write leaves the
 * journal to be replayed once the claim expires, exactly as a crash before a separate clear did. Returns the gate as
 * saved and what the effects observed (the results of a journaled runChecks, to decide on next), or undefined when
 * another writer holds or changed the gate.
 */
export async function settleJournal(
  deps: GateDeps,
  stored: StoredGate,
  view: FleetView,
  claimed = false,
): Promise<{ readonly stored: StoredGate; readonly observed: readonly GateObservation[] } | undefined> {
  let held = stored;
  if (!claimed) {
    if (claimHeld(stored, deps.clock.nowIso())) return undefined;
    held = (await guarded(() => deps.gates.replaceGate({ state: stored.state, journal: stored.journal, claim: journalClaim(deps.clock.nowIso()) }, stored.etag))) ?? stored;
    if (held === stored) return undefined;
  }
  try {
    return { stored: held, observed: await performJournal(deps, held.journal, view, held.state) };
  } catch (error) {
    // Best effort: if the release itself fails, the claim simply expires.
    await guarded(() => deps.gates.replaceGate({ state: held.state, journal: held.journal }, held.etag)).catch(() => undefined);
    throw error;
  }
}

/** Clears a journal `settleJournal` carried out (and releases its claim); undefined when another writer changed the gate. */
export function clearJournal(deps: GateDeps, held: StoredGate): Promise<StoredGate | undefined> {
  return guarded(() => deps.gates.replaceGate({ state: held.state, journal: [] }, held.etag));
}

async function guarded(write: () => Promise<StoredGate>): Promise<StoredGate | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConcurrencyError) return undefined;
    throw error;
  }
}
