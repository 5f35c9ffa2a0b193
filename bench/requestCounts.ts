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
import { fleetName, SCALE_REGIONS, SCALE_SUB } from './support/scaleWorld';
import { figure, quick, runBench, writeSection, type Figure } from './support/benchResult';
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
  readonly ms: number;
  readonly error?: string;
}

interface SizeResult {
  readonly fleets: number;
  readonly members: number;
  readonly history: number;
  readonly activeRuns: number;
  readonly tickFirst: Counted;
  readonly tickSteady: Counted;
  /** The most ARM requests of any tick while the startup preflights run (one fleet per tick). */
  readonly tickStartupPeak: number;
  readonly pollFirst: Counted;
  readonly pollSteady: Counted;
  readonly tickBound: number;
  readonly pollBound: number;
  readonly setupSeconds: number;
  readonly rssKb: number;
}

async function counted(control: CloudControl, app: App, timer: string): Promise<Counted> {
  await control.clearRequests();
  const run = await app.invokeTimer(timer);
  const calls = await control.requests();
  return {
    arm: calls.filter((r) => r.service === 'arm').length,
    logs: calls.filter((r) => r.service === 'logs').length,
    ms: run.ms,
    ...(run.ok ? {} : { error: (run.error ?? 'failed').slice(0, 300) }),
  };
}

