import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest, operatorResponse } from './support/operatorHttp';
import { runParams, skipBody } from './support/requestSchemas';

/** POST /api/runs/{fleet}/{run}/skip `{ reason, targets: [{ type, name }] }`: passed to Fleet's skip. */
export function createSkipRunTargetsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'skip targets of a run', { params: runParams, body: skipBody });
    if (isResponse(parsed)) return parsed;
    const { fleet, run } = parsed.params;
    const { targets } = parsed.body;
    return operatorResponse(await services().skipRunTargets(fleet, run, targets, parsed.operator));
  };
}

httpFunction('skipRunTargets', { route: 'runs/{fleet}/{run}/skip', methods: ['POST'], authLevel: 'function', handler: createSkipRunTargetsHandler(getServices) });
