import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { InvalidContinuationTokenError } from '../ports';
import { renderRunsList } from '../views/renderRunsList';
import { httpFunction } from './support/functionCatalog';
import { badRequest } from './support/problemResponse';
import { parseInput, queryOf } from './support/parseRequest';
import { consoleRunsQuery } from './support/requestSchemas';
import { HTML_HEADERS } from './support/htmlHeaders';

/** The filter form sends every field; an empty one means "all", as if it were absent. */
function withoutEmpty(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

/** GET /api/console/runs?fleet=&state=&continuationToken=: the operator console's runs list (HTML, no JavaScript). */
export function createConsoleRunsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseInput(consoleRunsQuery, withoutEmpty(queryOf(request)));
    if (!input.ok) return badRequest(input.errors);
    const { fleet, state, continuationToken } = input.value;
    const s = services();
    try {
      const page = await s.listRuns({ ...(fleet ? { fleet } : {}), ...(state ? { state } : {}), limit: 50, ...(continuationToken ? { continuationToken } : {}) });
      const fleets = (await s.listFleets()).map((f) => f.name);
      const body = renderRunsList({ runs: page.items, fleets, filters: { ...(fleet ? { fleet } : {}), ...(state ? { state } : {}) }, ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}), now: s.clock.nowIso() });
      return { headers: HTML_HEADERS, body };
    } catch (error) {
      if (error instanceof InvalidContinuationTokenError) return badRequest([{ parameter: 'continuationToken', message: error.message }]);
      throw error;
    }
  };
}

httpFunction('consoleRuns', { route: 'console/runs', methods: ['GET'], authLevel: 'function', handler: createConsoleRunsHandler(getServices) });
