import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, MAX_CALLBACK_BODY } from '../domain/approvals/verifyCallback';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { problemResponse } from './support/problemResponse';
import { decisionProblem } from './support/approvalHttp';

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
 * decision id once. Anonymous at the Functions level: the signature is the authentication.
 */
export function createApprovalCallbackHandler(services: () => Services): HttpHandler {
  return async (request, context): Promise<HttpResponseInit> => {
    const body = await request.text();
    if (body.length > MAX_CALLBACK_BODY) return problemResponse(413, 'Payload Too Large', `The body must be at most ${MAX_CALLBACK_BODY} characters`);
    const outcome = await services().handleApprovalCallback(
      { body, timestampHeader: request.headers.get(TIMESTAMP_HEADER), signatureHeader: request.headers.get(SIGNATURE_HEADER) },
      contextLog(context),
    );
    switch (outcome.kind) {
      case 'callbackRejected':
        return problemResponse(STATUS[outcome.reason], 'Callback refused', `The callback was refused: ${outcome.reason}`, { reason: outcome.reason });
      case 'unknownRequest':
        return problemResponse(404, 'Not Found', 'No such approval request for this gate');
      case 'decided':
        return decisionProblem(outcome.result) ?? { status: 200, jsonBody: { result: outcome.result.kind, outcome: outcome.ledger.outcome ?? 'open' } };
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  };
}

httpFunction('approvalCallback', { route: 'approvals/callback', methods: ['POST'], authLevel: 'anonymous', handler: createApprovalCallbackHandler(getServices) });
