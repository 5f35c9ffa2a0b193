import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { fleetParams, pauseBody } from './support/requestSchemas';

/** POST /api/fleets/{fleet}/pause `{ reason, stopActive? }`: incident freeze; no run is created or started meanwhile. */
export function createPauseFleetHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'pause a fleet', { params: fleetParams, body: pauseBody });
    if (isResponse(parsed)) return parsed;
    const { fleet } = parsed.params;
    const { stopActive } = parsed.body;
    return operatorResponse(await services().pauseFleet(fleet, parsed.operator, stopActive));
  };
}

httpFunction('pauseFleet', { route: 'fleets/{fleet}/pause', methods: ['POST'], authLevel: 'function', handler: createPauseFleetHandler(getServices) });
