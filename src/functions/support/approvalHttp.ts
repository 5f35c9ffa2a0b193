import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { AttemptOrigin, RefusedAttempt } from '../../app/approvals/recordRefusedAttempt';
import type { AppLog } from '../../ports';
import type { Services } from '../../composition';
import type { TokenRejection } from '../../domain/approvals/approvalToken';
import type { RecordDecisionResult } from '../../domain/approvals/decideApprovalRequest';
import { problemResponse } from './problemResponse';
import { errorMessage } from '../../app/errorMessage';

/** HTTP answers for a refused link token: nothing was read or changed. */
export function tokenProblem(reason: TokenRejection): HttpResponseInit {
  switch (reason) {
    case 'malformed':
    case 'unsupportedVersion':
      return problemResponse(400, 'Bad Request', `The approval link is not valid (${reason})`, { reason });
    case 'badSignature':
    case 'wrongGate':
      return problemResponse(403, 'Forbidden', 'The approval link was not issued by this Conductor or was altered', { reason });
    case 'expired':
      return problemResponse(410, 'Gone', 'The approval link expired', { reason });
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

/** The status of a decision result (README of the approvals domain): refusals change nothing. */
export function decisionProblem(result: RecordDecisionResult): HttpResponseInit | undefined {
  switch (result.kind) {
    case 'recorded':
    case 'duplicate':
      return undefined;
    case 'notAllowed':
      return problemResponse(403, 'Forbidden', 'You are not an approver for this gate', { result: result.kind });
    case 'identityMismatch':
      return problemResponse(403, 'Forbidden', result.reason === 'noObjectId' ? 'The approver has no Entra object id: one person is one approver, keyed by object id' : 'This name already decided under another object id: one person is one approver', { result: result.kind, reason: result.reason });
    case 'expired':
      return problemResponse(410, 'Gone', 'The approval request expired', { result: result.kind });
    case 'closed':
      return problemResponse(409, 'Conflict', `The approval request is already ${result.outcome}`, { result: result.kind, outcome: result.outcome });
    default: {
      const unreachable: never = result;
      return unreachable;
    }
  }
}

/** 409 for a ledger that failed its integrity check (already audited by the use case). */
export function tamperedProblem(): HttpResponseInit {
  return problemResponse(409, 'Conflict', 'The approval record failed its integrity check and is not used; an operator must review it (audited)', { reason: 'ledgerTampered' });
}

/** 503 while approvals are disabled (no usable APPROVAL_TOKEN_KEY): the reason names the setting. */
export function approvalsDisabledProblem(reason: string | undefined): HttpResponseInit {
  return problemResponse(503, 'Service Unavailable', reason ?? 'Approvals are disabled', { reason: 'approvalsDisabled' });
}

/** Where a request came from, as the App Service front end reports it (X-Forwarded-For / X-Client-IP); for audit only. */
export function attemptOrigin(request: HttpRequest): AttemptOrigin {
  const cap = (v: string | null): string | undefined => (v === null || v === '' ? undefined : v.slice(0, 200).replace(/[^\x20-\x7e]/g, '?'));
  const ip = cap(request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null) ?? cap(request.headers.get('x-client-ip'));
  const userAgent = cap(request.headers.get('user-agent'));
  const origin = cap(request.headers.get('origin'));
  const secFetchSite = cap(request.headers.get('sec-fetch-site'));
  return { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}), ...(origin ? { origin } : {}), ...(secFetchSite ? { secFetchSite } : {}) };
}

/**
 * Audits a refused approval attempt and answers `response`, or 429 once the link passed its refusal limit. Never
 * fails the request: if the audit cannot be written the refusal still stands (and the failure is logged).
 */
export async function refuseAttempt(services: Services, attempt: Omit<RefusedAttempt, 'from'>, request: HttpRequest, response: HttpResponseInit, log: AppLog): Promise<HttpResponseInit> {
  try {
    const outcome = await services.recordApprovalRefusal({ ...attempt, from: attemptOrigin(request) }, log);
    if (outcome.kind === 'rateLimited') {
      const limited = problemResponse(429, 'Too Many Requests', 'Too many refused attempts on this link; try again later', { reason: attempt.reason });
      return { ...limited, headers: { ...(limited.headers as Record<string, string>), 'retry-after': String(outcome.retryAfterSeconds) } };
    }
  } catch (error) {
    log.warn(`Could not audit a refused approval attempt (${attempt.reason}): ${errorMessage(error)}`);
  }
  return response;
}

/**
 * Cross-site request check for the landing page's POST: browsers send Sec-Fetch-Site (which page script cannot
 * set), so when present it decides alone; otherwise the Origin decides (another host, or `null`, is cross-site).
 * With neither header (old browsers, non-browser clients) nothing proves same-origin: `unproven`, and the caller
 * then requires a valid form token (bound to the signed-in principal and the link) and refuses, audited, without one.
 */
export function siteOf(request: HttpRequest): 'sameOrigin' | 'crossSite' | 'unproven' {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none' ? 'sameOrigin' : 'crossSite';
  const origin = request.headers.get('origin');
  if (origin === null) return 'unproven';
  if (origin === 'null') return 'crossSite';
  try {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
    return new URL(origin).host === host ? 'sameOrigin' : 'crossSite';
  } catch {
    return 'crossSite';
  }
}
