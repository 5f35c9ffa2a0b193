import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { renderApprovalPage } from '../views/renderApprovalPage';
import { authenticateCaller, callerProblem } from './support/callerPrincipal';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { problemResponse } from './support/problemResponse';
import { queryOf } from './support/parseRequest';
import { approvalPageQuery } from './support/requestSchemas';
import { approvalsDisabledProblem, tamperedProblem, tokenProblem } from './support/approvalHttp';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * GET /api/approvals/{token}: the approval landing page (HTML, no JavaScript). Anonymous at the Functions level:
 * the link token says which gate, App Service authentication says who (x-ms-client-principal, believed only from a
 * trusted principal source), never the link. Reads only; refusals here are not audited (viewing decides nothing).
 */
export function createApprovalPageHandler(services: () => Services): HttpHandler {
  return async (request, context): Promise<HttpResponseInit> => {
    const token = request.params.token ?? '';
    const s = services();
    if (!s.approvalsStatus.enabled) return approvalsDisabledProblem(s.approvalsStatus.reason);
    const caller = authenticateCaller(request, s.callerTrust);
    if (!caller.ok) return callerProblem(caller);
    const principal = caller.caller;
    const outcome = await s.getApprovalPage(token, { name: principal.name, objectId: principal.objectId, groups: principal.groups, roles: principal.roles }, contextLog(context));
    if (outcome.kind === 'tokenRejected') return tokenProblem(outcome.reason);
    if (outcome.kind === 'unknownRequest') return problemResponse(410, 'Gone', 'This approval request was replaced or no longer exists');
    if (outcome.kind === 'ledgerTampered') return tamperedProblem();
    // A preselection only: an unknown value preselects nothing rather than refusing the page.
    const query = approvalPageQuery.safeParse(queryOf(request));
    const decision = query.success ? query.data.decision : undefined;
    return {
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' },
      body: renderApprovalPage(outcome.view, {
        action: `/api/approvals/${token}`,
        principal: { name: principal.name, groups: principal.groups },
        ...(decision === undefined ? {} : { preselect: decision }),
        now: s.clock.nowIso(),
      }),
    };
  };
}

httpFunction('approvalPage', { route: 'approvals/{token}', methods: ['GET'], authLevel: 'anonymous', handler: createApprovalPageHandler(getServices) });
