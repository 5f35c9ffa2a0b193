/**
 * Benchmark (issues 6, 14, 16): a storm of 1,000 NewKubernetesVersionAvailable deliveries for one 30-member fleet
 * (800 distinct events + 200 duplicates, shuffled), 16 at a time, into the app's Event Grid webhook. The app runs
 * in its own process as deployed (bench/appHost.ts); the emulator and Azurite in another (bench/cloud.ts), with
 * production ARM behaviour: PUT and POST start answered asynchronously, polled at the app's default 2 s interval.
 * Repeated on a fresh world (new processes) per round.
 *
 *   npm run build && node dist/bench/releaseStorm.js [--quick]
 */
import { randomUUID } from 'node:crypto';
import { figure, quick, runBench, writeSection, type Figure } from './support/benchResult';
import { appSettings, caFilePath, CloudControl, startApp, startCloud, writeConductorConfig } from './support/benchProcesses';

const SUB = '00000000-0000-0000-0000-0000000000e7';
const REGIONS = ['eastus', 'westeurope', 'australiaeast'];
const MEMBERS = 30;
const DISTINCT = 800;
const DUPLICATES = 200;
const CONCURRENCY = 16;

interface Round {
  readonly eventsPerSecond: number;
  readonly firstToStartMs: number | undefined;
  readonly beforeStartMs: number[];
  readonly answerMs: number[];
  readonly runs: number;
  readonly armWrites: number;
  readonly armReads: number;
  readonly handlerMs: number[];
  readonly failures: number;
  readonly rssKb: number;
  /** From the first delivery to: the first ARM request, the create PUT, the start POST (ms). */
  readonly path: { readonly firstArm: number; readonly create: number; readonly start: number } | undefined;
  readonly appCpuMs: number;
  readonly cloudCpuMs: number;
  readonly wallMs: number;
}

