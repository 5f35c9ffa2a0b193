import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { authenticateCaller, OPERATOR_ROLE } from './support/callerPrincipal';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { parseRequest } from './support/parseRequest';
import { noQuery, runParams } from './support/requestSchemas';

const isOperator = (result: ReturnType<typeof authenticateCaller>): boolean => result.ok && result.caller.roles.includes(OPERATOR_ROLE);

/** GET /api/runs/{fleet}/{run}: the run as observed, its creation, gates with checks and evidence, timeline. */
export function createGetRunHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseRequest(request, runParams, noQuery);
    if (!input.ok) return badRequest(input.errors);
    const { fleet, run } = input.params;
    // Pending approval links are for operators only (the role comes from the authenticated principal).
    const detail = await services().getRunDetail(fleet, run, { operator: isOperator(authenticateCaller(request, services().callerTrust)) });
    return detail ? { jsonBody: detail } : notFound(`No run ${run} is known in fleet ${fleet}`);
  };
}

httpFunction('getRun', { route: 'runs/{fleet}/{run}', methods: ['GET'], authLevel: 'function', handler: createGetRunHandler(getServices) });
