import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { renderRunTimeline } from '../views/renderRunTimeline';
import { authenticateCaller, OPERATOR_ROLE } from './support/callerPrincipal';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { parseRequest } from './support/parseRequest';
import { noQuery, runParams } from './support/requestSchemas';

const isOperator = (result: ReturnType<typeof authenticateCaller>): boolean => result.ok && result.caller.roles.includes(OPERATOR_ROLE);

/** GET /api/runs/{fleet}/{run}/view: the run timeline page (HTML + SVG, no JavaScript). */
export function createRunTimelineViewHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseRequest(request, runParams, noQuery);
    if (!input.ok) return badRequest(input.errors);
    const { fleet, run } = input.params;
    const s = services();
    // Pending approval links are for operators only (the role comes from the authenticated principal).
    const detail = await s.getRunDetail(fleet, run, { operator: isOperator(authenticateCaller(request, s.callerTrust)) });
    if (!detail) return notFound(`No run ${run} is known in fleet ${fleet}`);
    return {
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
      body: renderRunTimeline(detail, { now: s.clock.nowIso() }),
    };
  };
}

httpFunction('runTimelineView', { route: 'runs/{fleet}/{run}/view', methods: ['GET'], authLevel: 'function', handler: createRunTimelineViewHandler(getServices) });