async function round(): Promise<Round> {
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ name: `m-${i}`, group: `g${i % 3}`, cluster: { name: `aks-${i}`, resourceGroup: 'rg-aks', location: REGIONS[i % 3] } }));
  const cloud = await startCloud({
    kind: 'scenario',
    caFile: caFilePath(),
    scenario: {
      name: 'storm',
      subscriptionId: SUB,
      startTime: '2026-11-21T08:00:00Z',
      speed: 0,
      lro: 'async',
      defaults: { upgradeMinutes: 3, nodeCount: 2, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: Object.fromEntries(REGIONS.map((r) => [r, { kubernetesVersions: ['1.32.5', '1.32.7', '1.33.4'], nodeImage: '202611.01.0' }])),
      fleets: [{ name: 'fleet-storm', resourceGroup: 'rg-fleet', location: 'eastus', members }],
    },
  });
  const config = writeConductorConfig({
    fleets: [{ name: 'fleet-storm', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's', release: { channel: 'rapid' } }],
    strategies: [{ name: 's', stages: [{ name: 'all', groups: ['g0', 'g1', 'g2'] }] }],
  });
  const app = await startApp(appSettings(cloud.endpoints, config), cloud.endpoints.nowMs);
  try {
    const control = new CloudControl(cloud.endpoints);
    // Setup, not measured: the first reconcile tick writes the managed strategy, as a deployed app's would.
    const setup = await app.invokeTimer('reconcileGates');
    if (!setup.ok) throw new Error(`reconcile tick failed: ${setup.error}`);
    const distinct = Array.from({ length: DISTINCT }, (_, i) => {
      const c = members[i % members.length]!.cluster;
      return {
        id: randomUUID(),
        topic: `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${c.name}`,
        subject: c.name,
        eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
        eventTime: '2026-11-21T08:00:00Z',
        data: { latestSupportedKubernetesVersion: '1.33.4' },
        dataVersion: '1',
        metadataVersion: '1',
      };
    });
    const events = [...distinct, ...distinct.slice(0, DUPLICATES)].sort(() => 0.5 - Math.random());
    await control.clearRequests();
    const statsBefore = await app.stats();
    const before = statsBefore.durations.onAksEvent?.length ?? 0;
    const cloudCpuBefore = await cloud.cpuMs();
    const sentAt: number[] = [];
    const answerMs: number[] = [];
    let next = 0;
    const wall = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < events.length) {
          const event = events[next++];
          const t = performance.now();
          sentAt.push(Date.now());
          const res = await fetch(`${app.url}/runtime/webhooks/eventgrid?functionName=onAksEvent`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
            body: JSON.stringify([event]),
          });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`delivery answered ${res.status}`);
          answerMs.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - wall) / 1000;
    const cloudCpuMs = (await cloud.cpuMs()) - cloudCpuBefore;
    const arm = await control.requests('?service=arm');
    const start = arm.find((r) => r.method === 'POST' && /\/updateRuns\/[^/]+\/start$/.test(r.path.split('?')[0] ?? ''));
    const startedAt = start ? Date.parse(start.time) : undefined;
    const firstSent = Math.min(...sentAt);
    const create = arm.find((r) => r.method === 'PUT' && /\/updateRuns\/[^/?]+$/.test(r.path.split('?')[0] ?? ''));
    const path = startedAt === undefined || create === undefined || arm[0] === undefined ? undefined : { firstArm: Date.parse(arm[0].time) - firstSent, create: Date.parse(create.time) - firstSent, start: startedAt - firstSent };
    const runs = new Set(arm.filter((r) => r.method === 'PUT' && /\/updateRuns\/[^/?]+$/.test(r.path.split('?')[0] ?? '')).map((r) => r.path.split('?')[0])).size;
    const stats = await app.stats();
    return {
      eventsPerSecond: events.length / elapsed,
      firstToStartMs: startedAt === undefined ? undefined : startedAt - Math.min(...sentAt),
      beforeStartMs: startedAt === undefined ? [] : sentAt.filter((t) => t <= startedAt).map((t) => startedAt - t),
      answerMs,
      runs,
      armWrites: arm.filter((r) => r.method !== 'GET').length,
      armReads: arm.filter((r) => r.method === 'GET').length,
      handlerMs: (stats.durations.onAksEvent ?? []).slice(before),
      failures: stats.failures,
      rssKb: stats.maxRssKb,
      path,
      appCpuMs: stats.cpuMs - statsBefore.cpuMs,
      cloudCpuMs,
      wallMs: elapsed * 1000,
    };
  } finally {
    await app.stop();
    await cloud.stop();
  }
}

