import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { gateParams, operatorReasonBody } from './support/requestSchemas';

/** POST /api/runs/{fleet}/{run}/gates/{gateId}/retry `{ reason }`: re-measure a held or failed gate of a running run. */
export function createRetryGateHandler(services: () => Services): HttpHandler {
  return async (request, context) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'retry a gate', { params: gateParams, body: operatorReasonBody });
    if (isResponse(parsed)) return parsed;
    const { fleet, run, gateId } = parsed.params;
    return operatorResponse(await services().retryGate(fleet, run, gateId, parsed.operator, contextLog(context)));
  };
}

httpFunction('retryGate', { route: 'runs/{fleet}/{run}/gates/{gateId}/retry', methods: ['POST'], authLevel: 'function', handler: createRetryGateHandler(getServices) });
