import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';

/** POST /api/fleets/{fleet}/pause `{ reason, stopActive? }`: incident freeze; no run is created or started meanwhile. */
export function createPauseFleetHandler(services: () => Services): HttpHandler {
  return async (request) => {
    let fleet = '';
    let stopActive = false;
    const parsed = await operatorRequest(request, services().callerTrust, 'pause a fleet', (p, body) => {
      fleet = p.name('fleet', 63);
      if (body.stopActive !== undefined && typeof body.stopActive !== 'boolean') p.errors.push({ parameter: 'stopActive', message: 'must be true or false' });
      else stopActive = body.stopActive === true;
    });
    if (isResponse(parsed)) return parsed;
    return operatorResponse(await services().pauseFleet(fleet, parsed.operator, stopActive));
  };
}

httpFunction('pauseFleet', { route: 'fleets/{fleet}/pause', methods: ['POST'], authLevel: 'function', handler: createPauseFleetHandler(getServices) });
