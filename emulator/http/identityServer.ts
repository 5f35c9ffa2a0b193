import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestLog } from '../control/requestLog';

export interface IdentityServer {
  endpoint: string;
  header: string;
  close(): Promise<void>;
}

/**
 * App Service–style managed identity endpoint (plain http like the real one): GET /msi/token with
 * `X-IDENTITY-HEADER`, answering what `ManagedIdentityCredential` expects (docs/local-runtime.md §6).
 */
export function startIdentityServer(host: string, log: RequestLog, virtualNow: () => string): Promise<IdentityServer> {
  const secret = randomBytes(16).toString('hex');
  const server = http.createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', `http://${host}`);
    const send = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      log.add({ time: new Date(started).toISOString(), virtualTime: virtualNow(), service: 'identity', method: req.method ?? 'GET', path: url.pathname, apiVersion: url.searchParams.get('api-version') ?? '', status, durationMs: Date.now() - started, faulted: false });
    };
    if (url.pathname !== '/msi/token' || req.method !== 'GET') return send(404, { error: 'not_found', error_description: 'Only GET /msi/token is served.' });
    if (req.headers['x-identity-header'] !== secret) return send(401, { error: 'unauthorized_client', error_description: 'X-IDENTITY-HEADER is missing or wrong.' });
    const resource = url.searchParams.get('resource') ?? url.searchParams.get('scope')?.replace(/\/\.default$/, '');
    if (!resource) return send(400, { error: 'invalid_request', error_description: "'resource' is required." });
    // Expiry uses real time: MSAL caches tokens against the wall clock, not the virtual one.
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    const clientId = url.searchParams.get('client_id') ?? '11111111-1111-1111-1111-111111111111';
    send(200, {
      access_token: `emulator.${Buffer.from(JSON.stringify({ aud: resource, appid: clientId })).toString('base64url')}.${randomBytes(8).toString('hex')}`,
      expires_on: String(expiresOn),
      resource,
      token_type: 'Bearer',
      client_id: clientId,
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        endpoint: `http://${host}:${port}/msi/token`,
        header: secret,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
