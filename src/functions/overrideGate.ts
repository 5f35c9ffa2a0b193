import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { gateParams, operatorReasonBody } from './support/requestSchemas';

/** POST /api/runs/{fleet}/{run}/gates/{gateId}/override `{ reason }`: complete the Fleet gate, recorded as Bypassed by the operator. */
export function createOverrideGateHandler(services: () => Services): HttpHandler {
  return async (request, context) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'override a gate', { params: gateParams, body: operatorReasonBody });
    if (isResponse(parsed)) return parsed;
    const { fleet, run, gateId } = parsed.params;
    return operatorResponse(await services().overrideGate(fleet, run, gateId, parsed.operator, contextLog(context)));
  };
}

httpFunction('overrideGate', { route: 'runs/{fleet}/{run}/gates/{gateId}/override', methods: ['POST'], authLevel: 'function', handler: createOverrideGateHandler(getServices) });
