import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, MAX_CALLBACK_BODY } from '../domain/approvals/verifyCallback';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { problemResponse } from './support/problemResponse';
import { approvalsDisabledProblem, decisionProblem, refuseAttempt, tamperedProblem } from './support/approvalHttp';
import { readBodyText } from './support/requestBody';

const STATUS = {
  missingHeaders: 400,
  malformedTimestamp: 400,
  malformedSignature: 400,
  malformedBody: 400,
  badSignature: 401,
  staleTimestamp: 401,
  replayed: 409,
  wrongChannel: 403,
} as const;

/**
 * POST /api/approvals/callback: a decision from another system, HMAC-signed with the channel's shared secret
 * (x-conductor-timestamp, x-conductor-signature over "<timestamp>.<raw body>"), inside a replay window, each
 * decision id once. Anonymous at the Functions level: the signature is the authentication. The body is read with a
 * streaming limit (413 past it); every refusal is audited with what the body claimed, and rate-limited.
 */
export function createApprovalCallbackHandler(services: () => Services): HttpHandler {
  return async (request, context): Promise<HttpResponseInit> => {
    const s = services();
    const log = contextLog(context);
    if (!s.approvalsStatus.enabled) return approvalsDisabledProblem(s.approvalsStatus.reason);
    const body = await readBodyText(request, MAX_CALLBACK_BODY);
    if (!body.ok) return problemResponse(body.status, body.status === 413 ? 'Payload Too Large' : 'Bad Request', body.detail);
    const outcome = await s.handleApprovalCallback({ body: body.text, timestampHeader: request.headers.get(TIMESTAMP_HEADER), signatureHeader: request.headers.get(SIGNATURE_HEADER) }, log);
    const refused = (reason: string, response: HttpResponseInit): Promise<HttpResponseInit> =>
      refuseAttempt(s, { channel: 'callback', reason, claimed: claimedApprover(body.text) }, request, response, log);
    switch (outcome.kind) {
      case 'callbackRejected':
        return refused(`callback:${outcome.reason}`, problemResponse(STATUS[outcome.reason], 'Callback refused', `The callback was refused: ${outcome.reason}`, { reason: outcome.reason }));
      case 'unknownRequest':
        return refused('callback:unknownRequest', problemResponse(404, 'Not Found', 'No such approval request for this gate'));
      case 'ledgerTampered':
        return tamperedProblem();
      case 'decided':
        return decisionProblem(outcome.result) ?? { status: 200, jsonBody: { result: outcome.result.kind, outcome: outcome.ledger.outcome ?? 'open' } };
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  };
}

/** What an (unverified) callback body claims: approver name, object id and decision, capped, for the audit only. */
function claimedApprover(body: string): { name?: string; objectId?: string; decision?: string } {
  try {
    const parsed = JSON.parse(body) as { approver?: { name?: unknown; objectId?: unknown }; decision?: unknown };
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, 256).replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?') : undefined);
    const name = text(parsed.approver?.name);
    const objectId = text(parsed.approver?.objectId);
    const decision = text(parsed.decision);
    return { ...(name ? { name } : {}), ...(objectId ? { objectId } : {}), ...(decision ? { decision } : {}) };
  } catch {
    return {};
  }
}

httpFunction('approvalCallback', { route: 'approvals/callback', methods: ['POST'], authLevel: 'anonymous', handler: createApprovalCallbackHandler(getServices) });
