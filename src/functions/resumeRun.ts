import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';

/** POST /api/runs/{fleet}/{run}/resume `{ reason }`: restarts a stopped or failed run, re-arming its decided gates. */
export function createResumeRunHandler(services: () => Services): HttpHandler {
  return async (request) => {
    let fleet = '';
    let run = '';
    const parsed = await operatorRequest(request, services().callerTrust, 'resume a run', (p) => {
      fleet = p.name('fleet', 63);
      run = p.name('run', 50);
    });
    if (isResponse(parsed)) return parsed;
    return operatorResponse(await services().resumeRun(fleet, run, parsed.operator), true);
  };
}

httpFunction('resumeRun', { route: 'runs/{fleet}/{run}/resume', methods: ['POST'], authLevel: 'function', handler: createResumeRunHandler(getServices) });
