import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { gateIdParameter } from './support/gateIdParameter';

/** POST /api/runs/{fleet}/{run}/gates/{gateId}/override `{ reason }`: complete the Fleet gate, recorded as Bypassed by the operator. */
export function createOverrideGateHandler(services: () => Services): HttpHandler {
  return async (request, context) => {
    let fleet = '';
    let run = '';
    let gateId = '';
    const parsed = await operatorRequest(request, services().callerTrust, 'override a gate', (p) => {
      fleet = p.name('fleet', 63);
      run = p.name('run', 50);
      gateId = gateIdParameter(p, request);
    });
    if (isResponse(parsed)) return parsed;
    return operatorResponse(await services().overrideGate(fleet, run, gateId, parsed.operator, contextLog(context)));
  };
}

httpFunction('overrideGate', { route: 'runs/{fleet}/{run}/gates/{gateId}/override', methods: ['POST'], authLevel: 'function', handler: createOverrideGateHandler(getServices) });
