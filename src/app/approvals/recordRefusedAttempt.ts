import { verifyToken } from '../../domain/approvals/approvalToken';
import type { AuditEvent } from '../../ports';
import type { RefusalLimiter } from '../security/refusalLimiter';
import type { ApprovalDeps } from './approvalDeps';
import { linkSigner } from './tokenSigners';

/** Where a refused attempt came from, as the front end reported it (unverified; for the audit only). */
export interface AttemptOrigin {
  readonly ip?: string;
  readonly userAgent?: string;
  readonly origin?: string;
  readonly secFetchSite?: string;
}

/** One refused approval attempt: who claimed to be whom, through which channel, on which link, and why it was refused. */
export interface RefusedAttempt {
  readonly channel: 'landingPage' | 'callback';
  /** e.g. untrustedSource, unauthenticated, unverifiedPrincipal, crossSite, formRejected, token:badSignature, callback:badSignature. */
  readonly reason: string;
  /** The link token as sent (verified here only to file the event with its gate; never trusted otherwise). */
  readonly token?: string;
  readonly claimed: { readonly name?: string; readonly objectId?: string; readonly decision?: string };
  readonly from: AttemptOrigin;
}

export type RefusalOutcome = { readonly kind: 'audited' } | { readonly kind: 'rateLimited'; readonly retryAfterSeconds: number };

/** Refusals whose link cannot be verified are filed together here (a forged link names no real gate). */
export const UNVERIFIED_FLEET = 'unverified';
export const REFUSALS_RUN = 'approval-refusals';

let sequence = 0;

/**
 * Audits a refused approval attempt (changing nothing else) and rate-limits refusals per link: a verified link is
 * keyed by its request, anything else shares one key per channel. Over the limit the caller answers 429 and only
 * the first such refusal is audited (as `ApprovalRefusalsRateLimited`).
 */
export async function recordRefusedAttempt(
  deps: Pick<ApprovalDeps, 'audit' | 'clock' | 'approvals'>,
  /** The process's refusal counter (kept across invocations). */
  limiter: RefusalLimiter,
  attempt: RefusedAttempt,
): Promise<RefusalOutcome> {
  const now = deps.clock.nowIso();
  const signer = deps.approvals.signer;
  const verified = attempt.token !== undefined && signer !== undefined ? verifyToken(attempt.token, linkSigner(signer), now) : undefined;
  const claims = verified?.ok === true ? verified.claims : undefined;
  const key = claims === undefined ? `${attempt.channel}|unverified` : `${attempt.channel}|${claims.requestId}`;
  const limit = limiter.hit(key, Date.parse(now));
  if (!limit.allowed && !limit.firstOverLimit) return { kind: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds };
  const place = claims === undefined ? { fleetId: UNVERIFIED_FLEET, runName: REFUSALS_RUN } : { fleetId: claims.fleetId, runName: claims.runName, gateId: claims.gateId };
  const who = attempt.claimed.name ?? '(no principal)';
  const event: AuditEvent = {
    id: `approval-refused:${key}:${now}:${++sequence}`,
    at: now,
    ...place,
    kind: limit.allowed ? 'ApprovalAttemptRefused' : 'ApprovalRefusalsRateLimited',
    actor: who,
    message: limit.allowed
      ? `${attempt.channel} attempt claiming ${who}${attempt.claimed.objectId === undefined ? '' : ` (${attempt.claimed.objectId})`} refused: ${attempt.reason}`
      : `more than ${limiter.limit} refused attempts on this link within ${limiter.windowSeconds} s; further refusals answer 429 unaudited until the window ends`,
    data: {
      channel: attempt.channel,
      reason: attempt.reason,
      claimed: attempt.claimed,
      from: attempt.from,
      ...(claims === undefined ? {} : { requestId: claims.requestId }),
      ...(verified !== undefined && !verified.ok ? { link: verified.reason } : {}),
    },
  };
  await deps.audit.appendAuditEvents([event]);
  return limit.allowed ? { kind: 'audited' } : { kind: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds };
}
