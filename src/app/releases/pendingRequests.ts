import type { FleetConfig } from '../../domain/config/conductorConfig';
import { reason, ReasonCode } from '../../domain/versions/reasons';
import type { PendingRequest, RunRecord, StoredRunRecord } from '../../ports';
import type { ReleaseDeps } from './releaseDeps';
import type { ReleaseOutcome } from './releaseEvaluation';
import { withoutEtag } from './reviewOwnRuns';

/**
 * How long a request Azure accepted asynchronously may stay unconfirmed before it is reported (audit and alert) and
 * sent again. Ten minutes: several release polls and any event in between look at it first, and Fleet's own
 * strategy writes and run generation take seconds (no source gives a bound; a shortcut, not a measured figure).
 */
export const REQUEST_CONFIRM_SECONDS = 600;

/**
 * How long an evaluation that took a pending request (`checkedAt`) keeps it from other evaluations: as long as a
 * stale claim is kept from a takeover (120 s), longer than a confirm with its reads and ARM budget waits takes.
 */
export const PENDING_LEASE_SECONDS = 120;

const ACTOR = 'fleet-conductor';

export const isOverdue = (pending: PendingRequest, now: string): boolean => Date.parse(now) - Date.parse(pending.requestedAt) >= REQUEST_CONFIRM_SECONDS * 1000;

/** The record without its pending request (and ETag), for the write that confirms it. */
export function withoutPending(record: StoredRunRecord): Omit<RunRecord, 'pending'> {
  const { pending: _pending, ...rest } = withoutEtag(record);
  return rest;
}

const what = (kind: PendingRequest['kind'], fleet: FleetConfig): string =>
  kind === 'strategy' ? `the write of update strategy ${fleet.strategy.name}` : `generateUpdateRun on profile ${fleet.release?.autoUpgradeProfile ?? ''}`;

/**
 * Records that Azure accepted a request asynchronously (`fresh`: sent now; otherwise one seen still running, e.g. the
 * tick's strategy write) on the claimed record, ETag-guarded, once per attempt in the trail. The evaluation says why
 * no run started yet. Nothing is polled: a later evaluation reads Fleet's state and confirms it.
 */
export async function recordPending(deps: ReleaseDeps, fleet: FleetConfig, record: StoredRunRecord, kind: PendingRequest['kind'], fresh: boolean, afterBound = false): Promise<ReleaseOutcome> {
  const now = deps.clock.nowIso();
  const previous = record.pending?.kind === kind ? record.pending : undefined;
  const attempt = previous ? previous.attempt + (fresh ? 1 : 0) : 1;
  // A request still running keeps its time (its bound runs from when it was made); only the retry sent after the bound
  // (reported as unconfirmed) starts a new one. A write sent again before it (Fleet showed the last one Failed) keeps
  // the first one's time, so a write that keeps failing still reaches the bound and is reported.
  // The evaluation that took the record (its lease, `checkedAt`) keeps it while it writes the request again.
  const lease = record.pending?.checkedAt;
  const pending: PendingRequest = { kind, requestedAt: previous && !(fresh && afterBound) ? previous.requestedAt : now, attempt, ...(lease !== undefined ? { checkedAt: lease } : {}) };
  if (!previous || fresh) await deps.releases.updateRunRecord({ ...withoutEtag(record), pending }, record.etag);
  const message = `${fresh ? 'Requested' : 'Found still running'}: ${what(kind, fleet)} for ${record.target.kind} ${record.target.version} (attempt ${attempt}); Azure accepted it asynchronously, a later evaluation confirms it before the run is ${kind === 'strategy' ? 'created' : 'started'}.`;
  if (!previous || fresh) {
    await deps.audit.appendAuditEvents([
      { id: `${record.runName}/RequestAccepted/${record.attempt ?? 1}/${kind}/${attempt}`, at: now, fleetId: fleet.fleetId, runName: record.runName, kind: 'RequestAccepted', actor: ACTOR, message, data: { request: kind, attempt, requestedAt: pending.requestedAt, target: record.target } },
    ]);
  }
  const why = reason(ReasonCode.RequestPending, message, { version: record.target.version, matched: record.runName });
  await deps.releases.putEvaluation({ fleetId: fleet.fleetId, evaluatedAt: now, outcome: 'requested', target: record.target, runName: record.runName, reasons: [why], warnings: [] });
  deps.log.info(message, { fleet: fleet.name });
  return { kind: 'requested', runName: record.runName, awaiting: kind === 'strategy' ? 'strategy' : 'run' };
}

/** A request not confirmed within REQUEST_CONFIRM_SECONDS: in the run's trail and on the alert channel, once per attempt, before it is sent again. */
export async function reportUnconfirmed(deps: ReleaseDeps, fleet: FleetConfig, record: RunRecord, pending: PendingRequest): Promise<void> {
  const now = deps.clock.nowIso();
  const message = `Azure has not confirmed ${what(pending.kind, fleet)} for ${record.target.kind} ${record.target.version}, requested at ${pending.requestedAt} (attempt ${pending.attempt}), within ${REQUEST_CONFIRM_SECONDS} s; it is sent again (rule RetryUnconfirmedRequest).`;
  const id = `${record.runName}/RequestUnconfirmed/${record.attempt ?? 1}/${pending.kind}/${pending.attempt}`;
  await deps.audit.appendAuditEvents([
    { id, at: now, fleetId: fleet.fleetId, runName: record.runName, kind: 'RequestUnconfirmed', actor: ACTOR, message, data: { request: pending.kind, attempt: pending.attempt, requestedAt: pending.requestedAt } },
  ]);
  await deps.outbox.enqueue([
    { id, createdAt: now, channel: 'notifications', payload: { severity: 'warning', reason: 'RequestUnconfirmed', request: pending.kind, fleet: fleet.name, runName: record.runName, message } },
  ]);
  deps.log.warn(message, { fleet: fleet.name });
}
