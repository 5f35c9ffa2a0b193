import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { operatorReasonBody, runParams } from './support/requestSchemas';

/** POST /api/runs/{fleet}/{run}/resume `{ reason }`: restarts a stopped or failed run, re-arming its decided gates. */
export function createResumeRunHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'resume a run', { params: runParams, body: operatorReasonBody });
    if (isResponse(parsed)) return parsed;
    const { fleet, run } = parsed.params;
    return operatorResponse(await services().resumeRun(fleet, run, parsed.operator), true);
  };
}

httpFunction('resumeRun', { route: 'runs/{fleet}/{run}/resume', methods: ['POST'], authLevel: 'function', handler: createResumeRunHandler(getServices) });
