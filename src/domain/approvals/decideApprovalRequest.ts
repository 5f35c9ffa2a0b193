import type { GateObservation } from '../gates/gateObservation';
import { isDue } from '../gates/gateTime';
import { isAllowedApprover, type ApprovalPrincipal } from './approvalPolicy';
import {
  approvalsCounted,
  deciderOf,
  sameDecider,
  type ApprovalDecisionKind,
  type ApprovalDecisionRecord,
  type ApprovalLedger,
  type ApprovalOutcome,
} from './approvalLedger';

/** The observations the gate state machine understands (decideGate → decideApproval). */
export type ApprovalObservation = Extract<GateObservation, { kind: 'approvalGranted' | 'approvalRejected' | 'approvalExpired' }>;

/** Longest comment kept (longer ones are cut, with `…`). */
export const MAX_COMMENT_LENGTH = 1_000;

/**
 * What recordDecision did. HTTP mapping for the landing page / callback: recorded → 200, duplicate → 200 (idempotent,
 * shows the earlier decision), notAllowed → 403, expired → 410, closed → 409. `next === ledger` unless something changed.
 */
export type RecordDecisionResult =
  /** Counted; `observation` is set when this decision closed the request (quorum reached, or a reject). */
  | { readonly kind: 'recorded'; readonly next: ApprovalLedger; readonly record: ApprovalDecisionRecord; readonly observation?: ApprovalObservation }
  /** The same approver decided before: nothing counted again; `earlier` is their first decision (decisions are final). */
  | { readonly kind: 'duplicate'; readonly next: ApprovalLedger; readonly earlier: ApprovalDecisionRecord }
  /** Not in users / objectIds / groups, or without the role the policy names: nothing recorded. */
  | { readonly kind: 'notAllowed'; readonly next: ApprovalLedger }
  /**
   * One person is one approver, keyed by the tenant's object id: a principal without one, or a name (UPN) already
   * recorded under another object id, is refused (nothing recorded), so one person cannot count twice.
   */
  | { readonly kind: 'identityMismatch'; readonly next: ApprovalLedger; readonly reason: 'noObjectId' | 'nameBoundToAnotherObjectId' }
  /** Past `expiresAt`: the request is closed as expired (the first time, with the approvalExpired observation). */
  | { readonly kind: 'expired'; readonly next: ApprovalLedger; readonly observation?: ApprovalObservation }
  /** Already granted or rejected. */
  | { readonly kind: 'closed'; readonly next: ApprovalLedger; readonly outcome: ApprovalOutcome };

/**
 * Records one decision. Checked in this order: an object id (else identityMismatch), allowed approver (else
 * notAllowed), earlier decision by the same approver (duplicate; by object id), an earlier decision under the same
 * name with another object id (identityMismatch: a UPN belongs to one object id), closed (granted/rejected),
 * expired (now ≥ expiresAt), then counted:
 * - reject by any allowed approver → rejected at once (GitHub Environments / Azure DevOps: one reject suffices);
 * - approve → granted once `policy.quorum` distinct approvers approved.
 * `evidenceVersion` is the version of the evidence the approver saw (the landing page posts it back); it defaults
 * to the one of the request. `principal` must come from authentication (x-ms-client-principal) or a verified
 * callback, never from the link.
 */
export function recordDecision(
  ledger: ApprovalLedger,
  principal: ApprovalPrincipal,
  decision: ApprovalDecisionKind,
  comment: string | undefined,
  now: string,
  evidenceVersion: number = ledger.evidenceVersion,
): RecordDecisionResult {
  if (principal.objectId === undefined || principal.objectId.trim() === '') return { kind: 'identityMismatch', next: ledger, reason: 'noObjectId' };
  if (!isAllowedApprover(ledger.policy, principal)) return { kind: 'notAllowed', next: ledger };
  const by = deciderOf(principal);
  const earlier = ledger.decisions.find((decision) => sameDecider(decision.by, by));
  if (earlier !== undefined) return { kind: 'duplicate', next: ledger, earlier };
  if (ledger.decisions.some((decision) => decision.by.name.toLowerCase() === by.name.toLowerCase())) {
    return { kind: 'identityMismatch', next: ledger, reason: 'nameBoundToAnotherObjectId' };
  }
  if (ledger.outcome === 'granted' || ledger.outcome === 'rejected') return { kind: 'closed', next: ledger, outcome: ledger.outcome };
  if (ledger.outcome === 'expired') return { kind: 'expired', next: ledger };
  if (isDue(now, ledger.expiresAt)) return { kind: 'expired', next: close(ledger, 'expired', now), observation: { kind: 'approvalExpired' } };
  const cleaned = cleanComment(comment);
  const record: ApprovalDecisionRecord = { by, decision, ...(cleaned === undefined ? {} : { comment: cleaned }), at: now, evidenceVersion };
  const counted: ApprovalLedger = { ...ledger, decisions: [...ledger.decisions, record] };
  if (record.decision === 'reject') {
    return { kind: 'recorded', next: close(counted, 'rejected', now), record, observation: observe('approvalRejected', [record]) };
  }
  if (approvalsCounted(counted) < ledger.policy.quorum) return { kind: 'recorded', next: counted, record };
  const approvals = counted.decisions.filter((decision) => decision.decision === 'approve');
  return { kind: 'recorded', next: close(counted, 'granted', now), record, observation: observe('approvalGranted', approvals) };
}

export type ExpireResult =
  | { readonly kind: 'expired'; readonly next: ApprovalLedger; readonly observation?: ApprovalObservation }
  | { readonly kind: 'notDue'; readonly next: ApprovalLedger }
  | { readonly kind: 'closed'; readonly next: ApprovalLedger; readonly outcome: ApprovalOutcome };

/**
 * Closes an open request as expired once `now ≥ expiresAt` and returns the approvalExpired observation (the gate
 * then applies `onExpire`). Idempotent: an already expired request gives `expired` without an observation.
 */
export function expire(ledger: ApprovalLedger, now: string): ExpireResult {
  if (ledger.outcome === 'granted' || ledger.outcome === 'rejected') return { kind: 'closed', next: ledger, outcome: ledger.outcome };
  if (ledger.outcome === 'expired') return { kind: 'expired', next: ledger };
  if (!isDue(now, ledger.expiresAt)) return { kind: 'notDue', next: ledger };
  return { kind: 'expired', next: close(ledger, 'expired', now), observation: { kind: 'approvalExpired' } };
}

function close(ledger: ApprovalLedger, outcome: ApprovalOutcome, now: string): ApprovalLedger {
  return { ...ledger, outcome, closedAt: now };
}

/** by: the deciders' names (`alice, bob`); comment: their comments (`alice: ok; bob: fine`), when any. */
function observe(kind: 'approvalGranted' | 'approvalRejected', records: readonly ApprovalDecisionRecord[]): ApprovalObservation {
  const comments = records.filter((record) => record.comment !== undefined).map((record) => `${record.by.name}: ${record.comment}`);
  return { kind, by: records.map((record) => record.by.name).join(', '), ...(comments.length === 0 ? {} : { comment: comments.join('; ') }) };
}

/** Trims, strips control characters (keeping line breaks as spaces) and caps a comment; empty → undefined. */
export function cleanComment(comment: string | undefined): string | undefined {
  if (comment === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const cleaned = comment.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  if (cleaned === '') return undefined;
  return cleaned.length > MAX_COMMENT_LENGTH ? `${cleaned.slice(0, MAX_COMMENT_LENGTH - 1)}…` : cleaned;
}
