import type { HttpHandler } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { httpFunction } from './support/functionCatalog';

/** GET /api/fleets: the fleets Conductor is configured for. */
export function createListFleetsHandler(services: () => Services): HttpHandler {
  return async () => ({ jsonBody: { items: await services().listFleets() } });
}

httpFunction('listFleets', { route: 'fleets', methods: ['GET'], authLevel: 'function', handler: createListFleetsHandler(getServices) });
