import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { InvalidContinuationTokenError } from '../ports';
import { httpFunction } from './support/functionCatalog';
import { badRequest } from './support/problemResponse';
import { RequestParameters, UPDATE_STATES } from './support/requestParameters';

/** GET /api/runs?fleet=&state=&since=&limit=&continuationToken= → newest first, one page. */
export function createListRunsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const p = new RequestParameters(request);
    const fleet = p.optionalName('fleet', 63);
    const state = p.optionalEnum('state', UPDATE_STATES);
    const since = p.optionalDateTime('since');
    const limit = p.integer('limit', 50, 1, 200);
    const continuationToken = p.optionalString('continuationToken', 2048);
    if (p.errors.length > 0) return badRequest(p.errors);
    try {
      const page = await services().listRuns({ ...(fleet ? { fleet } : {}), ...(state ? { state } : {}), ...(since ? { since } : {}), limit, ...(continuationToken ? { continuationToken } : {}) });
      return { jsonBody: page };
    } catch (error) {
      if (error instanceof InvalidContinuationTokenError) return badRequest([{ parameter: 'continuationToken', message: error.message }]);
      throw error;
    }
  };
}

httpFunction('listRuns', { route: 'runs', methods: ['GET'], authLevel: 'function', handler: createListRunsHandler(getServices) });
