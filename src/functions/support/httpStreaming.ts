import { app } from '@azure/functions';

/**
 * HTTP request bodies reach the handlers as streams instead of arriving whole (Microsoft Learn, "Stream HTTP
 * requests and responses in Node.js Azure Functions": @azure/functions 4.3.0 or later, Functions host 4.28 or
 * later — Flex Consumption runs a current v4 host; Core Tools 4.0.5530 or later locally). Without it the worker
 * receives every body in full from the host (up to FUNCTIONS_REQUEST_BODY_SIZE_LIMIT, 100 MB by default) before a
 * handler runs, so a size limit in the handler (readBodyText) could not stop an oversized body from being held.
 * Imported by the function catalog, so it runs while the entry files load, before the worker locks setup.
 */
app.setup({ enableHttpStream: true });
