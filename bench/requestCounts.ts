/**
 * Benchmark (issue 14): ARM requests per reconcile tick and per release poll at 10 / 50 / 200 fleets × 20 / 100
 * members, against the bounds "fleets + active runs" (tick) and "subscriptions + 2 × regions + cluster-list pages"
 * (poll), counted from the emulator's request log; plus wall time per tick/poll. The suite asserts the same bounds
 * at every size but 200 × 100 (too slow for CI's two cores); this runs them all.
 *
 *   npm run build && node dist/bench/requestCounts.js
 */
import { InMemoryRunHistory } from '../test/support/fakes/InMemoryRunHistory';
import { reconcileAllFleets } from '../src/app/gates/reconcileAllFleets';
import { pollReleases } from '../src/app/releases/pollReleases';
import { control } from './support/benchKit';
import { SCALE_REGIONS, startScaleWorld, type ScaleWorld } from './support/scaleWorld';
import { scaleReleaseWorld, scaleGateDeps } from './support/scaleUseCases';

const log = { info: (): void => undefined, warn: (): void => undefined };

async function timed(world: ScaleWorld, work: () => Promise<unknown>): Promise<{ requests: number; ms: number }> {
  const t = performance.now();
  const requests = (await world.armRequestsDuring(work)).length;
  return { requests, ms: performance.now() - t };
}

async function tick(fleets: number, members: number): Promise<string> {
  const world = await startScaleWorld({ fleets, members, history: 5, activeEvery: 5 });
  try {
    const history = new InMemoryRunHistory();
    const deps = scaleGateDeps(world, { query: () => Promise.reject(new Error('no Log Analytics in this benchmark')) }, log, history);
    const first = await timed(world, () => reconcileAllFleets(deps));
    const steady = await timed(world, () => reconcileAllFleets(deps));
    const bound = fleets + world.activeRuns;
    return `tick  ${fleets}×${members}: first ${first.requests}, steady ${steady.requests} ARM requests (bound ${bound}) in ${steady.ms.toFixed(0)} ms${steady.requests > bound ? '  OVER' : ''}`;
  } finally {
    await world.stop();
  }
}

async function poll(fleets: number, members: number): Promise<string> {
  const world = await startScaleWorld({ fleets, members, history: 5, activeEvery: 1_000, catalog: ['1.32.5', '1.32.7'] });
  try {
    const release = scaleReleaseWorld(world);
    const first = await timed(world, () => pollReleases({ ...release, log }));
    await control(world.emulator, 'POST', '/_emulator/clock', { advanceSeconds: 300 });
    const steady = await timed(world, () => pollReleases({ ...release, log }));
    const bound = 1 + Math.ceil((fleets * members) / 100) - 1 + 2 * SCALE_REGIONS.length;
    return `poll  ${fleets}×${members}: first ${first.requests}, steady ${steady.requests} ARM reads (bound ${bound}; ARM's read burst is 250) in ${steady.ms.toFixed(0)} ms${steady.requests > bound ? '  OVER' : ''}`;
  } finally {
    await world.stop();
  }
}

async function main(): Promise<void> {
  let over = false;
  for (const fleets of [10, 50, 200]) {
    for (const members of [20, 100]) {
      for (const line of [await tick(fleets, members), await poll(fleets, members)]) {
        console.log(line);
        over ||= line.endsWith('OVER');
      }
    }
  }
  if (over) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
