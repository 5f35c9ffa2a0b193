import { describe, expect, it } from 'vitest';
import { LogsQueryPacer, type Admission, type LogsQueryLimits } from '../../../../src/adapters/logs/LogsQueryPacer';

/**
 * The app's clock stands still unless a test moves it; sleeps are held until the test lets them end, and real time
 * moves by what was slept when a sleep ends.
 */
function fakeTime(options: { clockFollowsSleeps?: boolean; manualRealTime?: boolean } = {}) {
  const sleeps: { ms: number; end: () => void }[] = [];
  const time = {
    now: 0,
    real: 0,
    nowMs: () => time.now,
    realMs: () => time.real,
    sleep: (ms: number) =>
      new Promise<void>((resolve) =>
        sleeps.push({
          ms,
          end: () => {
            if (!options.manualRealTime) time.real += ms;
            if (options.clockFollowsSleeps) time.now += ms;
            resolve();
          },
        }),
      ),
  };
  return { time, sleeps };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const limits = (over: Partial<LogsQueryLimits> = {}): LogsQueryLimits => ({ maxConcurrent: 5, queriesPerWindow: 200, windowMs: 30_000, maxWaitMs: 20_000, ...over });

/** Starts `n` acquisitions and records, in order, which were admitted or refused. */
function ask(pacer: LogsQueryPacer, n: number) {
  const outcomes: { index: number; admission: Admission }[] = [];
  for (let i = 0; i < n; i++) void pacer.acquire().then((admission) => outcomes.push({ index: i, admission }));
  return outcomes;
}

describe('LogsQueryPacer: Log Analytics queries inside the identity budget (issue 14)', () => {
  it('runs at most maxConcurrent queries at once and admits the others first come, first served', async () => {
    const { time } = fakeTime();
    const pacer = new LogsQueryPacer(limits({ maxConcurrent: 2 }), time);
    const outcomes = ask(pacer, 5);
    await settle();
    expect(outcomes.map((o) => o.index)).toEqual([0, 1]);
    expect(pacer.waiting).toBe(3);
    const release = (i: number) => {
      const a = outcomes.find((o) => o.index === i)?.admission;
      if (a?.admitted) a.release();
    };
    release(1);
    release(1); // a second release of the same turn frees nothing more
    await settle();
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2]);
    release(0);
    release(2);
    await settle();
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3, 4]);
    expect(outcomes.every((o) => o.admission.admitted)).toBe(true);
  });

  it('starts no more than queriesPerWindow in any window: the next waits until the oldest start leaves it', async () => {
    const { time, sleeps } = fakeTime();
    const pacer = new LogsQueryPacer(limits({ queriesPerWindow: 3 }), time);
    const first = ask(pacer, 1);
    time.now = 10_000;
    const second = ask(pacer, 1);
    time.now = 20_000;
    const third = ask(pacer, 1);
    await settle();
    for (const o of [...first, ...second, ...third]) if (o.admission.admitted) o.admission.release();
    time.now = 25_000;
    const fourth = ask(pacer, 1);
    await settle();
    expect(fourth).toEqual([]);
    // Sliding, as the service counts: the start at 0 leaves the window at 30 s, so 5 s from now.
    expect(sleeps.map((s) => s.ms)).toEqual([5_000]);
    time.now = 30_000;
    sleeps[0]?.end();
    await settle();
    expect(fourth.map((o) => o.admission.admitted)).toEqual([true]);
  });

  it('refuses, with the wait it would have needed, a query the budget would keep waiting past maxWaitMs (real time)', async () => {
    const { time, sleeps } = fakeTime();
    const pacer = new LogsQueryPacer(limits({ queriesPerWindow: 2, maxWaitMs: 20_000 }), time);
    ask(pacer, 2);
    await settle();
    // The window frees 30 s from now: more than the 20 s a query may wait, so it is refused without sending.
    const late = ask(pacer, 1);
    await settle();
    expect(sleeps).toHaveLength(0);
    expect(late.map((o) => o.admission)).toEqual([{ admitted: false, waitMs: 30_000 }]);
  });

  it('bounds the wait in real time even where the app clock stands still (the emulator at speed 0)', async () => {
    const { time, sleeps } = fakeTime();
    const pacer = new LogsQueryPacer(limits({ queriesPerWindow: 1, windowMs: 8_000, maxWaitMs: 20_000 }), time);
    ask(pacer, 1);
    const waiting = ask(pacer, 1);
    await settle();
    // Slept 8 s, then 8 s more (the clock did not move, so the window did not free); 24 s would pass the bound.
    sleeps[0]?.end();
    await settle();
    sleeps[1]?.end();
    await settle();
    expect(sleeps.map((s) => s.ms)).toEqual([8_000, 8_000]);
    expect(waiting.map((o) => o.admission)).toEqual([{ admitted: false, waitMs: 8_000 }]);
  });

  it('counts for each query only the real time it waited itself, not the sleeps that began before it queued', async () => {
    const { time, sleeps } = fakeTime({ manualRealTime: true });
    const pacer = new LogsQueryPacer(limits({ queriesPerWindow: 1, windowMs: 10_000, maxWaitMs: 25_000 }), time);
    ask(pacer, 1);
    const early = ask(pacer, 1); // queued at 0 s
    await settle();
    time.real = 9_000;
    const late = ask(pacer, 1); // queued at 9 s, during the first sleep
    await settle();
    time.real = 10_000;
    sleeps[0]?.end();
    await settle();
    time.real = 20_000;
    sleeps[1]?.end();
    await settle();
    // The early query has waited 20 s and would need 10 more: refused. The late one has waited 11 s: it stays.
    expect(early.map((o) => o.admission)).toEqual([{ admitted: false, waitMs: 10_000 }]);
    expect(late).toEqual([]);
    time.now = 10_000; // the window frees
    time.real = 30_000;
    sleeps[2]?.end();
    await settle();
    expect(late.map((o) => o.admission.admitted && o.admission.waitedMs)).toEqual([21_000]);
  });

  it('refuses a query whose turn came only past the bound, after the slots ahead of it freed', async () => {
    const { time } = fakeTime({ manualRealTime: true });
    const pacer = new LogsQueryPacer(limits({ maxConcurrent: 1, maxWaitMs: 20_000 }), time);
    const first = ask(pacer, 1);
    const second = ask(pacer, 1);
    await settle();
    time.real = 25_000; // the first query took 25 s
    const a = first[0]?.admission;
    if (a?.admitted) a.release();
    await settle();
    expect(second.map((o) => o.admission)).toEqual([{ admitted: false, waitMs: 0 }]);
    expect(pacer.waiting).toBe(0);
  });

  it('after a 429, nothing of the process starts before the pause ends', async () => {
    const { time, sleeps } = fakeTime({ clockFollowsSleeps: true });
    const pacer = new LogsQueryPacer(limits(), time);
    pacer.pauseFor(4_000);
    pacer.pauseFor(1_000); // a shorter pause does not shorten the longer one
    const after = ask(pacer, 3);
    await settle();
    expect(after).toEqual([]);
    expect(sleeps.map((s) => s.ms)).toEqual([4_000]);
    sleeps[0]?.end();
    await settle();
    expect(after.map((o) => o.admission.admitted)).toEqual([true, true, true]);
  });

  it.each([{ maxConcurrent: 0 }, { queriesPerWindow: 0 }, { windowMs: 0 }, { maxWaitMs: -1 }, { maxConcurrent: Number.NaN }])('refuses limits %o', (over) => {
    expect(() => new LogsQueryPacer(limits(over), fakeTime().time)).toThrow(RangeError);
  });
});
