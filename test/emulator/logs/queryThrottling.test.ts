import { LogsQueryClient } from '@azure/monitor-query-logs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../emulator/http/dispatch';
import type { EmulatorRequest } from '../../../emulator/httpTypes';
import type { RunningEmulator } from '../../../emulator/startEmulator';
import { advance, control, httpsJson, startTestEmulator, type RawResponse } from '../emulatorTestKit';
import { threeStageScenario } from '../scenarioFixtures';

const WORKSPACE = '11111111-2222-4333-8444-555555555555'; // threeStageScenario's workspaceId
const QUERY = { query: 'KubeNodeInventory | distinct ClusterName | count', timespan: 'PT1H' };

/** A bearer naming its caller by `oid`, as Entra tokens do (the emulator reads it without checking the signature). */
const bearerFor = (oid: string): string => `Bearer eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ oid })).toString('base64url')}.sig`;

const scenarioWith = (limits: Record<string, number>): Record<string, unknown> => threeStageScenario({ logs: { ingestionDelaySeconds: 0, limits } });

describe('Log Analytics per-user query limits in the emulator (Azure Monitor service limits, User query throttling)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator(scenarioWith({ queriesPer30Seconds: 5 }));
  });
  afterAll(async () => {
    await emu?.stop();
  });
  afterEach(async () => {
    emu.control.faults.clear();
    emu.control.load(scenarioWith({ queriesPer30Seconds: 5 }));
    await control(emu, 'DELETE', '/requests');
  });

  const query = (authorization: string): Promise<RawResponse> => httpsJson(emu, 'POST', `/v1/workspaces/${WORKSPACE}/query`, QUERY, { authorization });
  const statuses = async (n: number, authorization: string): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await query(authorization)).status);
    return out;
  };
  const loggedStatuses = async (): Promise<number[]> => ((await control(emu, 'GET', '/requests?service=logs')).body as { value: { status: number }[] }).value.map((r) => r.status);

  it('the 6th query at one virtual instant gets 429 with a OneAPI error and no Retry-After; the request log records it', async () => {
    expect(await statuses(5, bearerFor('user-a'))).toEqual([200, 200, 200, 200, 200]);
    const refused = await query(bearerFor('user-a'));
    expect({ status: refused.status, body: refused.body as unknown, retryAfter: refused.headers['retry-after'] }).toEqual({
      status: 429,
      body: { error: { code: 'ThrottledError', message: 'Too many queries: the limit is 5 queries per 30 seconds per user, across all workspaces.' } },
      retryAfter: undefined,
    });
    expect(await loggedStatuses()).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('passes again once the virtual clock has moved 30 s', async () => {
    await statuses(6, bearerFor('user-a'));
    await advance(emu, 29);
    expect(await statuses(1, bearerFor('user-a'))).toEqual([429]);
    await advance(emu, 1);
    // The six at +0 s left the window; the refused one at +29 s still counts: 4 more pass.
    expect(await statuses(5, bearerFor('user-a'))).toEqual([200, 200, 200, 200, 429]);
  });

  it('two oids have separate budgets; tokens that name no caller share one', async () => {
    expect(await statuses(6, bearerFor('user-a'))).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await statuses(6, bearerFor('user-b'))).toEqual([200, 200, 200, 200, 200, 429]);
    expect([...(await statuses(3, 'Bearer opaque-1')), ...(await statuses(3, 'Bearer opaque-2'))]).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('loading a scenario starts every caller with a fresh budget', async () => {
    expect(await statuses(6, bearerFor('user-a'))).toEqual([200, 200, 200, 200, 200, 429]);
    await control(emu, 'POST', '/scenario', { scenario: scenarioWith({ queriesPer30Seconds: 5 }) });
    expect(await statuses(1, bearerFor('user-a'))).toEqual([200]);
  });

  it('the Azure SDK surfaces the 429 as RestError ThrottledError and does not retry it (no Retry-After)', async () => {
    const client = new LogsQueryClient({ getToken: () => Promise.resolve({ token: bearerFor('user-sdk').slice('Bearer '.length), expiresOnTimestamp: Date.now() + 3600e3 }) }, { endpoint: emu.url, tlsOptions: { ca: emu.caPem } });
    for (let i = 0; i < 5; i++) await client.queryWorkspace(WORKSPACE, QUERY.query, { duration: 'PT1H' });
    const error = await client.queryWorkspace(WORKSPACE, QUERY.query, { duration: 'PT1H' }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 429, code: 'ThrottledError' });
    expect(await loggedStatuses()).toEqual([200, 200, 200, 200, 200, 429]);
  });

  describe('concurrency (a latency fault makes queries run long; observed in the service, not timed)', () => {
    // Straight through the server's dispatch: every request is admitted in the same event-loop turn, so overlap is
    // certain however slow the machine is. The latency is real time (the fault engine sleeps) but nothing asserts it.
    const request = (oid: string): EmulatorRequest => ({
      method: 'POST',
      url: new URL(`${emu.url}/v1/workspaces/${WORKSPACE}/query`),
      headers: { authorization: bearerFor(oid) },
      body: JSON.stringify(QUERY),
    });
    const burst = (n: number, oid: string): Promise<number[]> =>
      Promise.all(Array.from({ length: n }, () => dispatch(emu.control, request(oid), 'logs', emu.url).then((r) => r.response.status)));

    it('8 queries at once with concurrentQueries 2: all answered, never more than 2 running, the other 6 queued', async () => {
      emu.control.load(scenarioWith({ concurrentQueries: 2 }));
      emu.control.faults.add({ service: 'logs', latencyMs: 20 });
      expect(await burst(8, 'user-c')).toEqual(Array(8).fill(200));
      expect(emu.control.logs.throttleLoad().get('oid:user-c')).toEqual({ running: 0, queued: 0, peakRunning: 2, peakQueued: 6 });
    });

    it('a full queue refuses the next query with 429; other users are not affected', async () => {
      emu.control.load(scenarioWith({ concurrentQueries: 1, queueLength: 2 }));
      emu.control.faults.add({ service: 'logs', latencyMs: 20 });
      const [mine, theirs] = await Promise.all([burst(4, 'user-d'), burst(1, 'user-e')]);
      expect({ mine, theirs }).toEqual({ mine: [200, 200, 200, 429], theirs: [200] });
      expect(emu.control.logs.throttleLoad().get('oid:user-d')).toEqual({ running: 0, queued: 0, peakRunning: 1, peakQueued: 2 });
    });

    it('without injected latency queries never overlap (each is answered within its turn)', async () => {
      emu.control.load(scenarioWith({ concurrentQueries: 1, queueLength: 0 }));
      expect(await statuses(3, bearerFor('user-f'))).toEqual([200, 200, 200]);
      expect(emu.control.logs.throttleLoad().get('oid:user-f')).toEqual({ running: 0, queued: 0, peakRunning: 1, peakQueued: 0 });
    });
  });
});

describe('the default limits (200 per 30 s, 5 running, 200 queued) hold at 200 queries in one virtual instant', () => {
  it('200 pass, the 201st is refused', async () => {
    const emu = await startTestEmulator(threeStageScenario({ logs: { ingestionDelaySeconds: 0 } }));
    try {
      const request: EmulatorRequest = { method: 'POST', url: new URL(`${emu.url}/v1/workspaces/${WORKSPACE}/query`), headers: { authorization: 'Bearer t' }, body: JSON.stringify({ query: 'print 1' }) };
      const statuses: number[] = [];
      for (let i = 0; i < 201; i++) statuses.push((await dispatch(emu.control, request, 'logs', emu.url)).response.status);
      expect({ ok: statuses.filter((s) => s === 200).length, last: statuses[200] }).toEqual({ ok: 200, last: 429 });
    } finally {
      await emu.stop();
    }
  });
});
