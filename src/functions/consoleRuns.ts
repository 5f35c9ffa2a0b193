import { HttpRequest, type HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { InvalidContinuationTokenError } from '../ports';
import { renderRunsList } from '../views/renderRunsList';
import { httpFunction } from './support/functionCatalog';
import { badRequest } from './support/problemResponse';
import { RequestParameters, UPDATE_STATES } from './support/requestParameters';
import { HTML_HEADERS } from './support/htmlHeaders';

/** The filter form sends every field; an empty one means "all", as if it were absent. */
function withoutEmptyQuery(request: HttpRequest): HttpRequest {
  const url = new URL(request.url);
  for (const [k, v] of [...url.searchParams]) if (v === '') url.searchParams.delete(k);
  return new HttpRequest({ method: request.method, url: url.toString() });
}

/** GET /api/console/runs?fleet=&state=&continuationToken=: the operator console's runs list (HTML, no JavaScript). */
export function createConsoleRunsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const p = new RequestParameters(withoutEmptyQuery(request));
    const fleet = p.optionalName('fleet', 63);
    const state = p.optionalEnum('state', UPDATE_STATES);
    const continuationToken = p.optionalString('continuationToken', 2048);
    if (p.errors.length > 0) return badRequest(p.errors);
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
