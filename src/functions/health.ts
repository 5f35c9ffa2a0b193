import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { ConfigError } from '../config';
import { httpFunction, registeredFunctions } from './support/functionCatalog';
import { contextLog } from './support/contextLog';

/**
 * GET /api/health: version, registered functions, last run of each timer. 503 with the list of problems when state
 * storage is unreadable, the settings or the Conductor configuration are invalid, a fleet is blocked by a held run,
 * or a gate is held Inconclusive.
 */
export function createHealthHandler(services: () => Services): HttpHandler {
  return async (_request, context) => {
    let s: Services;
    try {
      s = services();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const problems = error.issues.map((i) => `${i.setting}: ${i.problem}`);
      return { status: 503, jsonBody: { status: 'degraded', functions: registeredFunctions(), problems } };
    }
    const report = await s.getHealth(registeredFunctions(), contextLog(context));
    return { status: report.status === 'ok' ? 200 : 503, jsonBody: report };
  };
}

// Anonymous on purpose: load balancers and uptime probes call it without keys; it reveals no state and no internal
// error text (that goes to the log), only which settings keep approvals or callers disabled.
httpFunction('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: createHealthHandler(getServices) });
