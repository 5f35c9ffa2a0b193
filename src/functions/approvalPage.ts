import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { renderApprovalPage } from '../views/renderApprovalPage';
import { callerPrincipal } from './support/callerPrincipal';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { problemResponse } from './support/problemResponse';
import { tokenProblem } from './support/approvalHttp';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * GET /api/approvals/{token}: the approval landing page (HTML, no JavaScript). Anonymous at the Functions level:
 * the link token says which gate, App Service authentication says who (x-ms-client-principal), never the link.
 */
export function createApprovalPageHandler(services: () => Services): HttpHandler {
  return async (request, context): Promise<HttpResponseInit> => {
    const token = request.params.token ?? '';
    const principal = callerPrincipal(request);
    if (!principal) return problemResponse(401, 'Unauthorized', 'Sign in to see this approval request (App Service authentication)');
    const s = services();
    const outcome = await s.getApprovalPage(token, { name: principal.name, ...(principal.objectId ? { objectId: principal.objectId } : {}), groups: principal.groups }, contextLog(context));
    if (outcome.kind === 'tokenRejected') return tokenProblem(outcome.reason);
    if (outcome.kind === 'unknownRequest') return problemResponse(410, 'Gone', 'This approval request was replaced or no longer exists');
    const decision = request.query.get('decision');
    return {
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' },
      body: renderApprovalPage(outcome.view, {
        action: `/api/approvals/${token}`,
        principal: { name: principal.name, groups: principal.groups },
        ...(decision === 'approve' || decision === 'reject' ? { preselect: decision } : {}),
        now: s.clock.nowIso(),
      }),
    };
  };
}

httpFunction('approvalPage', { route: 'approvals/{token}', methods: ['GET'], authLevel: 'anonymous', handler: createApprovalPageHandler(getServices) });
