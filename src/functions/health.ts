import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction, registeredFunctions } from './support/functionCatalog';
import { contextLog } from './support/contextLog';

/** GET /api/health: version, registered functions, last run of each timer. 503 when state storage is unreadable. */
export function createHealthHandler(services: () => Services): HttpHandler {
  return async (_request, context) => {
    const report = await services().getHealth(registeredFunctions(), contextLog(context));
    return { status: report.status === 'ok' ? 200 : 503, jsonBody: report };
  };
}

// Anonymous on purpose: load balancers and uptime probes call it without keys; it reveals no state and no internal
// error text (that goes to the log), only which settings keep approvals or callers disabled.
httpFunction('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: createHealthHandler(getServices) });
