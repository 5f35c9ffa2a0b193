import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { parseRequest } from './support/parseRequest';
import { fleetParams, noQuery } from './support/requestSchemas';

/** GET /api/fleets/{fleet}/plan: the run that would be created now, and who would be skipped or sit Pending, and why. */
export function createGetFleetPlanHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseRequest(request, fleetParams, noQuery);
    if (!input.ok) return badRequest(input.errors);
    const { fleet } = input.params;
    const plan = await services().getFleetPlan(fleet);
    return plan ? { jsonBody: plan } : notFound(`Fleet ${fleet} is not configured`);
  };
}

httpFunction('getFleetPlan', { route: 'fleets/{fleet}/plan', methods: ['GET'], authLevel: 'function', handler: createGetFleetPlanHandler(getServices) });
