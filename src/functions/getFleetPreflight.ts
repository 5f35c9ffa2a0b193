import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { parseRequest } from './support/parseRequest';
import { fleetParams, preflightQuery } from './support/requestSchemas';

/**
 * GET /api/fleets/{fleet}/preflight[?at=<ISO date-time>]: what would make a run fail, stall or go unguarded, each
 * finding with evidence and a fix; maintenance windows are evaluated at `at` (the planned start, default now).
 * Reads only; the same function-key authorization as GET /api/fleets/{fleet}.
 */
export function createGetFleetPreflightHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseRequest(request, fleetParams, preflightQuery);
    if (!input.ok) return badRequest(input.errors);
    const { fleet } = input.params;
    const { at } = input.query;
    const report = await services().getPreflight(fleet, at);
    return report ? { jsonBody: report } : notFound(`Fleet ${fleet} is not configured`);
  };
}

httpFunction('getFleetPreflight', { route: 'fleets/{fleet}/preflight', methods: ['GET'], authLevel: 'function', handler: createGetFleetPreflightHandler(getServices) });
