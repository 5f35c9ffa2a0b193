import type { HttpHandler } from '@azure/functions';
import { appVersion } from '../version';
import { httpFunction } from './support/functionCatalog';
import { openApiDocument } from './support/openApiDocument';

/** GET /api/openapi.json: the OpenAPI 3.1 document of this API. Built once: it only depends on the version. */
export function createOpenApiHandler(version: string): HttpHandler {
  const document = openApiDocument(version);
  return () => Promise.resolve({ status: 200, jsonBody: document });
}

// Anonymous like health: the document describes the API, not any fleet, and clients need it before they have keys.
httpFunction('openApi', { route: 'openapi.json', methods: ['GET'], authLevel: 'anonymous', handler: createOpenApiHandler(appVersion) });
