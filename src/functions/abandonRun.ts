import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { operatorReasonBody, runParams } from './support/requestSchemas';

/** POST /api/runs/{fleet}/{run}/abandon `{ reason }`: stops the run if needed; it no longer holds the fleet. */
export function createAbandonRunHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'abandon a run', { params: runParams, body: operatorReasonBody });
    if (isResponse(parsed)) return parsed;
    const { fleet, run } = parsed.params;
    return operatorResponse(await services().abandonRun(fleet, run, parsed.operator));
  };
}

httpFunction('abandonRun', { route: 'runs/{fleet}/{run}/abandon', methods: ['POST'], authLevel: 'function', handler: createAbandonRunHandler(getServices) });
