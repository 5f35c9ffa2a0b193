/**
 * Benchmark (issue 8): 100,000 runs across 20 fleets written into Azurite through TableRunHistory (the production
 * adapter and row layout), then the two history queries operators run most: "newest 50 runs of a fleet" and "one
 * run's snapshot". Reports p50/p95 over 200 queries each.
 *
 * Seeding note: Azurite keeps a table as one LokiJS collection whose indices are kept sorted by array splices, so
 * every write costs O(rows in the table) and seeding one table is O(n²) (measured: 20k runs 98 s, 40k 352 s, 60k
 * 1,040 s, then connection resets). Table Storage's cost is per partition, and both queries read one fleet
 * partition, so each fleet's runs go to a table of their own (same adapter, same rows): the per-partition picture
 * of one 100k-run table, which Azurite itself cannot hold.
 *
 *   npm run build && node dist/bench/historyQueries.js [runs=100000]
 */
import { startAzurite } from '../devhost/startAzurite';
import type { RunSnapshot } from '../src/domain/history/runSnapshot';
import { createTableClientFactory } from '../src/adapters/tables/tableClientFactory';
import { TableRunHistory } from '../src/adapters/tables/TableRunHistory';
import { benchCredential, percentile } from './support/benchKit';

const FLEETS = 20;
const QUERIES = 200;

function snapshot(fleet: number, i: number): RunSnapshot {
  const createdAt = new Date(Date.parse('2024-01-01T00:00:00Z') + i * 60_000).toISOString();
  const state = i % 17 === 0 ? 'Failed' : 'Completed';
  const member = (m: number) => ({ name: `member-${m}`, state, startTime: createdAt, completedTime: createdAt, clusterResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-${fleet}-${m}` });
  return {
    fleetName: `fleet-${fleet}`,
    fleetId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-${fleet}`,
    runName: `run-${i}`,
    state,
    startTime: createdAt,
    completedTime: createdAt,
    createdAt,
    observedAt: createdAt,
    createdBy: 'fleet-conductor',
    target: { kind: 'kubernetes', version: `1.33.${i % 10}` },
    stages: ['dev', 'canary', 'prod'].map((name) => ({ name, state, groups: [{ name, state, members: [member(1), member(2)], gates: [] }], gates: [] })),
  };
}

async function timed<T>(times: number[], fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await fn();
  times.push(performance.now() - t);
  return result;
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const azurite = await startAzurite();
  const tables = Array.from({ length: FLEETS }, (_, f) => new TableRunHistory(createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString }, `bench${f}`, () => benchCredential)));
  const historyOf = (fleet: number): TableRunHistory => tables[fleet] as TableRunHistory;
  const seedStart = performance.now();
  // Seeded like a backfill: runs in chunks, through the adapter's batched write (transactions per partition).
  const perFleet = Math.ceil(total / FLEETS);
  for (let f = 0; f < FLEETS; f++) {
    for (let start = 0; start < perFleet; start += 1000) {
      await historyOf(f).upsertRuns(Array.from({ length: Math.min(1000, perFleet - start) }, (_, k) => snapshot(f, (start + k) * FLEETS + f)));
    }
    if ((f + 1) % 5 === 0) console.log(`  ${(f + 1) * perFleet} runs written after ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(`seeded ${total} runs across ${FLEETS} fleets (3 rows each, batched, one table per fleet) in ${seedSeconds.toFixed(1)} s (${(total / seedSeconds).toFixed(0)} runs/s)`);

  const newest: number[] = [];
  const detail: number[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const f = q % FLEETS;
    const fleet = `fleet-${f}`;
    const history = historyOf(f);
    const page = await timed(newest, () => history.listRuns({ fleet, limit: 50 }));
    if (page.items.length !== 50) throw new Error(`expected 50 runs, got ${page.items.length}`);
    const pick = page.items[q % 50] as RunSnapshot;
    const run = await timed(detail, () => history.getRun(fleet, pick.runName));
    if (!run) throw new Error(`run ${pick.runName} missing`);
  }
  newest.sort((a, b) => a - b);
  detail.sort((a, b) => a - b);
  console.log(`newest 50 runs of a fleet: p50 ${percentile(newest, 50).toFixed(1)} ms, p95 ${percentile(newest, 95).toFixed(1)} ms`);
  console.log(`run detail (snapshot by name): p50 ${percentile(detail, 50).toFixed(1)} ms, p95 ${percentile(detail, 95).toFixed(1)} ms`);
  await azurite.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
