import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { RequestParameters } from './support/requestParameters';

/** GET /api/fleets/{fleet}: members, versions, drift, and why a pending release is (not yet) eligible. */
export function createGetFleetHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const p = new RequestParameters(request);
    const fleet = p.name('fleet', 63);
    if (p.errors.length > 0) return badRequest(p.errors);
    const view = await services().getFleetView(fleet);
    return view ? { jsonBody: view } : notFound(`Fleet ${fleet} is not configured`);
  };
}

httpFunction('getFleet', { route: 'fleets/{fleet}', methods: ['GET'], authLevel: 'function', handler: createGetFleetHandler(getServices) });
