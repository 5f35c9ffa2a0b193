import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { isResponse, operatorRequest } from './support/operatorHttp';
import { runParams, stopRunBody } from './support/requestSchemas';
import { notFound, problemResponse } from './support/problemResponse';

/**
 * POST /api/runs/{fleet}/{run}/stop `{ reason }`: operators only (authorizeOperator: a trusted principal source, a
 * verified Entra ID caller with the Conductor.Operator role, never anything from the body). `comment` is still read
 * as the reason for callers written before `reason` existed.
 */
export function createStopRunHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const parsed = await operatorRequest(request, services().callerTrust, 'stop a run', { params: runParams, body: stopRunBody });
    if (isResponse(parsed)) return parsed;
    const { fleet, run } = parsed.params;
    const outcome = await services().stopRun(fleet, run, parsed.operator);
    switch (outcome.kind) {
      case 'notFound':
        return notFound(`No run ${run} in fleet ${fleet}`);
      case 'notRunning':
        return problemResponse(409, 'Conflict', `Run ${run} is ${outcome.state}; only a running or pending run can be stopped`, { state: outcome.state });
      case 'stopping':
        return { status: 202, jsonBody: { fleet, run, state: outcome.state } };
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  };
}

httpFunction('stopRun', { route: 'runs/{fleet}/{run}/stop', methods: ['POST'], authLevel: 'function', handler: createStopRunHandler(getServices) });
