import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { authenticateCaller, callerProblem } from './support/callerPrincipal';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { badRequest, problemResponse } from './support/problemResponse';
import { parseInput } from './support/parseRequest';
import { decisionForm } from './support/requestSchemas';
import { approvalsDisabledProblem, decisionProblem, refuseAttempt, siteOf, tamperedProblem, tokenProblem } from './support/approvalHttp';
import { readBodyText } from './support/requestBody';

const MAX_FORM = 8_192;

/**
 * POST /api/approvals/{token}: the landing page's form (application/x-www-form-urlencoded: decision, comment,
 * formToken, evidenceVersion). Refused, audited and rate-limited per link: no trusted principal source, no verified
 * Entra ID caller, a cross-site post, a link or form token that does not verify (a post proving neither same-origin
 * nor holding a valid form token is refused here). The form token must be this principal's for this link.
 * Success → 303 back to the page (post/redirect/get).
 */
export function createDecideApprovalHandler(services: () => Services): HttpHandler {
  return async (request, context): Promise<HttpResponseInit> => {
    const token = request.params.token ?? '';
    const s = services();
    const log = contextLog(context);
    if (!s.approvalsStatus.enabled) return approvalsDisabledProblem(s.approvalsStatus.reason);
    const caller = authenticateCaller(request, s.callerTrust);
    if (!caller.ok) return refuseAttempt(s, { channel: 'landingPage', reason: caller.refusal, token, claimed: caller.claimed }, request, callerProblem(caller), log);
    const principal = { name: caller.caller.name, objectId: caller.caller.objectId, groups: caller.caller.groups, roles: caller.caller.roles };
    const claimed = { name: principal.name, objectId: principal.objectId };
    const site = siteOf(request);
    if (site === 'crossSite') return refuseAttempt(s, { channel: 'landingPage', reason: 'crossSite', token, claimed }, request, problemResponse(403, 'Forbidden', 'Cross-site form posts are refused'), log);
    const type = request.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return problemResponse(415, 'Unsupported Media Type', 'Post the page form (application/x-www-form-urlencoded)');
    const body = await readBodyText(request, MAX_FORM);
    if (!body.ok) return problemResponse(body.status, body.status === 413 ? 'Payload Too Large' : 'Bad Request', body.detail);
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(body.text);
      // URLSearchParams replaces bad percent-escapes silently; refuse them instead (an altered form is not a decision).
      decodeURIComponent(body.text.replace(/\+/g, ' '));
    } catch {
      return badRequest([{ parameter: 'body', message: 'is not valid form encoding' }]);
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of form) if (!(name in fields)) fields[name] = value;
    const input = parseInput(decisionForm, fields);
    if (!input.ok) return badRequest(input.errors);
    const { decision, comment, evidenceVersion, formToken } = input.value;
    const outcome = await s.decideApproval(
      {
        token,
        principal,
        decision,
        ...(comment === undefined || comment.trim() === '' ? {} : { comment }),
        ...(evidenceVersion === undefined ? {} : { evidenceVersion }),
        formToken,
      },
      log,
    );
    const refused = { channel: 'landingPage' as const, token, claimed: { ...claimed, decision } };
    switch (outcome.kind) {
      case 'tokenRejected':
        return refuseAttempt(s, { ...refused, reason: `token:${outcome.reason}` }, request, tokenProblem(outcome.reason), log);
      case 'formRejected': {
        const why = site === 'unproven' ? 'neither Sec-Fetch-Site nor Origin proves same-origin, and the form token is not valid' : 'the form token is not valid';
        return refuseAttempt(s, { ...refused, reason: site === 'unproven' ? 'formRejected:unprovenOrigin' : 'formRejected' }, request, problemResponse(403, 'Forbidden', `The form is not valid for you on this link (${why}); reload the page`), log);
      }
      case 'unknownRequest':
        return problemResponse(410, 'Gone', 'This approval request was replaced or no longer exists');
      case 'ledgerTampered':
        return tamperedProblem();
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
