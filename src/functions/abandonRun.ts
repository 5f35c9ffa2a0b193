import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';

/** POST /api/runs/{fleet}/{run}/abandon `{ reason }`: stops the run if needed; it no longer holds the fleet. */
export function createAbandonRunHandler(services: () => Services): HttpHandler {
  return async (request) => {
    let fleet = '';
    let run = '';
    const parsed = await operatorRequest(request, services().callerTrust, 'abandon a run', (p) => {
      fleet = p.name('fleet', 63);
      run = p.name('run', 50);
    });
    if (isResponse(parsed)) return parsed;
    return operatorResponse(await services().abandonRun(fleet, run, parsed.operator));
  };
}

httpFunction('abandonRun', { route: 'runs/{fleet}/{run}/abandon', methods: ['POST'], authLevel: 'function', handler: createAbandonRunHandler(getServices) });
