import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Json } from './emulatorTestKit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { aksClient, control, fleetClient, httpsJson, startTestEmulator } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

/**
 * The production credential chain against the emulator's App Service–style token endpoint. MSAL caches the
 * managed-identity source per process, so the variables are set before the first credential exists (own file).
 */
let emu: RunningEmulator;
const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
beforeAll(async () => {
  emu = await startTestEmulator(threeStageScenario());
  process.env.IDENTITY_ENDPOINT = emu.identityEndpoint;
  process.env.IDENTITY_HEADER = emu.identityHeader;
});
afterAll(async () => {
  await emu.stop();
  if (saved.endpoint === undefined) delete process.env.IDENTITY_ENDPOINT;
  else process.env.IDENTITY_ENDPOINT = saved.endpoint;
  if (saved.header === undefined) delete process.env.IDENTITY_HEADER;
  else process.env.IDENTITY_HEADER = saved.header;
});

it('issues tokens to ManagedIdentityCredential and DefaultAzureCredential, which the SDK clients use over HTTPS', async () => {
  expect(emu.identityEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
  const mi = new ManagedIdentityCredential();
  const token = await mi.getToken('https://management.azure.com/.default');
  expect(token.token).toMatch(/^emulator\./);
  expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());

  const fleet = await fleetClient(emu, mi).fleets.get('rg1', 'fleet-1');
  expect(fleet.name).toBe('fleet-1');
  const dac = new DefaultAzureCredential();
  const cluster = await aksClient(emu, dac).managedClusters.get('rg-clusters', 'aks-dev-1');
  expect(cluster.kubernetesVersion).toBe('1.32.7');

  const identityCalls = (await control(emu, 'GET', '/requests?service=identity')).body.value;
  expect(identityCalls.length).toBeGreaterThanOrEqual(1);
  expect(identityCalls.every((c: Json) => c.path === '/msi/token' && c.status === 200 && c.apiVersion === '2019-08-01')).toBe(true);
  const arm = (await control(emu, 'GET', '/requests?service=arm')).body.value;
  expect(arm.map((c: Json) => c.status)).toEqual([200, 200]);
});

it('refuses ARM and Log Analytics requests without a bearer token, as ARM does', async () => {
  const res = await httpsJson(emu, 'GET', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/fleets/fleet-1?api-version=2025-03-01');
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toMatch(/^Bearer authorization_uri="https:\/\/login\.microsoftonline\.com\//);
  expect(res.body).toEqual({ error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } });
  const bad = await httpsJson(emu, 'GET', '/subscriptions/x/providers/Microsoft.ContainerService/fleets?api-version=2025-03-01', undefined, { authorization: 'Basic abc' });
  expect(bad.body.error.code).toBe('AuthenticationFailedInvalidHeader');
  const logs = await httpsJson(emu, 'POST', '/v1/workspaces/11111111-2222-4333-8444-555555555555/query', { query: 'KubeNodeInventory' });
  expect(logs.status).toBe(401);
  expect(logs.body.error.code).toBe('AuthorizationRequiredError');
  const wrongHeader = await new Promise<number>((resolve, reject) => {
    void import('node:http').then((http) =>
      http.get(`${emu.identityEndpoint}?api-version=2019-08-01&resource=https://management.azure.com`, { headers: { 'x-identity-header': 'nope' } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      }).on('error', reject),
    );
  });
  expect(wrongHeader).toBe(401);
});
