import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { ConfigError } from '../config';
import { httpFunction, registeredFunctions } from './support/functionCatalog';

/**
 * GET /api/health: version, registered functions, last run of each timer. 503 with the list of problems when state
 * storage is unreadable or the settings or the Conductor configuration are invalid.
 */
export function createHealthHandler(services: () => Services): HttpHandler {
  return async () => {
    let s: Services;
    try {
      s = services();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const problems = error.issues.map((i) => `${i.setting}: ${i.problem}`);
      return { status: 503, jsonBody: { status: 'degraded', functions: registeredFunctions(), problems } };
    }
    const report = await s.getHealth(registeredFunctions());
    return { status: report.status === 'ok' ? 200 : 503, jsonBody: report };
  };
}

// Anonymous on purpose: load balancers and uptime probes call it without keys; it reveals no state.
httpFunction('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: createHealthHandler(getServices) });
