import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { TokenRejection } from '../../domain/approvals/approvalToken';
import type { RecordDecisionResult } from '../../domain/approvals/decideApprovalRequest';
import { problemResponse } from './problemResponse';

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

/**
 * Cross-site request check for the landing page's POST (besides the form token): browsers send Sec-Fetch-Site
 * (which page script cannot set), so when present it decides alone; otherwise an Origin of another host (or
 * `null`) is refused. Without either header (old browsers, non-browser clients) the form token alone protects.
 */
export function isCrossSite(request: HttpRequest): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null') return true;
  try {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
