import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';
import { badRequest, notFound } from './support/problemResponse';
import { parseRequest } from './support/parseRequest';
import { noQuery, runParams } from './support/requestSchemas';

/** GET /api/runs/{fleet}/{run}/events: the run's audit trail, oldest first. */
export function createListRunEventsHandler(services: () => Services): HttpHandler {
  return async (request) => {
    const input = parseRequest(request, runParams, noQuery);
    if (!input.ok) return badRequest(input.errors);
    const { fleet, run } = input.params;
    const events = await services().listRunEvents(fleet, run);
    return events ? { jsonBody: { items: events } } : notFound(`No run ${run} is known in fleet ${fleet}`);
  };
}

httpFunction('listRunEvents', { route: 'runs/{fleet}/{run}/events', methods: ['GET'], authLevel: 'function', handler: createListRunEventsHandler(getServices) });
