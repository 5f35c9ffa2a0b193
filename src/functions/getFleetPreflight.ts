import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { RequestParameters } from './support/requestParameters';

/**
 * GET /api/fleets/{fleet}/preflight[?at=<ISO date-time>]: what would make a run fail, stall or go unguarded, each
 * finding with evidence and a fix; maintenance windows are evaluated at `at` (the planned start, default now).
 * Reads only; the same function-key authorization as GET /api/fleets/{fleet}.
 */
export function createGetFleetPreflightHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const p = new RequestParameters(request);
    const fleet = p.name('fleet', 63);
    const at = p.optionalDateTime('at');
    if (p.errors.length > 0) return badRequest(p.errors);
    const report = await services().getPreflight(fleet, at);
    return report ? { jsonBody: report } : notFound(`Fleet ${fleet} is not configured`);
  };
}

httpFunction('getFleetPreflight', { route: 'fleets/{fleet}/preflight', methods: ['GET'], authLevel: 'function', handler: createGetFleetPreflightHandler(getServices) });
