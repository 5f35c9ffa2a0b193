import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { callerPrincipal } from './support/callerPrincipal';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { badRequest, problemResponse, type ParameterError } from './support/problemResponse';
import { decisionProblem, isCrossSite, tokenProblem } from './support/approvalHttp';

const MAX_FORM = 8_192;

/**
 * POST /api/approvals/{token}: the landing page's form (application/x-www-form-urlencoded: decision, comment,
 * formToken, evidenceVersion). CSRF: cross-site requests are refused by Sec-Fetch-Site/Origin, and the form token
 * must be this principal's for this link. Success → 303 back to the page (post/redirect/get).
 */
export function createDecideApprovalHandler(services: () => Services): HttpHandler {
  return async (request, context): Promise<HttpResponseInit> => {
    const token = request.params.token ?? '';
    if (isCrossSite(request)) return problemResponse(403, 'Forbidden', 'Cross-site form posts are refused');
    const principal = callerPrincipal(request);
    if (!principal) return problemResponse(401, 'Unauthorized', 'Sign in to decide (App Service authentication)');
    const type = request.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return problemResponse(415, 'Unsupported Media Type', 'Post the page form (application/x-www-form-urlencoded)');
    const text = await request.text();
    const errors: ParameterError[] = [];
    if (text.length > MAX_FORM) errors.push({ parameter: 'body', message: `must be at most ${MAX_FORM} characters` });
    const form = new URLSearchParams(text.length > MAX_FORM ? '' : text);
    const decision = form.get('decision');
    if (decision !== 'approve' && decision !== 'reject') errors.push({ parameter: 'decision', message: 'must be approve or reject' });
    const comment = form.get('comment') ?? undefined;
    if (comment !== undefined && comment.length > 2_000) errors.push({ parameter: 'comment', message: 'must be at most 2000 characters' });
    const version = form.get('evidenceVersion');
    const evidenceVersion = version === null ? undefined : Number(version);
    if (evidenceVersion !== undefined && !(Number.isSafeInteger(evidenceVersion) && evidenceVersion >= 0)) errors.push({ parameter: 'evidenceVersion', message: 'must be a whole number' });
    if (errors.length > 0 || (decision !== 'approve' && decision !== 'reject')) return badRequest(errors);
    const outcome = await services().decideApproval(
      {
        token,
        principal: { name: principal.name, ...(principal.objectId ? { objectId: principal.objectId } : {}), groups: principal.groups },
        decision,
        ...(comment === undefined || comment.trim() === '' ? {} : { comment }),
        ...(evidenceVersion === undefined ? {} : { evidenceVersion }),
        formToken: form.get('formToken') ?? undefined,
      },
      contextLog(context),
    );
    switch (outcome.kind) {
      case 'tokenRejected':
        return tokenProblem(outcome.reason);
      case 'formRejected':
        return problemResponse(403, 'Forbidden', 'The form is not valid for you on this link; reload the page');
      case 'unknownRequest':
        return problemResponse(410, 'Gone', 'This approval request was replaced or no longer exists');
      case 'decided':
        return decisionProblem(outcome.result) ?? { status: 303, headers: { location: `/api/approvals/${token}` } };
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  };
}

httpFunction('decideApproval', { route: 'approvals/{token}', methods: ['POST'], authLevel: 'anonymous', handler: createDecideApprovalHandler(getServices) });
