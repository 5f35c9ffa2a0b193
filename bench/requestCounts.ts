/**
 * Benchmark (issues 14, 16): ARM and Log Analytics requests per reconcile tick (`reconcileGates`) and per release
 * poll (`pollReleases`) at 10 / 50 / 200 fleets × 20 / 100 members, with 5 and with 50 finished runs of history per
 * fleet (history ×10), counted from the emulator's request log. The timer functions are the deployed ones, invoked
 * in the app's own process (bench/appHost.ts) as the host's scheduler would; the scale world (bench/support/
 * scaleWorld.ts: every 5th fleet has a run stopped at a pending before-gate) lives in the cloud process.
 * The request-count tests assert the same bounds (test/integration/scale); this adds the largest sizes and timing.
 *
 *   npm run build && node dist/bench/requestCounts.js [--quick]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createTableClientFactory } from '../src/adapters/tables/tableClientFactory';
import { TablePreflightStore } from '../src/adapters/tables/TablePreflightStore';
import { fleetIdOf, fleetName, SCALE_REGIONS, SCALE_SUB } from './support/scaleWorld';
import { benchCredential } from './support/benchKit';
import { figure, quick, runBench, saveSection, writeSection, type BenchSection, type Figure } from './support/benchResult';
import { appSettings, CloudControl, startApp, startCloud, writeConductorConfig, type App } from './support/benchProcesses';

// The scale world's Log Analytics workspace and Conductor configuration (bench/support/scaleWorld.ts builds the
// same one for the in-process tests); written to a file here because the app reads it as deployed.
const WORKSPACE = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
const ACTIVE_EVERY = 5;

function scaleConfig(fleets: number): unknown {
  return {
    fleets: Array.from({ length: fleets }, (_, i) => ({ name: fleetName(i), subscriptionId: SCALE_SUB, resourceGroup: 'rg-scale', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor', release: { channel: 'rapid' } })),
    strategies: [{ name: 'conductor', stages: [{ name: 's1', groups: ['g1'], beforeGate: 'health' }, { name: 's2', groups: ['g2'] }] }],
    gatePolicies: [{ id: 'health', checks: [{ name: 'nodes', type: 'nodes-ready' }], analysis: { initialDelaySeconds: 3600, count: 1 } }],
  };
}

interface Counted {
  readonly arm: number;
  readonly logs: number;
  /** ARM reads only a preflight makes (permissions, maintenance configurations): > 0 means a preflight ran. */
  readonly preflightReads: number;
  readonly ms: number;
  readonly error?: string;
}

interface SizeResult {
  readonly fleets: number;
  readonly members: number;
  readonly history: number;
  readonly activeRuns: number;
  /** A fresh app instance's first tick: it learns strategy and history and runs the one missing preflight (fleet 0's). */
  readonly tickFirst: Counted;
  readonly tickSteady: Counted;
  /** The first tick of a second new instance, once every fleet has a fresh complete preflight for its configuration. */
  readonly tickNewInstance: Counted;
  readonly pollFirst: Counted;
  readonly pollSteady: Counted;
  readonly tickBound: number;
  readonly pollBound: number;
  readonly setupSeconds: number;
  readonly rssKb: number;
}

const PREFLIGHT_ONLY = /\/providers\/Microsoft\.Authorization\/permissions|\/maintenanceConfigurations/i;

async function counted(control: CloudControl, app: App, timer: string): Promise<Counted> {
  await control.clearRequests();
  const run = await app.invokeTimer(timer);
  const calls = await control.requests();
  return {
    arm: calls.filter((r) => r.service === 'arm').length,
    logs: calls.filter((r) => r.service === 'logs').length,
    preflightReads: calls.filter((r) => r.service === 'arm' && PREFLIGHT_ONLY.test(r.path)).length,
    ms: run.ms,
    ...(run.ok ? {} : { error: (run.error ?? 'failed').slice(0, 300) }),
  };
}

/**
 * The Preflight rows earlier instances on this configuration would have left: a complete report (every check made, no
 * finding), checked now, for every fleet but fleet 0, written through the production store. Their content is not
 * measured (only whether the timer reruns them); fleet 0 has none, so the first tick still pays one real preflight,
 * as the first tick of a first deployment does.
 */
