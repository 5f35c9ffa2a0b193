import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { InvalidContinuationTokenError } from '../ports';
import { httpFunction } from './support/functionCatalog';
import { badRequest } from './support/problemResponse';
import { parseInput, queryOf } from './support/parseRequest';
import { listRunsQuery } from './support/requestSchemas';

/** GET /api/runs?fleet=&state=&since=&limit=&continuationToken= → newest first, one page. */
export function createListRunsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseInput(listRunsQuery, queryOf(request));
    if (!input.ok) return badRequest(input.errors);
    const { fleet, state, since, limit, continuationToken } = input.value;
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
