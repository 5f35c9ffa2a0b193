import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { parseRequest } from './support/parseRequest';
import { fleetParams, noQuery } from './support/requestSchemas';

/** GET /api/fleets/{fleet}: members, versions, drift, and why a pending release is (not yet) eligible. */
export function createGetFleetHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseRequest(request, fleetParams, noQuery);
    if (!input.ok) return badRequest(input.errors);
    const { fleet } = input.params;
    const view = await services().getFleetView(fleet);
    return view ? { jsonBody: view } : notFound(`Fleet ${fleet} is not configured`);
  };
}

httpFunction('getFleet', { route: 'fleets/{fleet}', methods: ['GET'], authLevel: 'function', handler: createGetFleetHandler(getServices) });
