import type { ApprovalPrincipal } from './approvalPolicy';
import type { ApprovalDecisionKind, ApprovalLedger } from './approvalLedger';
import { cleanComment, type ExpireResult, type RecordDecisionResult } from './decideApprovalRequest';

/** Shaped like the AuditEvent of src/ports/state.ts (the domain cannot import ports), so it is appended as is. */
export interface ApprovalAuditEvent {
  readonly id: string;
  readonly at: string;
  readonly fleetId: string;
  readonly runName: string;
  readonly gateId: string;
  /** ApprovalDecision (counted), ApprovalDecisionRefused (duplicate, notAllowed, expired, closed) or ApprovalExpired. */
  readonly kind: 'ApprovalDecision' | 'ApprovalDecisionRefused' | 'ApprovalExpired';
  /** The principal's name (from authentication or the signed callback), or `fleet-conductor` for expiry. */
  readonly actor: string;
  readonly message: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface DecisionAttempt {
  readonly principal: ApprovalPrincipal;
  readonly decision: ApprovalDecisionKind;
  readonly comment?: string;
  /** landingPage (signed-in user) or callback (HMAC-signed system, with its decision id). */
  readonly via: { readonly channel: 'landingPage' } | { readonly channel: 'callback'; readonly decisionId: string };
  /** The evidence the approver saw: the version posted back and, when the caller has one, a digest of it. */
  readonly evidence: { readonly version: number; readonly digest?: string };
}

/**
 * The audit event for one decision attempt and what recordDecision made of it: who (name, object id), when, the
 * decision, the comment, the evidence seen, the channel, the result and the request's outcome. Refused attempts
 * are audited too (a 403 is worth knowing about). The id is deterministic (request, decider, time, result).
 */
export function decisionAuditEvent(before: ApprovalLedger, attempt: DecisionAttempt, result: RecordDecisionResult, now: string): ApprovalAuditEvent {
  const { principal } = attempt;
  const comment = cleanComment(attempt.comment);
  const who = principal.objectId === undefined ? principal.name : `${principal.name} (${principal.objectId.toLowerCase()})`;
  const counted = result.kind === 'recorded';
  const closes = result.next.outcome !== before.outcome && result.next.outcome !== undefined ? `; request ${result.next.outcome}` : '';
  return {
    id: `approval:${before.requestId}:${(principal.objectId ?? principal.name).toLowerCase()}:${now}:${result.kind}`,
    at: now,
    ...before.gate,
    kind: counted ? 'ApprovalDecision' : 'ApprovalDecisionRefused',
    actor: principal.name,
    message: counted ? `${who} ${attempt.decision === 'approve' ? 'approved' : 'rejected'}${closes}` : `${who} could not ${attempt.decision}: ${result.kind}${closes}`,
    data: {
      requestId: before.requestId,
      decision: attempt.decision,
      result: result.kind,
      by: { name: principal.name, ...(principal.objectId === undefined ? {} : { objectId: principal.objectId.toLowerCase() }) },
      ...(comment === undefined ? {} : { comment }),
      evidence: attempt.evidence,
      via: attempt.via,
      ...(result.next.outcome === undefined ? {} : { outcome: result.next.outcome }),
    },
  };
}

/** The audit event for a request that expired (only when expire() closed it now, i.e. returned an observation). */
export function expiryAuditEvent(before: ApprovalLedger, result: ExpireResult, now: string): ApprovalAuditEvent | undefined {
  if (result.kind !== 'expired' || result.observation === undefined) return undefined;
  return {
    id: `approval:${before.requestId}:expired`,
    at: now,
    ...before.gate,
    kind: 'ApprovalExpired',
    actor: 'fleet-conductor',
    message: `approval expired at ${before.expiresAt} with ${before.decisions.length} decision(s); policy: ${before.policy.onExpire}`,
    data: { requestId: before.requestId, expiresAt: before.expiresAt, decisions: before.decisions, onExpire: before.policy.onExpire },
  };
}
