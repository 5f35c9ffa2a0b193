import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { EmulatorCore } from '../emulatorCore';
import type { EmulatorRequest } from '../httpTypes';
import { armErrorResponse } from '../arm/armError';
import { classify, dispatch, requestIds } from './dispatch';
import { readBody } from './readBody';
import { writeResponse } from './writeResponse';

function safeUrl(raw: string, base: string): URL {
  try {
    return new URL(raw.startsWith('/') ? raw.replace(/^\/+/, '/') : `/${raw}`, base);
  } catch (error) {
    console.error(`[emulator] unparsable request target ${raw}:`, error);
    return new URL('/', base);
  }
}

export interface EmulatorServer {
  url: string;
  close(): Promise<void>;
}

/** The HTTPS front door: one port for ARM, Log Analytics, sinks and the control API; logs every request. */
export function startEmulatorServer(core: EmulatorCore, cert: { key: string; cert: string }, host: string, port: number): Promise<EmulatorServer> {
  let baseUrl = '';
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const started = Date.now();
    void (async () => {
      const url = safeUrl(req.url ?? '/', baseUrl);
      const service = classify(url.pathname);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
      let status = 500;
      let faulted = false;
      try {
        const body = await readBody(req);
        const request: EmulatorRequest = { method: req.method ?? 'GET', url, headers, body: body ?? '' };
        const ids = requestIds(request);
        if (body === undefined) {
          status = 413;
          writeResponse(res, armErrorResponse(413, 'RequestEntityTooLarge', 'The request body is too large.'), ids);
          return;
        }
        const result = await dispatch(core, request, service, baseUrl);
        status = result.response.status;
        faulted = result.faulted;
        writeResponse(res, result.response, ids);
      } catch (error) {
        // Never crash on a request: an unexpected exception is ARM's 500 InternalServerError, and is logged.
        console.error(`[emulator] ${req.method ?? ''} ${url.pathname} failed:`, error);
        status = 500;
        if (!res.headersSent) writeResponse(res, armErrorResponse(500, 'InternalServerError', `The emulator failed to process the request: ${(error as Error).message}`));
        else res.destroy();
      } finally {
        core.requests.add({
          time: new Date(started).toISOString(),
          virtualTime: core.sim.nowIso(),
          service,
          method: (req.method ?? 'GET').toUpperCase(),
          path: url.pathname,
          apiVersion: url.searchParams.get('api-version') ?? '',
          status,
          durationMs: Date.now() - started,
          faulted,
          ...(headers['x-ms-client-request-id'] ? { clientRequestId: headers['x-ms-client-request-id'] } : {}),
          ...(headers['user-agent'] ? { userAgent: headers['user-agent'] } : {}),
        });
      }
    })();
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      baseUrl = `https://${host}:${actual}`;
      resolve({
        url: baseUrl,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
