import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import https from 'node:https';
import { startEmulator, type RunningEmulator } from '../../emulator/startEmulator';
import { tempCaFile } from '../support/tempCaFile';

export const SUB = '00000000-0000-0000-0000-000000000000';
export const SCOPES = ['https://management.azure.com/.default'];

/** A static credential: the bearer policy runs for real, the token content does not matter to the emulator. */
export const staticCredential: TokenCredential = {
  getToken: () => Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export async function startTestEmulator(scenario: string | object, speed = 0): Promise<RunningEmulator> {
  return startEmulator({ scenario, port: 0, speed, caFile: tempCaFile() });
}

export function fleetClient(emu: RunningEmulator, credential: TokenCredential = staticCredential, apiVersion?: string): ContainerServiceFleetClient {
  return new ContainerServiceFleetClient(credential, SUB, {
    endpoint: emu.url,
    credentials: { scopes: SCOPES },
    tlsOptions: { ca: emu.caPem },
    retryOptions: { maxRetries: 0 },
    ...(apiVersion ? { apiVersion } : {}),
  });
}

export function aksClient(emu: RunningEmulator, credential: TokenCredential = staticCredential): ContainerServiceClient {
  return new ContainerServiceClient(credential, SUB, {
    endpoint: emu.url,
    credentials: { scopes: SCOPES },
    tlsOptions: { ca: emu.caPem },
    retryOptions: { maxRetries: 0 },
  });
}

const httpClient = createDefaultHttpClient();

/** Arbitrary JSON from a real HTTP response; tests navigate it freely and assert on the values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one alias instead of `any` sprinkled in tests
export type Json = any;

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Json;
}

/** Raw call through the fleet client's own pipeline (auth, retry, UA), for preview/gate fields (docs/azure-apis.md §1.9). */
export async function armRaw(
  client: { pipeline: ContainerServiceFleetClient['pipeline'] },
  emu: RunningEmulator,
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE',
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const req = createPipelineRequest({
    url: `${emu.url}${pathAndQuery}`,
    method,
    headers: createHttpHeaders({ 'content-type': 'application/json', accept: 'application/json', ...headers }),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    tlsSettings: { ca: emu.caPem },
  });
  const res = await client.pipeline.sendRequest(httpClient, req);
  return { status: res.status, headers: res.headers.toJSON(), body: res.bodyAsText ? JSON.parse(res.bodyAsText) : undefined };
}

/** Plain HTTPS without any Azure pipeline: control API, unauthenticated probes, malformed bodies. */
export function httpsJson(emu: RunningEmulator, method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = https.request(`${emu.url}${pathAndQuery}`, { method, ca: emu.caPem, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text; // non-JSON bodies (PEM) are returned as text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export const control = (emu: RunningEmulator, method: string, p: string, body?: unknown): Promise<RawResponse> => httpsJson(emu, method, `/_emulator${p}`, body);

export async function advance(emu: RunningEmulator, seconds: number): Promise<void> {
  const res = await control(emu, 'POST', '/clock', { advanceSeconds: seconds });
  if (res.status !== 200) throw new Error(`clock advance failed: ${res.status}`);
}

export const fleetPath = (rg: string, fleet: string): string => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.ContainerService/fleets/${fleet}`;
