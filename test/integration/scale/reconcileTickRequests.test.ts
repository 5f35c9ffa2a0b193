import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryRunHistory } from '../../support/fakes/InMemoryRunHistory';
import { reconcileAllFleets } from '../../../src/app/gates/reconcileAllFleets';
import { FakeLogsQuery } from '../../support/fakes/FakeLogsQuery';
import { fastForwardTime } from '../../support/fastForwardTime';
import { startScaleWorld, type ScaleOptions, type ScaleWorld } from '../../../bench/support/scaleWorld';
import { scaleGateDeps } from '../../../bench/support/scaleUseCases';
import { control } from '../../support/emulatorControl';

/**
 * Issue 14: a reconcile tick costs at most one ARM request per fleet plus one per active run, whatever the members
 * per fleet and however long the run history is. Counted from the emulator's request log (deterministic).
 */
async function tickCounts(world: ScaleWorld): Promise<{ first: number; steady: number[]; historyRows: number }> {
  const lines: string[] = [];
  const log = { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(`warn ${m}`) };
  const history = new InMemoryRunHistory();
  const deps = scaleGateDeps(world, new FakeLogsQuery(), log, history);
  const tick = async (): Promise<number> => {
    const requests = await world.armRequestsDuring(async () => {
      const summary = await reconcileAllFleets(deps);
      expect(summary.fleets.flatMap((f) => f.errors)).toEqual([]);
    });
    return requests.length;
  };
  const first = await tick();
  const steady = [await tick(), await tick()];
  const historyRows = (await history.listRuns({ limit: 10_000 })).items.length;
  return { first, steady, historyRows };
}

// 200 × 100 (20,000 clusters) costs the suite too much CPU: it runs in `npm run bench` (bench/requestCounts.ts).
const sizes: (ScaleOptions & { readonly historyX10?: number })[] = [
  { fleets: 10, members: 20, history: 2, activeEvery: 3, historyX10: 20 },
  { fleets: 10, members: 100, history: 2, activeEvery: 3 },
  { fleets: 50, members: 20, history: 1, activeEvery: 5, historyX10: 10 },
  { fleets: 50, members: 100, history: 1, activeEvery: 5 },
  { fleets: 200, members: 20, history: 1, activeEvery: 10 },
];

describe.each(sizes)('reconcile tick at $fleets fleets × $members members', (size) => {
  const worlds: ScaleWorld[] = [];
  afterAll(async () => {
    for (const w of worlds) await w.stop();
  });

  it('costs ≤ fleets + active runs ARM requests once warm, and the same when history grows ×10', { timeout: 240_000 }, async () => {
    const world = await startScaleWorld({ ...size, realTime: fastForwardTime() });
    worlds.push(world);
    const { steady, historyRows } = await tickCounts(world);
    const bound = size.fleets + world.activeRuns;
    expect(steady[0]).toBeLessThanOrEqual(bound);
    expect(steady[1]).toBe(steady[0]);
    // Every run, finished or not, reached history (the first tick's discovery list on an empty history).
    expect(historyRows).toBe(size.fleets * size.history + world.activeRuns);
    if (size.historyX10 !== undefined) {
      await world.stop();
      const longer = await startScaleWorld({ ...size, history: size.historyX10, realTime: fastForwardTime() });
      worlds.push(longer);
      const grown = await tickCounts(longer);
      expect(grown.steady[0]).toBe(steady[0]);
    }
  });
});

/**
 * The ticks between: a fleet's whole run list is read once per discovery interval (6 h) to find runs nobody told
 * Conductor about, on a tick of its own per fleet (a stable spread by fleet name), so over the interval the extra
 * reads are one list per fleet and no tick carries many of them.
 */
describe('reconcile ticks over a discovery interval (issue 14)', () => {
  let world: ScaleWorld | undefined;
  afterAll(async () => {
    await world?.stop();
  });

  it('reads each fleet\'s run list once in 6 h, spread: the mean tick stays at the bound', { timeout: 240_000 }, async () => {
    world = await startScaleWorld({ fleets: 10, members: 20, history: 20, activeEvery: 3, realTime: fastForwardTime() });
    const w = world;
    const history = new InMemoryRunHistory();
    const deps = scaleGateDeps(w, new FakeLogsQuery(), { info: () => undefined, warn: () => undefined }, history);
    const bound = 10 + w.activeRuns;
    await reconcileAllFleets(deps); // the first tick learns the history (a discovery per fleet)
    const extras: number[] = [];
    for (let t = 0; t < 6 * 12 + 1; t++) {
      await control(w.emulator, 'POST', '/_emulator/clock', { advanceSeconds: 300 });
      const requests = await w.armRequestsDuring(() => reconcileAllFleets(deps).then(() => undefined));
      // Reads only: a tick that decides (completes the soaked gates) also writes, which is the decision's own cost.
      extras.push(requests.filter((r) => r.method === 'GET').length - bound);
    }
    // One list page per fleet (20 runs each) over the interval, on ticks of their own, and nothing else beyond the bound.
    expect(extras.filter((e) => e > 0).reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...extras)).toBeLessThanOrEqual(2);
    expect(extras.reduce((a, b) => a + b, 0) / extras.length).toBeLessThanOrEqual(0.2);
  });
});
