import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { RequestParameters } from './support/requestParameters';

/** GET /api/fleets/{fleet}/plan: the run that would be created now, and who would be skipped or sit Pending, and why. */
export function createGetFleetPlanHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const p = new RequestParameters(request);
    const fleet = p.name('fleet', 63);
    if (p.errors.length > 0) return badRequest(p.errors);
    const plan = await services().getFleetPlan(fleet);
    return plan ? { jsonBody: plan } : notFound(`Fleet ${fleet} is not configured`);
  };
}

httpFunction('getFleetPlan', { route: 'fleets/{fleet}/plan', methods: ['GET'], authLevel: 'function', handler: createGetFleetPlanHandler(getServices) });
