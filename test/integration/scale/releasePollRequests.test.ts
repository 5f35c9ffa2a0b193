import { afterAll, describe, expect, it } from 'vitest';
import { pollReleases } from '../../../src/app/releases/pollReleases';
import { control } from '../../support/emulatorControl';
import { fastForwardTime } from '../../support/fastForwardTime';
import { SCALE_REGIONS, startScaleWorld, type ScaleOptions, type ScaleWorld } from '../../../bench/support/scaleWorld';
import { scaleReleaseDeps } from '../../../bench/support/scaleUseCases';

/**
 * Issue 14: a release poll reads ARM O(subscriptions + regions) per tick, shared across fleets (plus the pages of
 * the subscription's cluster list), flat in history; ARM's per-subscription read budget is a burst of 250.
 * Counted from the emulator's request log. Every region offers only 1.32.x, so no fleet has anything to create.
 */
const PAGE = 100;

async function pollCounts(world: ScaleWorld, size: ScaleOptions): Promise<{ first: number; steady: number; outcomes: string[] }> {
  const release = scaleReleaseDeps(world);
  const log = { info: () => undefined, warn: () => undefined };
  let outcomes: string[] = [];
  const poll = async (): Promise<number> =>
    (
      await world.armRequestsDuring(async () => {
        const summary = await pollReleases({ ...release, log });
        outcomes = [...new Set(summary.fleets.map((f) => f.error ?? f.outcome?.kind ?? '?'))];
      })
    ).length;
  const first = await poll();
  // The next poll, a coalescing window later (virtual time): shared reads are read again, member lists reused.
  await control(world.emulator, 'POST', '/_emulator/clock', { advanceSeconds: 300 });
  const steady = await poll();
  expect(size.fleets).toBeGreaterThan(0);
  return { first, steady, outcomes };
}

// 200 fleets (4,000 and 20,000 clusters) give the same bounds but cost 15-60 s of CI's two cores, starving other
// world tests: they run in `npm run bench` (bench/requestCounts.ts, which fails when a bound is exceeded), not here.
const sizes: (ScaleOptions & { readonly historyX10?: number })[] = [
  { fleets: 10, members: 20, history: 1, activeEvery: 1_000, historyX10: 10 },
  { fleets: 10, members: 100, history: 1, activeEvery: 1_000 },
  { fleets: 50, members: 20, history: 1, activeEvery: 1_000, historyX10: 10 },
  { fleets: 50, members: 100, history: 1, activeEvery: 1_000 },
];

describe.each(sizes)('release poll at $fleets fleets × $members members', (size) => {
  const worlds: ScaleWorld[] = [];
  afterAll(async () => {
    for (const w of worlds) await w.stop();
  });

  it('reads ARM ≤ subscriptions + 2 × regions + cluster-list pages per poll, flat when history grows ×10', { timeout: 240_000 }, async () => {
    const world = await startScaleWorld({ ...size, catalog: ['1.32.5', '1.32.7'], realTime: fastForwardTime() });
    worlds.push(world);
    const { first, steady, outcomes } = await pollCounts(world, size);
    expect(outcomes).toEqual(["noRun"]);
    const pages = Math.ceil((size.fleets * size.members) / PAGE);
    // One subscription: its cluster list (all pages), and per region the version catalogue and the node images.
    const bound = 1 + (pages - 1) + 2 * SCALE_REGIONS.length;
    expect(steady).toBeLessThanOrEqual(bound);
    // The first poll of a process also lists each fleet's members once (then reused for 30 minutes).
    expect(first).toBeLessThanOrEqual(bound + size.fleets);
    if (size.historyX10 === undefined) return;
    await world.stop();
    const longer = await startScaleWorld({ ...size, history: size.historyX10, catalog: ['1.32.5', '1.32.7'], realTime: fastForwardTime() });
    worlds.push(longer);
    const grown = await pollCounts(longer, size);
    expect(grown.steady).toBe(steady);
  });
});

describe('release poll under ARM throttling', () => {
  let world: ScaleWorld | undefined;
  afterAll(async () => {
    await world?.stop();
  });

  it('honours 429 Retry-After (the SDK pipeline waits and retries) and reports no failure', { timeout: 60_000 }, async () => {
    world = await startScaleWorld({ fleets: 10, members: 20, history: 1, activeEvery: 1_000, catalog: ['1.32.5', '1.32.7'], realTime: fastForwardTime() });
    await control(world.emulator, 'POST', '/_emulator/faults', { service: 'arm', pathPattern: '/managedClusters$', status: 429, retryAfterSeconds: 1, times: 2 });
    const release = scaleReleaseDeps(world);
    const requests = await world.armRequestsDuring(async () => {
      const summary = await pollReleases({ ...release, log: { info: () => undefined, warn: () => undefined } });
      expect(summary.fleets.map((f) => f.error ?? f.outcome?.kind)).toEqual(Array.from({ length: 10 }, () => 'noRun'));
    });
    // Shared: the throttled list was asked for once by all ten fleets and retried by the pipeline, not per fleet.
    // (200 clusters: two pages.)
    expect(requests.filter((r) => r.path.endsWith('/managedClusters')).map((r) => r.status)).toEqual([429, 429, 200, 200]);
  });

  it('keeps on a throttled read (5 answers 429 in a row, no Retry-After) until ARM answers, and reports no failure', { timeout: 60_000 }, async () => {
    world = await startScaleWorld({ fleets: 10, members: 20, history: 1, activeEvery: 1_000, catalog: ['1.32.5', '1.32.7'], realTime: fastForwardTime() });
    // The SDK alone does not retry a 429 without Retry-After: the first one failed every fleet's poll. The ARM budget
    // sends it again after 1, 2, 4 and 8 s (fast-forwarded here).
    await control(world.emulator, 'POST', '/_emulator/faults', { service: 'arm', pathPattern: '/managedClusters$', status: 429, times: 5 });
    const release = scaleReleaseDeps(world);
    const requests = await world.armRequestsDuring(async () => {
      const summary = await pollReleases({ ...release, log: { info: () => undefined, warn: () => undefined } });
      expect(summary.fleets.map((f) => f.error ?? f.outcome?.kind)).toEqual(Array.from({ length: 10 }, () => 'noRun'));
    });
    expect(requests.filter((r) => r.path.endsWith('/managedClusters')).map((r) => r.status)).toEqual([...Array.from({ length: 5 }, () => 429), 200, 200]);
  });
});