async function seedPreflights(connectionString: string, fleets: number, configFile: string, nowMs: number): Promise<void> {
  const store = new TablePreflightStore(createTableClientFactory({ kind: 'connectionString', connectionString }, 'bench', () => benchCredential));
  const configHash = createHash('sha256').update(fs.readFileSync(configFile)).digest('hex');
  const checkedAt = new Date(nowMs).toISOString();
  for (let start = 1; start < fleets; start += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, fleets - start) }, (_, k) => start + k).map((i) =>
        store.putPreflight({
          report: { fleet: fleetName(i), fleetId: fleetIdOf(i), checkedAt, plannedAt: checkedAt, checked: ['permissions', 'groups', 'versions', 'autoUpgrade', 'maintenance', 'workspace'], findings: [] },
          configHash,
          trigger: 'startup',
        }),
      ),
    );
  }
}

async function size(fleets: number, members: number, history: number): Promise<SizeResult> {
  const t = performance.now();
  // No new version in the catalogue: the poll reads and decides, it creates nothing (so its count stays a read count).
  const cloud = await startCloud({ kind: 'scale', scale: { fleets, members, history, activeEvery: ACTIVE_EVERY, lro: 'async', catalog: ['1.32.5', '1.32.7'] } });
  const configFile = writeConductorConfig(scaleConfig(fleets));
  const apps: App[] = [];
  try {
    await seedPreflights(cloud.endpoints.storageConnectionString, fleets, configFile, cloud.endpoints.nowMs);
    const settings = appSettings(cloud.endpoints, configFile);
    const app = await startApp(settings, cloud.endpoints.nowMs);
    apps.push(app);
    const setupSeconds = (performance.now() - t) / 1000;
    const control = new CloudControl(cloud.endpoints);
    const tickFirst = await counted(control, app, 'reconcileGates');
    const tickSteady = await counted(control, app, 'reconcileGates');
    const pollFirst = await counted(control, app, 'pollReleases');
    await control.advance(app, 300);
    const pollSteady = await counted(control, app, 'pollReleases');
    const rssKb = (await app.stats()).maxRssKb;
    await app.stop();
    // A second new instance (a scale-out or restart) on the same storage and configuration: fleet 0's report is now
    // the real one the first instance stored, the others are the seeded ones; none is due.
    const next = await startApp(settings, await control.nowMs());
    apps.push(next);
    const tickNewInstance = await counted(control, next, 'reconcileGates');
    const activeRuns = cloud.endpoints.activeRuns;
    return {
      fleets,
      members,
      history,
      activeRuns,
      tickFirst,
      tickSteady,
      tickNewInstance,
      pollFirst,
      pollSteady,
      tickBound: fleets + activeRuns,
      // One subscription: its cluster list (one page per 100 clusters) plus two catalogue reads per region.
      pollBound: Math.ceil((fleets * members) / 100) + 2 * SCALE_REGIONS.length,
      setupSeconds,
      rssKb: Math.max(rssKb, (await next.stats()).maxRssKb),
    };
  } finally {
    for (const a of apps) await a.stop();
    await cloud.stop();
    fs.rmSync(configFile, { force: true });
  }
}

const SIZES_FULL: [number, number, number][] = [
  // History ×10 (50 finished runs per fleet) beside each 5-run world at 10 × 20, 50 × 100 and 200 × 100. A fresh app
  // reaches its steady tick at its second tick (preflightDue: stored fresh complete reports are not rerun), so the
  // largest worlds cost their setup and a few ticks, not one tick per fleet. The 200-fleet worlds come last, so a
  // run out of budget loses the largest size, not the comparisons.
  [10, 20, 5], [10, 20, 50], [10, 100, 5], [50, 20, 5], [50, 100, 5], [50, 100, 50], [200, 20, 5], [200, 100, 5], [200, 100, 50],
];
const SIZES_QUICK: [number, number, number][] = [[10, 20, 5], [10, 20, 50], [50, 100, 5]];

