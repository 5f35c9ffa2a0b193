import { decideRunLifecycle, type RunLifecycleDecision } from '../../domain/runs/decideRunLifecycle';
import { isStopped } from '../../domain/runs/fleetRunState';
import type { FleetConfig } from '../../domain/config/conductorConfig';
import { ConcurrencyError, type StoredRunRecord } from '../../ports';
import type { ReleaseDeps } from './releaseDeps';

export interface RunReview<K extends RunLifecycleDecision['kind'] = RunLifecycleDecision['kind']> {
  readonly record: StoredRunRecord;
  readonly decision: Extract<RunLifecycleDecision, { kind: K }>;
}

/**
 * Reads what became of one of Conductor's runs (Fleet's state, the gates Conductor decided, an operator's stop) and
 * decides with the lifecycle rule. Claimed records belong to the create step and are not read here.
 */
export async function reviewRun(deps: Pick<ReleaseDeps, 'fleet' | 'gates' | 'audit'>, fleet: FleetConfig, record: StoredRunRecord, claimStale = false): Promise<RunLifecycleDecision> {
  const run = await deps.fleet.getUpdateRun(fleet.fleetId, record.runName);
  const gates = deps.gates ? await deps.gates.listRunGates(fleet.fleetId, record.runName) : [];
  // The audit trail is read only for a stopped run, to tell an operator's stop from one made around Conductor.
  const stoppedByOperator =
    isStopped(run?.state) ? (await deps.audit.listAuditEvents(fleet.fleetId, record.runName)).some((e) => e.kind === 'RunStopRequested') : false;
  return decideRunLifecycle({
    record,
    fleetState: run?.state,
    gates: gates.map((g) => ({ gateId: g.gate.gateId, phase: g.phase.name })),
    stoppedByOperator,
    claimStale,
  });
}

/** A claim younger than this belongs to a trigger still creating the run; an older unfinished one was abandoned (crash). */
export const CLAIM_TAKEOVER_SECONDS = 120;

const isStaleClaim = (record: StoredRunRecord, now: string): boolean =>
  record.state === 'Claimed' && Date.parse(now) - Date.parse(record.createdAt) >= CLAIM_TAKEOVER_SECONDS * 1000;

/**
 * Every run record of the fleet that is neither closed nor still being claimed, reviewed. Completed runs are closed
 * here (so they are not read again); the first held run and the first run to start are returned. A stale claim is
 * reviewed too: when its trigger crashed after Fleet created the run, the run is NotStarted in Fleet and Fleet's
 * active run keeps the policy from asking for a run again, so nothing else would ever start it (found by the full
 * resilience trials, a crash after `createUpdateRun`).
 */
export async function reviewOwnRuns(
  deps: Pick<ReleaseDeps, 'fleet' | 'gates' | 'audit' | 'releases' | 'clock'>,
  fleet: FleetConfig,
): Promise<{ held?: RunReview<'held'>; toStart?: RunReview<'start'>; pending?: StoredRunRecord }> {
  const now = deps.clock.nowIso();
  const all = (await deps.releases.listRunRecords(fleet.fleetId)).filter((r) => !r.closed);
  // Claims waiting on a request Azure accepted asynchronously are the confirm step's (see detectReleases), and so is a
  // stale profile-mode claim: its run, if its trigger generated one before crashing, has a name Fleet chose, which
  // only the profile's run list tells (the review below reads the run by the record's name).
  const isPending = (r: StoredRunRecord): boolean => r.state === 'Claimed' && (r.pending !== undefined || (r.mode === 'profile' && isStaleClaim(r, now)));
  const pending = all.find(isPending);
  const records = all.filter((r) => !isPending(r) && (r.state !== 'Claimed' || isStaleClaim(r, now)));
  let held: RunReview<'held'> | undefined;
  let toStart: RunReview<'start'> | undefined;
  for (const record of records) {
    const decision = await reviewRun(deps, fleet, record, isStaleClaim(record, now));
    if (decision.kind === 'completed') {
      try {
        await deps.releases.updateRunRecord({ ...withoutEtag(record), closed: { kind: 'Completed', at: deps.clock.nowIso() } }, record.etag);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error; // another trigger closed it (or moved it on) first
      }
    }
    if (decision.kind === 'held' && !held) held = { record, decision };
    if (decision.kind === 'start' && !toStart) toStart = { record, decision };
  }
  return { ...(held ? { held } : {}), ...(toStart ? { toStart } : {}), ...(pending ? { pending } : {}) };
}

export function withoutEtag({ etag: _etag, ...record }: StoredRunRecord): Omit<StoredRunRecord, 'etag'> {
  return record;
}
