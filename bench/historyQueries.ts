/**
 * Benchmark (issues 8, 14, 16): the two history reads operators run most, over HTTP through the deployed app
 * (bench/appHost.ts): `GET /api/runs?fleet=…&limit=50` (newest 50 of a fleet) and `GET /api/runs/{fleet}/{run}`
 * (run detail), against one history table in Azurite (bench/cloud.ts) as large as it can be made in the seeding
 * budget. The history is written through the production adapter (TableRunHistory.upsertRuns, batched per
 * partition), so the rows have whatever layout the adapter writes, and the reads go through whatever the routes do.
 *
 *   npm run build && node dist/bench/historyQueries.js [--quick]
 */
import type { RunSnapshot } from '../src/domain/history/runSnapshot';
import { createTableClientFactory } from '../src/adapters/tables/tableClientFactory';
import { TableRunHistory } from '../src/adapters/tables/TableRunHistory';
import { benchCredential } from './support/benchKit';
import { figure, fmt, quick, runBench, writeSection } from './support/benchResult';
import { appSettings, caFilePath, startApp, startCloud, writeConductorConfig } from './support/benchProcesses';

const FLEETS = 4;
const CHUNK = 250;
const CPU_ROUNDS = 5;
const CPU_BATCH = 40;
const SUB = '00000000-0000-0000-0000-0000000000a8';
const fleetId = (f: number): string => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-${f}`;

function snapshot(fleet: number, i: number): RunSnapshot {
  const createdAt = new Date(Date.parse('2024-01-01T00:00:00Z') + i * 60_000).toISOString();
  const state = i % 17 === 0 ? 'Failed' : 'Completed';
  const member = (m: number) => ({ name: `member-${m}`, state, startTime: createdAt, completedTime: createdAt, clusterResourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-${fleet}-${m}` });
  return {
    fleetName: `fleet-${fleet}`,
    fleetId: fleetId(fleet),
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

async function timedGet(url: string, times: number[]): Promise<unknown> {
  const t = performance.now();
  const res = await fetch(url);
  const body: unknown = await res.json();
  times.push(performance.now() - t);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function main(): Promise<void> {
  const started = performance.now();
  const budgetSeconds = quick() ? 20 : 100;
  const maxRuns = quick() ? 4_000 : 100_000;
  const queries = quick() ? 100 : 200;
  const cloud = await startCloud({
    kind: 'scenario',
    caFile: caFilePath(),
    scenario: { name: 'history', subscriptionId: SUB, startTime: '2026-11-21T08:00:00Z', speed: 0, regions: { eastus: { kubernetesVersions: ['1.32.7'], nodeImage: '202611.01.0' } }, fleets: [] },
  });
  const config = writeConductorConfig({
    fleets: Array.from({ length: FLEETS }, (_, f) => ({ name: `fleet-${f}`, subscriptionId: SUB, resourceGroup: 'rg', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' })),
    strategies: [{ name: 's', stages: [{ name: 'all', groups: ['g'] }] }],
  });
  const settings = appSettings(cloud.endpoints, config);
  const app = await startApp(settings, cloud.endpoints.nowMs);
  try {
    // Seeded like a backfill, from this process, through the app's adapter into the app's table (same prefix).
    const history = new TableRunHistory(createTableClientFactory({ kind: 'connectionString', connectionString: cloud.endpoints.storageConnectionString }, settings.CONDUCTOR_TABLE_PREFIX ?? 'bench', () => benchCredential));
    const seedStart = performance.now();
    let perFleet = 0;
    const chunkSeconds: number[] = [];
    while (perFleet * FLEETS < maxRuns && (performance.now() - seedStart) / 1000 < budgetSeconds) {
      const t = performance.now();
      for (let f = 0; f < FLEETS; f++) await history.upsertRuns(Array.from({ length: CHUNK }, (_, k) => snapshot(f, (perFleet + k) * FLEETS + f)));
      perFleet += CHUNK;
      chunkSeconds.push((performance.now() - t) / 1000);
    }
    const total = perFleet * FLEETS;
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(`  seeded ${total} runs in one table in ${seedSeconds.toFixed(0)} s`);

    const newest: number[] = [];
    const detail: number[] = [];
    const warm: number[] = [];
    for (let q = 0; q < 10; q++) await timedGet(`${app.url}/api/runs?fleet=fleet-${q % FLEETS}&limit=50`, warm);
    for (let q = 0; q < queries; q++) {
      const fleet = `fleet-${q % FLEETS}`;
      const page = (await timedGet(`${app.url}/api/runs?fleet=${fleet}&limit=50`, newest)) as { items: { run: string }[] };
      if (page.items.length !== 50) throw new Error(`expected 50 runs, got ${page.items.length}`);
      // Detail of a run anywhere in the fleet's history, not only the newest page.
      const i = (q * 7919) % perFleet;
      await timedGet(`${app.url}/api/runs/${fleet}/run-${i * FLEETS + (q % FLEETS)}`, detail);
    }
    // CPU per request of each route alone (load-independent, unlike the latencies): batches of one route, with the app's
    // and the cloud's CPU time read before and after each.
    const cpuPer = async (url: (q: number) => string): Promise<{ app: number[]; cloud: number[] }> => {
      const app_: number[] = [];
      const cloud_: number[] = [];
      for (let round = 0; round < CPU_ROUNDS; round++) {
        const [a0, c0] = [(await app.stats()).cpuMs, await cloud.cpuMs()];
        for (let q = 0; q < CPU_BATCH; q++) await timedGet(url(round * CPU_BATCH + q), []);
        const [a1, c1] = [(await app.stats()).cpuMs, await cloud.cpuMs()];
        app_.push((a1 - a0) / CPU_BATCH);
        cloud_.push((c1 - c0) / CPU_BATCH);
      }
      return { app: app_, cloud: cloud_ };
    };
    const detailCpu = await cpuPer((q) => `${app.url}/api/runs/fleet-${q % FLEETS}/run-${((q * 7919) % perFleet) * FLEETS + (q % FLEETS)}`);
    const newestCpu = await cpuPer((q) => `${app.url}/api/runs?fleet=fleet-${q % FLEETS}&limit=50`);
    const stats = await app.stats();
    const figures = [
      figure('newest 50 runs of a fleet', 'ms', newest, { text: 'p95 < 50 ms', on: 'p95', ok: (v) => v < 50 }),
      figure('run detail', 'ms', detail, { text: 'p95 < 20 ms', on: 'p95', ok: (v) => v < 20 }),
      figure(`run detail: app CPU per request (batches of ${CPU_BATCH})`, 'ms', detailCpu.app),
      figure(`run detail: cloud CPU per request (Azurite; batches of ${CPU_BATCH})`, 'ms', detailCpu.cloud),
      figure(`newest 50 runs: app CPU per request (batches of ${CPU_BATCH})`, 'ms', newestCpu.app),
      figure(`newest 50 runs: cloud CPU per request (Azurite; batches of ${CPU_BATCH})`, 'ms', newestCpu.cloud),
    ];
    const missed = figures.filter((f) => f.met === false).map((f) => f.name);
    writeSection({
      title: 'History over HTTP',
      measures: `\`GET /api/runs?fleet=…&limit=50\` and \`GET /api/runs/{fleet}/{run}\` sent one at a time from this process to the app (its HTTP routes, composition and Table adapter), ${queries} of each, after 10 warm-up requests, over ${total.toLocaleString('en-US')} runs of ${FLEETS} fleets in one table. The detail requests pick runs spread over the whole history. Then CPU per request of each route alone: ${CPU_ROUNDS} batches of ${CPU_BATCH} requests, the app's and the cloud process's CPU time read before and after each batch (the cloud process is Azurite and the idle emulator here).`,
      leavesOut:
        'Real Table Storage latency (Azurite answers on loopback in well under a millisecond per request, Azure in a few milliseconds per round trip: a route that makes k sequential round trips costs about k × that more in Azure); concurrency (one request at a time); the console HTML pages.',
      figures,
      notes: [
        `History size: ${total.toLocaleString('en-US')} runs (${FLEETS} fleets × ${perFleet.toLocaleString('en-US')}) in one table, seeded in ${seedSeconds.toFixed(0)} s (budget ${budgetSeconds} s, cap ${maxRuns.toLocaleString('en-US')} runs; each round of ${CHUNK * FLEETS} runs took ${chunkSeconds.map((c) => fmt(c)).join(', ')} s). Why not more: the seeding budget. Seeding goes through the production adapter (per run: three rows upserted in per-partition transactions, then a delete of its "active" marker), at the rate above on this shared machine; on top of that Azurite slows as one table grows, because it keeps a table as one in-memory LokiJS collection whose sorted indices are maintained by array splices, so every insert costs O(rows in the table) (measured earlier on this repository's history bench: 20k runs 98 s, 40k 352 s, 60k 1,040 s, then connection resets). Table Storage's cost is per partition, not per table, so a larger table would not slow these partition reads in Azure.`,
        `Warm-up (first 10 list requests, including the app building its services and clients): ${warm.map((w) => w.toFixed(0)).join(', ')} ms.`,
        ...(missed.length === 0
          ? []
          : [
              `Missed: ${missed.join(' and ')}. What a run detail request waits for (src/app/history/getRunDetail.ts, counted by test/unit/app/history/getRunDetailRounds.test.ts and test/integration/history/historyQueryCounts.test.ts): ONE round of four reads sent together (the run and its creation record, two point reads; its gate rows, a range in the fleet's partition; its audit trail, its own partition), then, for a run with gates, one more round (each gate's evidence and approval ledger together); none grows with history. The runs here have no gates, so each request is one round of four reads. What is left is the app's and Azurite's CPU per request (the figures above) and, on this shared machine, waiting for a core: latency percentiles here move with the load average (in the section header); CPU per request does not.`,
            ]),
      ],
      appPeakRssKb: stats.maxRssKb,
      wallSeconds: (performance.now() - started) / 1000,
    });
  } finally {
    await app.stop();
    await cloud.stop();
  }
}

runBench(main);
