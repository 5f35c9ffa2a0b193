import type { HttpHandler } from '@azure/functions';
import { appVersion } from '../version';
import { httpFunction } from './support/functionCatalog';
import { openApiDocument } from './support/openApiDocument';

/**
 * GET /api/openapi.json: the OpenAPI 3.1 document of this API. Built once, on the first request: it only depends on
 * the version, and building it (every schema to JSON Schema) was a fifth of the app's module-load time.
 */
export function createOpenApiHandler(version: string): HttpHandler {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return () => Promise.resolve({ status: 200, jsonBody: (document ??= openApiDocument(version)) });
}

// Anonymous like health: the document describes the API, not any fleet, and clients need it before they have keys.
httpFunction('openApi', { route: 'openapi.json', methods: ['GET'], authLevel: 'anonymous', handler: createOpenApiHandler(appVersion) });