async function main(): Promise<void> {
  const rounds = quick() ? 1 : 2;
  const started = performance.now();
  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    results.push(await round());
    console.log(`  round ${r + 1}/${rounds}: ${results.at(-1)!.eventsPerSecond.toFixed(0)} events/s`);
  }
  const firsts = results.flatMap((r) => (r.firstToStartMs === undefined ? [] : [r.firstToStartMs]));
  const figures: Figure[] = [
    figure('deliveries answered per second (16 concurrent)', 'events/s', results.map((r) => r.eventsPerSecond), { text: '≥ 500 events/s', on: 'median', ok: (v) => v >= 500 }),
    figure('event → run started, over deliveries sent before the start', 'ms', results.flatMap((r) => r.beforeStartMs), { text: 'p50 < 300 ms', on: 'median', ok: (v) => v < 300 }),
    figure('first delivery → run started (one per round)', 'ms', firsts, { text: '< 300 ms', on: 'median', ok: (v) => v < 300 }),
    figure('webhook answer per delivery', 'ms', results.flatMap((r) => r.answerMs)),
    figure('onAksEvent invocation duration (host log)', 'ms', results.flatMap((r) => r.handlerMs)),
    figure('runs created per storm', 'runs', results.map((r) => r.runs), { text: 'exactly 1', on: 'p95', ok: (v) => v === 1 }),
    figure('ARM writes per storm', 'requests', results.map((r) => r.armWrites), { text: 'exactly 2 (create + start)', on: 'p95', ok: (v) => v === 2 }),
    figure('ARM reads per storm', 'requests', results.map((r) => r.armReads)),
    figure('app CPU per delivery', 'ms', results.map((r) => r.appCpuMs / (DISTINCT + DUPLICATES))),
    figure('deliveries per second the app\'s own CPU time would allow (one core)', 'events/s', results.map((r) => (DISTINCT + DUPLICATES) / (r.appCpuMs / 1000)), { text: '≥ 500 events/s', on: 'median', ok: (v) => v >= 500 }),
  ];
  const exact = results.every((r) => r.runs === 1 && r.armWrites === 2);
  const notes = [
    `${rounds} round(s) of ${DISTINCT + DUPLICATES} deliveries (${DUPLICATES} duplicates) for one fleet of ${MEMBERS} members in 3 regions; a fresh cloud and app process per round.`,
    `Failed invocations in the app: ${results.map((r) => r.failures).join(', ')} per round.`,
    `CPU during the storm: ${results.map((r) => `app ${(r.appCpuMs / 1000).toFixed(1)} s, cloud ${(r.cloudCpuMs / 1000).toFixed(1)} s in ${(r.wallMs / 1000).toFixed(1)} s wall`).join('; ')}. When app + cloud use much less than two cores' worth of the wall time, the storm waited for cores taken by other work on this shared machine (load average in the header); the "CPU would allow" figure is the rate the app's own work caps, whatever the machine.`,
    ...(exact ? [] : ['Runs or ARM writes were not exactly 1 and 2 in some round: see the figures above.']),
  ];
  notes.push(
    `First delivery → first ARM request / create PUT / start POST, per round (ms): ${results.map((r) => (r.path ? `${r.path.firstArm.toFixed(0)} / ${r.path.create.toFixed(0)} / ${r.path.start.toFixed(0)}` : 'no run started')).join('; ')}. The handler does not wait for ARM's asynchronous answers (create and start are sent, not polled: src/adapters/arm/ArmRunCreator.ts), so this is the evaluation itself: reading the fleet, its members, the subscription's clusters and the regional catalogues, deciding, recording, while the other deliveries of the storm compete for the same process.`,
  );
  if (figures.some((f) => f.met === false)) {
    notes.push(
      'Why a goal is missed: compare the two events/s figures and the CPU line. When the app\'s own CPU time would allow the goal but the wall-clock rate does not, the storm waited for cores (this machine is shared; its load average is in the header). When the CPU figure misses as well, the app spends too much per delivery: every delivery is parsed, validated, mapped to its fleet and joins the fleet\'s coalesced evaluation in the process (src/app/releases/FleetEvaluationQueue.ts); what it would take then is cheaper per-delivery work (e.g. answering duplicates and already-decided versions from memory before any I/O).',
    );
  }
  writeSection({
    title: 'Release storm',
    measures:
      'Event Grid deliveries POSTed by this (load) process to the app\'s webhook (`/runtime/webhooks/eventgrid?functionName=onAksEvent`) as Event Grid would, each awaited; **events/s** = deliveries ÷ wall time of the storm. **Run started** = the moment the emulator received `POST …/updateRuns/{run}/start` (its request log, real time), minus when each delivery was sent. Runs and ARM writes are counted from the emulator\'s request log.',
    leavesOut:
      'Event Grid\'s own delivery latency and batching (deliveries come straight from the load process); TLS to Azure and ARM\'s real latency (the emulator answers in about a millisecond); Table Storage latency (Azurite on loopback). One fleet only.',
    figures,
    notes,
    appPeakRssKb: Math.max(...results.map((r) => r.rssKb)),
    wallSeconds: (performance.now() - started) / 1000,
  });
  if (!exact) process.exitCode = 1;
}

runBench(main);
