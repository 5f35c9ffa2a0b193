import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { gateIdParameter } from './support/gateIdParameter';

/** POST /api/runs/{fleet}/{run}/gates/{gateId}/retry `{ reason }`: re-measure a held or failed gate of a running run. */
export function createRetryGateHandler(services: () => Services): HttpHandler {
  return async (request, context) => {
    let fleet = '';
    let run = '';
    let gateId = '';
    const parsed = await operatorRequest(request, services().callerTrust, 'retry a gate', (p) => {
      fleet = p.name('fleet', 63);
      run = p.name('run', 50);
      gateId = gateIdParameter(p, request);
    });
    if (isResponse(parsed)) return parsed;
    return operatorResponse(await services().retryGate(fleet, run, gateId, parsed.operator, contextLog(context)));
  };
}

httpFunction('retryGate', { route: 'runs/{fleet}/{run}/gates/{gateId}/retry', methods: ['POST'], authLevel: 'function', handler: createRetryGateHandler(getServices) });
