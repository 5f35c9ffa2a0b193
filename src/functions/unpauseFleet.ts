import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { fleetParams, operatorReasonBody } from './support/requestSchemas';

/** POST /api/fleets/{fleet}/unpause `{ reason }`: lifts the freeze. */
export function createUnpauseFleetHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'unpause a fleet', { params: fleetParams, body: operatorReasonBody });
    if (isResponse(parsed)) return parsed;
    const { fleet } = parsed.params;
    return operatorResponse(await services().unpauseFleet(fleet, parsed.operator));
  };
}

httpFunction('unpauseFleet', { route: 'fleets/{fleet}/unpause', methods: ['POST'], authLevel: 'function', handler: createUnpauseFleetHandler(getServices) });
