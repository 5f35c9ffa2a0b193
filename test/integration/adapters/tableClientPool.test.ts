import type { AccessToken, TokenCredential } from '@azure/core-auth';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorCertificates } from '../../../emulator/http/certificates';
import { createAzureAgent } from '../../../src/adapters/azureClients';
import { createTableClientFactory } from '../../../src/adapters/tables/tableClientFactory';

/**
 * Table Storage over https (as in Azure) goes through the process's pooled agent: a burst of concurrent Table
 * requests shares a few keep-alive TLS connections instead of opening one per request in flight (the SDK's own agent
 * has no per-host cap). Azurite speaks http, so the local world never takes this path: a minimal https Table endpoint
 * answers here, counting TLS handshakes.
 */
const credential: TokenCredential = { getToken: (): Promise<AccessToken> => Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

let server: https.Server;
let uri = '';
let caPem = '';
let handshakes = 0;
let entityReads = 0;

beforeAll(async () => {
  const certs = await emulatorCertificates();
  caPem = certs.caPem;
  server = https.createServer({ key: certs.serverKey, cert: certs.serverCert }, (req, res) => {
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json;odata=minimalmetadata', 'x-ms-version': '2019-02-02' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url?.startsWith('/Tables')) return json(201, { TableName: 'poolGates' });
    entityReads++;
    // Answer a little later, so the requests of the burst are in flight together.
    setTimeout(() => json(200, { PartitionKey: 'p', RowKey: 'r', 'odata.etag': `W/"datetime'2026-12-06T00%3A00%3A00Z'"`, Value: 1 }), 20);
  });
  server.on('secureConnection', () => handshakes++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  uri = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Table clients over https', () => {
  it('share the pooled agent: 50 concurrent reads over at most 16 TLS connections', async () => {
    const agent = createAzureAgent(caPem);
    const tables = createTableClientFactory({ kind: 'identity', tableServiceUri: uri }, 'pool', () => credential, () => agent);
    const client = await tables('Gates');

    const read = await Promise.all(Array.from({ length: 50 }, () => client.getEntity<{ Value: number }>('p', 'r')));

    expect(read.map((entity) => entity.Value)).toEqual(Array(50).fill(1));
    expect(entityReads).toBe(50);
    expect(handshakes).toBeGreaterThan(0);
    expect(handshakes).toBeLessThanOrEqual(16);
    agent.destroy();
  });

  it('control: the same burst over an uncapped keep-alive pool (the SDK default) opens a connection per read in flight', async () => {
    const before = handshakes;
    const uncapped = new https.Agent({ keepAlive: true, ca: caPem });
    const tables = createTableClientFactory({ kind: 'identity', tableServiceUri: uri }, 'uncapped', () => credential, () => uncapped);
    const client = await tables('Gates');

    await Promise.all(Array.from({ length: 50 }, () => client.getEntity('p', 'r')));

    expect(handshakes - before).toBeGreaterThan(16);
    uncapped.destroy();
  });
});