/** The section from the sizes measured so far (written after each size, so a run stopped at its bound keeps them). */
function section(results: readonly SizeResult[], pending: readonly string[], skipped: readonly string[], budgetSeconds: number, wallSeconds: number): BenchSection {
  const ratio = (pick: (r: SizeResult) => number, bound: (r: SizeResult) => number): number[] => results.map((r) => pick(r) / bound(r));
  const within = (bound: string): { text: string; on: 'max'; ok: (v: number) => boolean } => ({ text: `≤ ${bound} at every size (ratio ≤ 1)`, on: 'max', ok: (v) => v <= 1 });
  const growth = (pick: (r: SizeResult) => number): number[] =>
    results.filter((r) => r.history > 5).flatMap((big) => {
      const base = results.find((r) => r.fleets === big.fleets && r.members === big.members && r.history === 5);
      return base ? [pick(big) - pick(base)] : [];
    });
  const flatGoal = { text: '0 (flat: history ×10 adds no request)', on: 'max' as const, ok: (v: number) => v <= 0 };
  const figures: Figure[] = [
    figure('reconcile tick (steady): ARM requests ÷ (fleets + active runs)', 'ratio', ratio((r) => r.tickSteady.arm, (r) => r.tickBound), within('fleets + active runs')),
    figure('release poll (steady): ARM reads ÷ (subscriptions + 2 × regions + extra cluster pages)', 'ratio', ratio((r) => r.pollSteady.arm, (r) => r.pollBound), within('subscriptions + 2 × regions + pages')),
    figure('reconcile tick (steady): extra ARM requests when history grows ×10 (same fleets × members)', 'requests', growth((r) => r.tickSteady.arm), flatGoal),
    figure('release poll (steady): extra ARM reads when history grows ×10 (same fleets × members)', 'requests', growth((r) => r.pollSteady.arm), flatGoal),
    // Not held to the steady bound: a new process reads each fleet's strategy once to learn its ETag (kept in memory),
    // the one cost a scale-out still pays per fleet; shown per fleet so a growth beyond that one read is visible.
    figure('reconcile tick, first of a new instance on fresh complete preflight reports: ARM requests beyond the steady tick, per fleet', 'requests/fleet', results.map((r) => (r.tickNewInstance.arm - r.tickSteady.arm) / r.fleets)),
    figure('reconcile tick, first of a new instance on fresh complete preflight reports: preflight reads', 'requests', results.map((r) => r.tickNewInstance.preflightReads), { text: '0 (no preflight rerun)', on: 'max', ok: (v) => v === 0 }),
    figure('reconcile tick (steady): Log Analytics requests', 'requests', results.map((r) => r.tickSteady.logs)),
    figure('reconcile tick, first of a fresh app (learns strategy and history, runs one fleet\'s preflight): ARM requests', 'requests', results.map((r) => r.tickFirst.arm)),
    figure('reconcile tick (steady): wall time in the app', 'ms', results.map((r) => r.tickSteady.ms)),
    figure('release poll (steady): wall time in the app', 'ms', results.map((r) => r.pollSteady.ms)),
  ];
  const cell = (c: Counted): string => `${c.arm}${c.logs > 0 ? ` (+${c.logs} LA)` : ''}${c.error ? ' ⚠' : ''}`;
  const over = (v: number, bound: number): string => (v > bound ? ' **over**' : '');
  const notes = [
    'Per size (ARM requests; "+n LA" = Log Analytics queries; the bound of each count is in the column after it):',
    '',
    '| fleets × members | history/fleet | active runs | tick first (fresh app, 1 preflight) | tick steady | tick new instance (steady + 1 strategy read per fleet) | tick bound (fleets + active runs) | poll first | poll steady | poll bound (subs + 2 × regions + pages) | tick ms | poll ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.fleets} × ${r.members} | ${r.history} | ${r.activeRuns} | ${cell(r.tickFirst)} | ${cell(r.tickSteady)}${over(r.tickSteady.arm, r.tickBound)} | ${cell(r.tickNewInstance)} | ${r.tickBound} | ${cell(r.pollFirst)} | ${cell(r.pollSteady)}${over(r.pollSteady.arm, r.pollBound)} | ${r.pollBound} | ${r.tickSteady.ms.toFixed(0)} | ${r.pollSteady.ms.toFixed(0)} |`,
    ),
    '',
    ...(pending.length > 0 ? [`**Partial: written after the last finished size; not yet measured: ${pending.join(', ')}.**`] : []),
    ...(skipped.length > 0 ? [`**Not measured (the ${budgetSeconds / 60}-minute budget for starting a size was spent): ${skipped.join(', ')}.**`] : []),
    ...results.flatMap((r) => [r.tickFirst, r.tickSteady, r.tickNewInstance, r.pollFirst, r.pollSteady].filter((c) => c.error).slice(0, 1).map((c) => `⚠ ${r.fleets}×${r.members} h${r.history}: an invocation failed: ${c.error}`)),
  ];
  return {
    title: 'Timer ticks: requests per reconcile tick and per release poll',
    measures:
      'Each size is a fresh world: N fleets × M members in one subscription and three regions, `history` finished runs per fleet in Fleet, every 5th fleet with a run stopped at a pending before-gate (the "active runs"). The emulator\'s request log is cleared before each timer invocation and read after it. Before the app starts, the Preflight table holds a complete report checked at that moment for every fleet but fleet 0, made for the configuration the app loads (written by the benchmark through the production store, as earlier instances would have left them; a first deployment instead takes one tick per fleet, one preflight per tick, by design). "Tick first" is the first tick of a fresh app instance: it learns the strategy and the history and runs fleet 0\'s preflight (the one missing). "Tick steady" is its next tick. "Tick new instance" is the first tick of a second app process started after the first stopped (a scale-out or restart): every report is fresh, complete and for the same configuration, so it runs no preflight (its preflight reads are their own figure, goal 0); it still reads each fleet\'s strategy once to learn its ETag, which the process keeps in memory (one ARM read per fleet per new process, beyond the steady tick). The poll\'s "steady" is the next poll after a 5-minute clock step. Bounds (issue 14): tick ≤ fleets + active runs; poll ≤ subscriptions + 2 × regions + extra cluster-list pages (one per 100 clusters beyond the first); both flat when history grows ×10 (50 finished runs per fleet instead of 5, at 10 × 20, 50 × 100 and 200 × 100).',
    leavesOut:
      'Table Storage requests (Azurite does not log them; the history writes of a first tick are visible only in its wall time); ARM throttling (the emulator never answers 429 here); gates that are due for checks (the policy\'s initial delay keeps them soaking, so the tick\'s Log Analytics count is 0 by construction); more than one subscription; the content of the seeded preflight reports (only whether the timer reruns them).',
    figures,
    notes,
    appPeakRssKb: results.length > 0 ? Math.max(...results.map((r) => r.rssKb)) : undefined,
    wallSeconds,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const sizes = quick() ? SIZES_QUICK : SIZES_FULL;
  const label = ([f, m, h]: [number, number, number]): string => `${f} × ${m} (history ${h})`;
  // No new size is started after this (the run of record must end in bounded time; bench/runAll.ts stops a benchmark
  // after BENCH_TIMEOUT_MINUTES); a size not measured is named in the section.
  const budgetSeconds = quick() ? 600 : 20 * 60;
  const results: SizeResult[] = [];
  const skipped: string[] = [];
  for (const [k, [f, m, h]] of sizes.entries()) {
    if ((performance.now() - started) / 1000 > budgetSeconds) {
      skipped.push(label([f, m, h]));
      continue;
    }
    const r = await size(f, m, h);
    results.push(r);
    console.log(`  ${f}×${m}, history ${h}: tick ${r.tickFirst.arm}/${r.tickSteady.arm}/${r.tickNewInstance.arm} ARM (bound ${r.tickBound}), poll ${r.pollFirst.arm}/${r.pollSteady.arm} ARM (bound ${r.pollBound}); setup ${r.setupSeconds.toFixed(0)} s, ${((performance.now() - started) / 1000).toFixed(0)} s so far`);
    saveSection(section(results, sizes.slice(k + 1).map(label), skipped, budgetSeconds, (performance.now() - started) / 1000));
  }
  writeSection(section(results, [], skipped, budgetSeconds, (performance.now() - started) / 1000));
}

runBench(main);
