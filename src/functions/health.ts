import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction, registeredFunctions } from './support/functionCatalog';

/** GET /api/health: version, registered functions, last run of each timer. 503 when degraded (see HealthReport). */
export function createHealthHandler(services: () => Services): HttpHandler {
  return async () => {
    const report = await services().getHealth(registeredFunctions());
    return { status: report.status === 'ok' ? 200 : 503, jsonBody: report };
  };
}

// Anonymous on purpose: load balancers and uptime probes call it without keys; it reveals no state.
httpFunction('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: createHealthHandler(getServices) });
