import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { renderFleetPage } from '../views/renderFleetPage';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { parseRequest } from './support/parseRequest';
import { fleetParams, noQuery } from './support/requestSchemas';
import { HTML_HEADERS } from './support/htmlHeaders';

/** GET /api/console/fleets/{fleet}: the operator console's fleet page (HTML, no JavaScript). */
export function createConsoleFleetHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseRequest(request, fleetParams, noQuery);
    if (!input.ok) return badRequest(input.errors);
    const name = input.params.fleet;
    const s = services();
    const fleet = await s.getFleetView(name);
    if (!fleet) return notFound(`No fleet ${name} is configured`);
    const [runs, fleets] = await Promise.all([s.listRuns({ fleet: name, limit: 10 }), s.listFleets()]);
    return { headers: HTML_HEADERS, body: renderFleetPage({ fleet, fleets: fleets.map((f) => f.name), runs: runs.items, now: s.clock.nowIso() }) };
  };
}

httpFunction('consoleFleet', { route: 'console/fleets/{fleet}', methods: ['GET'], authLevel: 'function', handler: createConsoleFleetHandler(getServices) });
