import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { RequestParameters } from './support/requestParameters';

/** GET /api/runs/{fleet}/{run}/events: the run's audit trail, oldest first. */
export function createListRunEventsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const p = new RequestParameters(request);
    const fleet = p.name('fleet', 63);
    const run = p.name('run', 50);
    if (p.errors.length > 0) return badRequest(p.errors);
    const events = await services().listRunEvents(fleet, run);
    return events ? { jsonBody: { items: events } } : notFound(`No run ${run} is known in fleet ${fleet}`);
  };
}

httpFunction('listRunEvents', { route: 'runs/{fleet}/{run}/events', methods: ['GET'], authLevel: 'function', handler: createListRunEventsHandler(getServices) });
