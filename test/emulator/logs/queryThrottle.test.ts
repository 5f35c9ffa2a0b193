import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmulatorRequest } from '../../../emulator/httpTypes';
import { callerKey, SHARED_CALLER } from '../../../emulator/logs/throttle/callerKey';
import { QueryThrottle, type QueryAdmission, type QueryLimits } from '../../../emulator/logs/throttle/QueryThrottle';

/** A manual virtual clock: the throttle's rate window reads it; nothing moves unless a test moves it. */
function throttle(limits: Partial<QueryLimits>): { throttle: QueryThrottle; clock: { ms: number } } {
  const clock = { ms: 1_000_000 };
  return { throttle: new QueryThrottle({ queriesPer30Seconds: 200, concurrentQueries: 5, queueLength: 200, ...limits }, () => clock.ms), clock };
}

/** Admits and releases at once (a query answered within its event-loop turn); returns the status it would get. */
async function quick(t: QueryThrottle, caller = 'oid:a'): Promise<number> {
  const admission = await t.admit(caller);
  if (!admission.admitted) return admission.response.status;
  admission.release();
  return 200;
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('QueryThrottle: the rate window (per user, virtual clock)', () => {
  it('refuses the query over the limit inside 30 s with 429 ThrottledError and no Retry-After', async () => {
    const { throttle: t } = throttle({ queriesPer30Seconds: 3 });
    expect([await quick(t), await quick(t), await quick(t)]).toEqual([200, 200, 200]);
    const refused = await t.admit('oid:a');
    expect(refused).toEqual({
      admitted: false,
      response: {
        status: 429,
        headers: { 'content-type': 'application/json' },
        body: { error: { code: 'ThrottledError', message: 'Too many queries: the limit is 3 queries per 30 seconds per user, across all workspaces.' } },
      },
    });
  });

  it('slides: a query leaves the window exactly 30 s after it was submitted; refused queries count too', async () => {
    const { throttle: t, clock } = throttle({ queriesPer30Seconds: 3 });
    for (let i = 0; i < 3; i++) await quick(t);
    clock.ms += 29_999;
    expect(await quick(t)).toBe(429); // counted at +29.999 s although refused
    clock.ms += 1; // the first three leave; the refused one is still inside
    expect([await quick(t), await quick(t), await quick(t)]).toEqual([200, 200, 429]);
  });

  it('keeps one budget per caller', async () => {
    const { throttle: t } = throttle({ queriesPer30Seconds: 1 });
    expect([await quick(t, 'oid:a'), await quick(t, 'oid:a'), await quick(t, 'oid:b'), await quick(t, 'oid:b')]).toEqual([200, 429, 200, 429]);
  });
});

describe('QueryThrottle: running slots and the FIFO queue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at most `concurrentQueries`, queues the rest in order, refuses when the queue is full', async () => {
    const { throttle: t } = throttle({ concurrentQueries: 2, queueLength: 3 });
    const started: number[] = [];
    const admissions: QueryAdmission[] = [];
    for (let i = 0; i < 6; i++) {
      void t.admit('oid:a').then((a) => {
        admissions[i] = a;
        if (a.admitted) started.push(i);
      });
    }
    await flush();
    expect(started).toEqual([0, 1]);
    expect(admissions[5]).toMatchObject({ admitted: false, response: { status: 429, body: { error: { code: 'ThrottledError', message: 'Too many concurrent queries: 2 are running and 3 are queued for this user.' } } } });
    expect(t.load().get('oid:a')).toEqual({ running: 2, queued: 3, peakRunning: 2, peakQueued: 3 });

    const release = (i: number): void => {
      const a = admissions[i];
      if (a?.admitted) a.release();
    };
    release(1);
    release(1); // a second release of the same query frees nothing more
    await flush();
    expect(started).toEqual([0, 1, 2]);
    release(0);
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    release(2);
    release(3);
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    release(4);
    expect(t.load().get('oid:a')).toEqual({ running: 0, queued: 0, peakRunning: 2, peakQueued: 3 });
  });

  it('a query queued more than 3 minutes without starting gets 429 (real time: fake timers here)', async () => {
    vi.useFakeTimers();
    const { throttle: t } = throttle({ concurrentQueries: 1 });
    const first = await t.admit('oid:a');
    let second: QueryAdmission | undefined;
    void t.admit('oid:a').then((a) => (second = a));
    await vi.advanceTimersByTimeAsync(179_999);
    expect(second).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2);
    expect(second).toMatchObject({ admitted: false, response: { status: 429, body: { error: { code: 'ThrottledError', message: 'The query waited in the concurrency queue for more than 3 minutes without being started.' } } } });
    expect(t.load().get('oid:a')).toMatchObject({ running: 1, queued: 0 });
    if (first.admitted) first.release();
    expect(t.load().get('oid:a')).toMatchObject({ running: 0, queued: 0 });
  });

  it('a queued query that starts in time is not refused later', async () => {
    vi.useFakeTimers();
    const { throttle: t } = throttle({ concurrentQueries: 1 });
    const first = await t.admit('oid:a');
    let second: QueryAdmission | undefined;
    void t.admit('oid:a').then((a) => (second = a));
    await vi.advanceTimersByTimeAsync(60_000);
    if (first.admitted) first.release();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(second?.admitted).toBe(true);
    expect(t.load().get('oid:a')).toMatchObject({ running: 1, queued: 0 });
  });
});

describe('callerKey: whose budget a query draws on', () => {
  const jwt = (claims: object, header = 'eyJhbGciOiJub25lIn0'): string => `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
  const request = (authorization?: string): EmulatorRequest => ({
    method: 'POST',
    url: new URL('https://127.0.0.1/v1/workspaces/w/query'),
    headers: authorization === undefined ? {} : { authorization },
    body: '',
  });

  it.each<[string, string | undefined, string]>([
    ['oid first', `Bearer ${jwt({ oid: 'o-1', appid: 'a-1', sub: 's-1' })}`, 'oid:o-1'],
    ['then appid', `Bearer ${jwt({ appid: 'a-1', sub: 's-1' })}`, 'appid:a-1'],
    ['then sub', `Bearer ${jwt({ sub: 's-1' })}`, 'sub:s-1'],
    // The emulator's own managed-identity endpoint issues `emulator.<payload>.<random>` with the client id as appid.
    ['the emulator identity endpoint token', `Bearer emulator.${Buffer.from(JSON.stringify({ aud: 'https://api.loganalytics.io', appid: 'client-1' })).toString('base64url')}.0a1b`, 'appid:client-1'],
    ['an opaque token', 'Bearer test-token', SHARED_CALLER],
    ['a JWT without a caller claim', `Bearer ${jwt({ aud: 'x' })}`, SHARED_CALLER],
    ['a payload that is not JSON', 'Bearer a.bm90IGpzb24.c', SHARED_CALLER],
    ['no bearer at all', undefined, SHARED_CALLER],
  ])('%s', (_label, authorization, key) => {
    expect(callerKey(request(authorization))).toBe(key);
  });
});
