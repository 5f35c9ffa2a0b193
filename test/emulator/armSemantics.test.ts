import type { Json } from './emulatorTestKit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { armRaw, control, fleetClient, fleetPath, httpsJson, startTestEmulator } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

const BASE = fleetPath('rg1', 'fleet-1');
const V = '2026-03-02-preview';
const AUTH = { authorization: 'Bearer test' };
const RUN = { properties: { managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' } } } };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(threeStageScenario());
});
afterAll(() => emu.stop());

const arm = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => httpsJson(emu, method, path, body, { ...AUTH, ...headers });
const envelope = (code: string) => ({ error: { code, message: expect.any(String), target: null, details: [], additionalInfo: [] } });

describe('ARM semantics', () => {
  it('rejects invalid names with 400 InvalidResourceName', async () => {
    for (const name of ['Run_1', 'UPPER', '-lead', 'trail-', 'a'.repeat(51), 'dots.1.33']) {
      const res = await arm('PUT', `${BASE}/updateRuns/${encodeURIComponent(name)}?api-version=${V}`, RUN);
      expect([name, res.status, res.body]).toEqual([name, 400, envelope('InvalidResourceName')]);
    }
    expect((await arm('PUT', `${BASE}/members/Bad_Member?api-version=${V}`, {})).body.error.code).toBe('InvalidResourceName');
    expect((await arm('GET', `${BASE}/gates/not-a-guid?api-version=${V}`)).body.error.code).toBe('InvalidResourceName');
  });

  it('answers unknown and missing api-versions like ARM, and reads the SDK\'s api%2Dversion encoding', async () => {
    const unknown = await arm('GET', `${BASE}?api-version=2099-01-01`);
    expect([unknown.status, unknown.body]).toEqual([400, envelope('NoRegisteredProviderFound')]);
    expect(unknown.body.error.message).toContain("The supported api-versions are '2025-03-01, 2025-04-01-preview");
    const missing = await arm('GET', BASE);
    expect([missing.status, missing.body]).toEqual([400, envelope('MissingApiVersionParameter')]);
    expect((await arm('GET', `${BASE}?api%2Dversion=2025-03-01`)).status).toBe(200);
    expect((await arm('GET', `${BASE}/gates?api-version=2025-03-01`)).body.error.code).toBe('NoRegisteredProviderFound');
  });

  it('rejects malformed and invalid bodies with 400 InvalidRequestContent', async () => {
    const cases: [string, string | object][] = [
      ['malformed JSON', '{"properties": '],
      ['empty body', ''],
      ['array body', '[1,2]'],
      ['missing upgrade type', { properties: { managedClusterUpdate: { upgrade: {} } } }],
      ['NodeImageOnly with version', { properties: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly', kubernetesVersion: '1.33.2' } } } }],
      ['Full without version', { properties: { managedClusterUpdate: { upgrade: { type: 'Full' } } } }],
      ['both strategy and id', { properties: { ...RUN.properties, strategy: { stages: [] }, updateStrategyId: `${BASE}/updateStrategies/staged` } }],
      ['duplicate group', { properties: { ...RUN.properties, strategy: { stages: [{ name: 'a', groups: [{ name: 'dev' }] }, { name: 'b', groups: [{ name: 'dev' }] }] } } }],
      ['bad gate type', { properties: { ...RUN.properties, strategy: { stages: [{ name: 'a', groups: [], afterGates: [{ type: 'Manual' }] }] } } }],
      ['bad maxConcurrency', { properties: { ...RUN.properties, strategy: { stages: [{ name: 'a', groups: [{ name: 'dev', maxConcurrency: '0' }] }] } } }],
      ['51 groups', { properties: { ...RUN.properties, strategy: { stages: [{ name: 'a', groups: Array.from({ length: 51 }, (_, i) => ({ name: `g${i}` })) }] } } }],
    ];
    for (const [label, body] of cases) {
      const res = await arm('PUT', `${BASE}/updateRuns/r1?api-version=${V}`, body);
      expect([label, res.status, res.body]).toEqual([label, 400, envelope('InvalidRequestContent')]);
    }
    const noStrategy = await arm('PUT', `${BASE}/updateRuns/r1?api-version=${V}`, { properties: { ...RUN.properties, updateStrategyId: `${BASE}/updateStrategies/none` } });
    expect([noStrategy.status, noStrategy.body.error.code]).toEqual([404, 'ResourceNotFound']);
    const skip = await arm('PUT', `${BASE}/updateRuns/r1?api-version=${V}`, RUN);
    expect(skip.status).toBe(201);
    expect((await arm('POST', `${BASE}/updateRuns/r1/skip?api-version=${V}`, '{not json')).body.error.code).toBe('InvalidRequestContent');
    expect((await arm('POST', `${BASE}/updateRuns/r1/skip?api-version=${V}`, { targets: [{ type: 'Cluster', name: 'dev-1' }] })).body.error.code).toBe('InvalidRequestContent');
  });

  it('enforces ETags: If-Match (412 on stale), If-None-Match: * (412 when it exists)', async () => {
    const created = await arm('PUT', `${BASE}/updateRuns/etag-run?api-version=${V}`, RUN, { 'if-none-match': '*' });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe(created.body.eTag);
    const again = await arm('PUT', `${BASE}/updateRuns/etag-run?api-version=${V}`, RUN, { 'if-none-match': '*' });
    expect([again.status, again.body]).toEqual([412, envelope('PreconditionFailed')]);
    const replaced = await arm('PUT', `${BASE}/updateRuns/etag-run?api-version=${V}`, RUN, { 'if-match': created.body.eTag });
    expect(replaced.status).toBe(200);
    expect(replaced.body.eTag).not.toBe(created.body.eTag);
    const stale = await arm('POST', `${BASE}/updateRuns/etag-run/start?api-version=${V}`, undefined, { 'if-match': created.body.eTag });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'PreconditionFailed']);
    const fresh = await arm('POST', `${BASE}/updateRuns/etag-run/start?api-version=${V}`, undefined, { 'if-match': replaced.body.eTag });
    expect(fresh.status).toBe(200);
    const afterStart = await arm('PUT', `${BASE}/updateRuns/etag-run?api-version=${V}`, RUN);
    expect([afterStart.status, afterStart.body.error.code]).toEqual([409, 'OperationNotAllowed']);
    expect((await arm('POST', `${BASE}/updateRuns/etag-run/start?api-version=${V}`)).status).toBe(409);
    const missing = await arm('PATCH', `${BASE}/members/nobody?api-version=${V}`, { properties: {} }, { 'if-match': '"x"' });
    expect(missing.status).toBe(404);
  });

  it('answers unknown resources, subscriptions, types and methods with ARM errors', async () => {
    expect((await arm('GET', `${fleetPath('rg1', 'nofleet')}?api-version=${V}`)).body).toEqual(envelope('ResourceNotFound'));
    expect((await arm('GET', `/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.ContainerService/fleets?api-version=${V}`)).body.error.code).toBe('SubscriptionNotFound');
    expect((await arm('GET', `${BASE}/widgets?api-version=${V}`)).body.error.code).toBe('InvalidResourceType');
    expect((await arm('DELETE', `${BASE}?api-version=${V}`)).status).toBe(405);
    expect((await arm('GET', `${BASE}/updateRuns/nothing?api-version=${V}`)).status).toBe(404);
    expect((await arm('DELETE', `${BASE}/updateRuns/nothing?api-version=${V}`)).status).toBe(204);
  });

  it('pages lists with an absolute nextLink that carries the api-version', async () => {
    const first = await arm('GET', `${BASE}/members?api-version=${V}&$top=4`);
    expect(first.body.value).toHaveLength(4);
    const next = new URL(first.body.nextLink);
    expect(next.origin).toBe(emu.url);
    expect(next.searchParams.get('api-version')).toBe(V);
    const second = await arm('GET', `${next.pathname}${next.search}`);
    expect(second.body.value).toHaveLength(2);
    expect(second.body.nextLink).toBeUndefined();
    expect((await arm('GET', `${BASE}/members?api-version=${V}&$top=0`)).body.error.code).toBe('InvalidQueryParameterValue');
  });

  it('injects faults (status, Retry-After, count, latency) and logs every request for counting', async () => {
    await control(emu, 'DELETE', '/requests');
    const fault = await control(emu, 'POST', '/faults', { service: 'arm', method: 'GET', pathPattern: '/fleets/fleet-1$', status: 429, retryAfterSeconds: 7, times: 2 });
    expect(fault.status).toBe(201);
    const throttled = await arm('GET', `${BASE}?api-version=${V}`);
    expect([throttled.status, throttled.headers['retry-after'], throttled.body.error.code]).toEqual([429, '7', 'TooManyRequests']);
    expect((await arm('GET', `${BASE}?api-version=${V}`)).status).toBe(429);
    expect((await arm('GET', `${BASE}?api-version=${V}`)).status).toBe(200);
    await control(emu, 'POST', '/faults', { service: 'arm', status: 503 });
    expect((await arm('GET', `${BASE}/members?api-version=${V}`)).status).toBe(503);
    expect((await control(emu, 'DELETE', '/faults')).status).toBe(204);
    expect((await arm('GET', `${BASE}/members?api-version=${V}`)).status).toBe(200);
    await control(emu, 'POST', '/faults', { service: 'arm', latencyMs: 50, times: 1 });
    expect((await arm('GET', `${BASE}?api-version=${V}`)).status).toBe(200);

    // The SDK's retry policy honours Retry-After on 429.
    const retrying = fleetClient(emu);
    await control(emu, 'POST', '/faults', { service: 'arm', pathPattern: '/fleets/fleet-1$', status: 429, retryAfterSeconds: 0, times: 1 });
    const withRetries = new (retrying.constructor as Json)(
      { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) },
      '00000000-0000-0000-0000-000000000000',
      { endpoint: emu.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emu.caPem }, retryOptions: { maxRetries: 2, retryDelayInMs: 1 } },
    );
    expect((await withRetries.fleets.get('rg1', 'fleet-1')).name).toBe('fleet-1');

    const log = (await control(emu, 'GET', '/requests?service=arm')).body.value;
    expect(log.map((e: Json) => [e.method, e.status, e.faulted])).toEqual([
      ['GET', 429, true], ['GET', 429, true], ['GET', 200, false], ['GET', 503, true], ['GET', 200, false], ['GET', 200, false], ['GET', 429, true], ['GET', 200, false],
    ]);
    expect(log[0]).toMatchObject({ service: 'arm', path: BASE, apiVersion: V });
    const writes = (await control(emu, 'GET', '/requests?service=arm&method=PUT')).body.value;
    expect(writes).toEqual([]);
  });

  it('never crashes: hostile input gets an ARM error and the server keeps serving', async () => {
    const attempts: [string, string, string | undefined][] = [
      ['PUT', `${BASE}/updateRuns/%E0%A4%A?api-version=${V}`, '{}'],
      ['PUT', `${BASE}/updateRuns/x?api-version=${V}`, 'null'],
      ['PUT', `${BASE}/updateStrategies/x?api-version=${V}`, '{"properties":{"strategy":{"stages":[null]}}}'],
      ['PUT', `${BASE}/updateStrategies/x?api-version=${V}`, '{"properties":{"strategy":{"stages":[{"name":"a","groups":"dev"}]}}}'],
      ['POST', `${BASE}/updateRuns/x/skip?api-version=${V}`, '{"targets":[null]}'],
      ['PATCH', `${BASE}/gates/00000000-0000-0000-0000-000000000000?api-version=${V}`, '{"properties":null}'],
      ['PUT', `${BASE}/autoUpgradeProfiles/p?api-version=${V}`, '{"properties":{"channel":7}}'],
      ['POST', '/_emulator/faults', '{"service":"arm","pathPattern":"(["}'],
      ['POST', '/_emulator/clock', '{"advanceSeconds":-5}'],
      ['POST', '/_emulator/scenario', '{"regions":{}}'],
      ['GET', '/favicon.ico', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const res = await arm(method, path, body);
      expect([path, res.status >= 400 && res.status < 600, typeof res.body?.error?.code]).toEqual([path, true, 'string']);
    }
    const huge = await arm('PUT', `${BASE}/updateRuns/huge?api-version=${V}`, `{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(413);
    expect((await arm('GET', `${BASE}?api-version=${V}`)).status).toBe(200);
    const raw = await armRaw(fleetClient(emu), emu, 'GET', `${BASE}?api-version=${V}`);
    expect(raw.status).toBe(200);
  });
});
