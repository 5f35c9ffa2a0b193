import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { LogAnalyticsLogsQuery, THROTTLED } from '../../../src/adapters/logs/LogAnalyticsLogsQuery';
import { AZURE_LOGS_QUERY_LIMITS, LogsQueryPacer } from '../../../src/adapters/logs/LogsQueryPacer';
import { control, staticCredential, type LoggedRequest } from '../../support/emulatorControl';
import { tempCaFile } from '../../support/tempCaFile';

const WORKSPACE = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';

describe('LogAnalyticsLogsQuery against the emulator', () => {
  let emulator: RunningEmulator;
  let logs: LogAnalyticsLogsQuery;
  let client: LogsQueryClient;
  let window: { start: string; end: string };

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: 'demo', port: 0, speed: 0, caFile: tempCaFile() });
    await control(emulator, 'POST', '/_emulator/clock', { advanceSeconds: 3600 });
    const now = Date.parse((await control<{ now: string }>(emulator, 'GET', '/_emulator/clock')).now);
    window = { start: new Date(now - 30 * 60_000).toISOString(), end: new Date(now).toISOString() };
    client = new LogsQueryClient(staticCredential, {
      endpoint: `${emulator.url}/v1`,
      tlsOptions: { ca: emulator.caPem },
      retryOptions: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 20 },
    });
    logs = new LogAnalyticsLogsQuery(client);
  });
  afterEach(() => control(emulator, 'DELETE', '/_emulator/faults'));
  afterAll(() => emulator.stop());

  it('returns typed rows as plain JSON (datetimes as ISO strings)', async () => {
    const result = await logs.query(
      WORKSPACE,
      'KubeNodeInventory | summarize nodes = dcount(Computer), last = max(TimeGenerated) by ClusterName | order by ClusterName asc',
      window,
    );
    if ('error' in result) throw new Error(result.error.message);
    expect(result.columns.map((c) => c.name)).toEqual(['ClusterName', 'nodes', 'last']);
    expect(result.rows.map((r) => [r[0], r[1]])).toEqual([
      ['aks-canary-eastus-1', 4],
      ['aks-dev-eastus-1', 3],
      ['aks-dev-westeurope-1', 3],
      ['aks-prod-australiaeast-1', 6],
      ['aks-prod-eastus-1', 6],
      ['aks-prod-westeurope-1', 6],
    ]);
    expect(typeof result.rows[0]?.[2]).toBe('string');
    expect(Date.parse(String(result.rows[0]?.[2]))).toBeLessThanOrEqual(Date.parse(window.end));
  });

  it.each([
    { name: 'a query the service rejects', setup: undefined, kql: 'KubeNodeInventory | summarize by', code: 'BadArgumentError' },
    { name: 'a server error', setup: { service: 'logs', status: 503, times: 10 }, kql: 'Heartbeat | take 1', code: undefined },
    { name: 'a partial result', setup: { service: 'logs', partial: true, times: 10 }, kql: 'Heartbeat | take 1', code: 'PartialError' },
  ])('turns $name into a QueryFailure instead of throwing', async ({ setup, kql, code }) => {
    if (setup) await control(emulator, 'POST', '/_emulator/faults', setup);
    const result = await logs.query(WORKSPACE, kql, window);
    expect('error' in result).toBe(true);
    if ('error' in result && code) expect(result.error.code).toBe(code);
  });

  describe('with the pacer (as composed): a 429 is waited out, never hammered, and ends as Throttled only past the wait bound', () => {
    /** Real waits are replaced by a clock that moves by what is slept, so the test takes no time. */
    function paced() {
      const time = { now: 0, slept: [] as number[], nowMs: () => time.now, realMs: () => time.now, sleep: (ms: number) => ((time.now += ms), time.slept.push(ms), Promise.resolve()) };
      return { time, logs: new LogAnalyticsLogsQuery(client, new LogsQueryPacer(AZURE_LOGS_QUERY_LIMITS, time)) };
    }
    const queries = async (): Promise<number[]> =>
      (await control<{ value: LoggedRequest[] }>(emulator, 'GET', '/_emulator/requests')).value.filter((r) => r.service === 'logs').map((r) => r.status);

    it('retries a 429 without Retry-After after a pause of its own, and returns the rows', async () => {
      await control(emulator, 'DELETE', '/_emulator/requests');
      await control(emulator, 'POST', '/_emulator/faults', { service: 'logs', status: 429, times: 1 });
      const { time, logs: pacedLogs } = paced();
      const result = await pacedLogs.query(WORKSPACE, 'KubeNodeInventory | summarize n = count() by ClusterName', window);
      expect('error' in result).toBe(false);
      expect(await queries()).toEqual([429, 200]);
      expect(time.slept).toEqual([1000]);
    });

    it('honours a longer Retry-After the SDK left to it (the SDK waits out a Retry-After itself while it has retries)', async () => {
      await control(emulator, 'DELETE', '/_emulator/requests');
      await control(emulator, 'POST', '/_emulator/faults', { service: 'logs', status: 429, retryAfterSeconds: 7, times: 1 });
      const { time } = paced();
      const noSdkRetries = new LogsQueryClient(staticCredential, { endpoint: `${emulator.url}/v1`, tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } });
      const pacedLogs = new LogAnalyticsLogsQuery(noSdkRetries, new LogsQueryPacer(AZURE_LOGS_QUERY_LIMITS, time), 60, () => time.now);
      const result = await pacedLogs.query(WORKSPACE, 'Heartbeat | take 1', window);
      expect('error' in result).toBe(false);
      expect(time.slept).toEqual([7000]);
      expect(await queries()).toEqual([429, 200]);
    });

    it('gives up as Throttled once all its waits would pass the bound, after a bounded number of sends', async () => {
      await control(emulator, 'DELETE', '/_emulator/requests');
      await control(emulator, 'POST', '/_emulator/faults', { service: 'logs', status: 429, times: 100 });
      const { time, logs: pacedLogs } = paced();
      const result = await pacedLogs.query(WORKSPACE, 'Heartbeat | take 1', window);
      expect('error' in result && result.error.code).toBe(THROTTLED);
      // Waits of 1, 2, 4 and 8 s (15 s); the next, 16 s, would pass the 20 s bound: five sends, none after.
      expect(time.slept).toEqual([1000, 2000, 4000, 8000]);
      expect(await queries()).toEqual([429, 429, 429, 429, 429]);
    });
  });
});