async function size(fleets: number, members: number, history: number): Promise<SizeResult> {
  const t = performance.now();
  // No new version in the catalogue: the poll reads and decides, it creates nothing (so its count stays a read count).
  const cloud = await startCloud({ kind: 'scale', scale: { fleets, members, history, activeEvery: ACTIVE_EVERY, lro: 'async', catalog: ['1.32.5', '1.32.7'] } });
  const app = await startApp(appSettings(cloud.endpoints, writeConductorConfig(scaleConfig(fleets))), cloud.endpoints.nowMs);
  const setupSeconds = (performance.now() - t) / 1000;
  try {
    const control = new CloudControl(cloud.endpoints);
    const tickFirst = await counted(control, app, 'reconcileGates');
    // The timer's startup preflight takes one fleet per tick: steady state begins once every fleet had its turn.
    let tickStartupPeak = tickFirst.arm;
    for (let i = 1; i < fleets; i++) tickStartupPeak = Math.max(tickStartupPeak, (await counted(control, app, 'reconcileGates')).arm);
    const tickSteady = await counted(control, app, 'reconcileGates');
    const pollFirst = await counted(control, app, 'pollReleases');
    await control.advance(app, 300);
    const pollSteady = await counted(control, app, 'pollReleases');
    const activeRuns = cloud.endpoints.activeRuns;
    return {
      fleets,
      members,
      history,
      activeRuns,
      tickFirst,
      tickSteady,
      tickStartupPeak,
      pollFirst,
      pollSteady,
      tickBound: fleets + activeRuns,
      // One subscription: its cluster list (one page per 100 clusters) plus two catalogue reads per region.
      pollBound: Math.ceil((fleets * members) / 100) + 2 * SCALE_REGIONS.length,
      setupSeconds,
      rssKb: (await app.stats()).maxRssKb,
    };
  } finally {
    await app.stop();
    await cloud.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const sizes: [number, number, number][] = quick()
    ? [[10, 20, 5], [10, 20, 50], [50, 100, 5]]
    : // History ×10 at 10 × 20 and 50 × 100 only: a 200-fleet world needs 200 startup ticks before its steady tick (one
      // fleet's preflight per tick), the longest part of the full run, and the ×10 check does not need a third size.
      // The 200-fleet worlds come last, so that a run out of budget loses the largest size, not the comparisons.
      [[10, 20, 5], [10, 20, 50], [10, 100, 5], [50, 20, 5], [50, 100, 5], [50, 100, 50], [200, 20, 5], [200, 100, 5]];
  // No new size is started after this (the run of record must end in bounded time; bench/runAll.ts stops a benchmark
  // after BENCH_TIMEOUT_MINUTES); a size not measured is named in the section.
  const budgetSeconds = quick() ? 600 : 20 * 60;
  const results: SizeResult[] = [];
  const skipped: string[] = [];
  for (const [f, m, h] of sizes) {
    if ((performance.now() - started) / 1000 > budgetSeconds) {
      skipped.push(`${f} × ${m} (history ${h})`);
      continue;
    }
    const r = await size(f, m, h);
    results.push(r);
    console.log(`  ${f}×${m}, history ${h}: tick ${r.tickFirst.arm}/${r.tickSteady.arm} ARM (bound ${r.tickBound}), poll ${r.pollFirst.arm}/${r.pollSteady.arm} ARM (bound ${r.pollBound}); setup ${r.setupSeconds.toFixed(0)} s`);
  }
  const ratio = (pick: (r: SizeResult) => number, bound: (r: SizeResult) => number): number[] => results.map((r) => pick(r) / bound(r));
  const within = { text: '≤ 1 × bound at every size', on: 'p95' as const, ok: (v: number) => v <= 1 };
  const flat = (pick: (r: SizeResult) => number): { grows: string[]; ok: boolean } => {
    const grows: string[] = [];
    for (const big of results.filter((r) => r.history > 5)) {
      const base = results.find((r) => r.fleets === big.fleets && r.members === big.members && r.history === 5);
      if (base && pick(big) > pick(base)) grows.push(`${big.fleets}×${big.members}: ${pick(base)} → ${pick(big)}`);
    }
    return { grows, ok: grows.length === 0 };
  };
  const tickFlat = flat((r) => r.tickSteady.arm);
  const pollFlat = flat((r) => r.pollSteady.arm);
  const figures: Figure[] = [
    figure('reconcile tick (steady): ARM requests ÷ (fleets + active runs)', 'ratio', ratio((r) => r.tickSteady.arm, (r) => r.tickBound), within),
    figure('release poll (steady): ARM reads ÷ (subscriptions + 2 × regions + cluster pages)', 'ratio', ratio((r) => r.pollSteady.arm, (r) => r.pollBound), within),
    figure('reconcile tick (steady): Log Analytics requests', 'requests', results.map((r) => r.tickSteady.logs)),
    figure('reconcile tick (startup, one fleet preflight per tick): peak ARM requests in one tick', 'requests', results.map((r) => r.tickStartupPeak)),
    figure('reconcile tick (steady): wall time in the app', 'ms', results.map((r) => r.tickSteady.ms)),
    figure('release poll (steady): wall time in the app', 'ms', results.map((r) => r.pollSteady.ms)),
  ];
  const cell = (c: Counted): string => `${c.arm}${c.logs > 0 ? ` (+${c.logs} LA)` : ''}${c.error ? ' ⚠' : ''}`;
  const notes = [
    'Per size (ARM requests; "+n LA" = Log Analytics queries; first = a fresh app instance, steady = the next one):',
    '',
    '| fleets × members | history/fleet | active runs | tick first | tick steady | bound | poll first | poll steady | bound | tick ms | poll ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.fleets} × ${r.members} | ${r.history} | ${r.activeRuns} | ${cell(r.tickFirst)} | ${cell(r.tickSteady)} | ${r.tickBound}${r.tickSteady.arm > r.tickBound ? ' **over**' : ''} | ${cell(r.pollFirst)} | ${cell(r.pollSteady)} | ${r.pollBound}${r.pollSteady.arm > r.pollBound ? ' **over**' : ''} | ${r.tickSteady.ms.toFixed(0)} | ${r.pollSteady.ms.toFixed(0)} |`,
    ),
    '',
    ...(skipped.length > 0 ? [`**Not measured (the ${budgetSeconds / 60}-minute budget for starting a size was spent): ${skipped.join(', ')}.**`] : []),
    `Flat when history grows ×10 (steady tick): ${tickFlat.ok ? 'yes' : `no: ${tickFlat.grows.join('; ')}`}; (steady poll): ${pollFlat.ok ? 'yes' : `no: ${pollFlat.grows.join('; ')}`}.`,
    ...results.flatMap((r) => [r.tickFirst, r.tickSteady, r.pollFirst, r.pollSteady].filter((c) => c.error).slice(0, 1).map((c) => `⚠ ${r.fleets}×${r.members} h${r.history}: an invocation failed: ${c.error}`)),
  ];
  writeSection({
    title: 'Timer ticks: requests per reconcile tick and per release poll',
    measures:
      'Each size is a fresh world: N fleets × M members in one subscription and three regions, `history` finished runs per fleet in Fleet, every 5th fleet with a run stopped at a pending before-gate (the "active runs"). The emulator\'s request log is cleared before each timer invocation and read after it. "First" is the first tick/poll of a fresh app instance (it learns the strategy and the history and runs the startup preflight of the first fleet); the timer then runs the startup preflight of one fleet per tick, so "steady" for the tick is the tick after every fleet had its turn (the peak of those startup ticks is its own figure), and for the poll the next poll after a 5-minute clock step. Bounds: tick ≤ fleets + active runs; poll ≤ subscriptions + 2 × regions + extra cluster-list pages. History ×10 (50 finished runs per fleet) is measured at 10 × 20 and 50 × 100, not at 200 fleets: each 200-fleet world runs 200 startup ticks before its steady one, and a third one would add the most time of any size to the full run.',
    leavesOut:
      'Table Storage requests (Azurite does not log them; the history writes of a first tick are visible only in its wall time); ARM throttling (the emulator never answers 429 here); gates that are due for checks (the policy\'s initial delay keeps them soaking, so the tick\'s Log Analytics count is 0 by construction); more than one subscription.',
    figures,
    notes,
    appPeakRssKb: Math.max(...results.map((r) => r.rssKb)),
    wallSeconds: (performance.now() - started) / 1000,
  });
}

runBench(main);
