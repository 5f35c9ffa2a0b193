/**
 * Benchmark (issues 5, 14, 16): Fleet gate opened → Event Grid delivers FleetGateCreated to the app → checks run
 * against Log Analytics → the app PATCHes the gate Completed. With production ARM behaviour: the emulator answers
 * PATCH, PUT and POST start asynchronously (202/201 + Azure-AsyncOperation/Location, no Retry-After) and the app
 * polls at its default 2 s interval. The app runs in its own process as deployed (bench/appHost.ts), the emulator
 * and Azurite in another (bench/cloud.ts); the emulator's Event Grid delivers to the app's webhook, subscribed to
 * FleetGateCreated and FleetGateUpdated as infra/scripts/postdeploy.sh subscribes it in Azure.
 *
 * Two shapes: one gate at a time (a run of single-group stages, one gate per stage, measured one after another),
 * and 50 gates opening at the same instant (one stage of 50 single-member groups, each with an after-group gate).
 *
 *   npm run build && node dist/bench/gateLatency.js [--quick]
 */
import fs from 'node:fs';
import { request } from 'node:https';
import { figure, quick, runBench, writeSection, type Figure } from './support/benchResult';
import { appSettings, caFilePath, CloudControl, startApp, startCloud, writeConductorConfig, type LoggedCall } from './support/benchProcesses';

const SUB = '00000000-0000-0000-0000-0000000000b5';
const WS = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-bench/providers/Microsoft.ContainerService/fleets/fleet-bench`;
const API = 'api-version=2026-06-01';
const WAIT_MS = Number(process.env.BENCH_GATE_WAIT_MS ?? 180_000);
/** Table Storage requests per gate: 5 to decide it, 5 to confirm it (asserted by test/integration/gates/gateBurstRequests.test.ts). */
const TABLE_REQUESTS_PER_GATE = 10;
const GATE_EVENTS = ['Microsoft.ResourceNotifications.AKSResources.FleetGateCreated', 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated'];

interface GateSamples {
  /** Per gate: clock jump that opened it → the emulator received its PATCH (Fleet's gate is Completed then). */
  readonly toCompletedMs: number[];
  /** Per gate: clock jump → FleetGateCreated delivery answered by the app. */
  readonly toAnsweredMs: number[];
  readonly arm: number;
  readonly armPatches: number;
  readonly logs: number;
  /** Log Analytics answers 429 (the identity's query budget spent): the app's pacer should leave none. */
  readonly logsThrottled: number;
  /** GETs of an ARM long-running operation (Azure-AsyncOperation or Location URL): a handler waiting on ARM. */
  readonly operationPolls: number;
  readonly gates: number;
  readonly handlerMs: number[];
  readonly failures: number;
  readonly rssKb: number;
  /** CPU used by the app and the cloud process, and the wall time, from the first clock jump until quiet. */
  readonly cpu: { readonly appMs: number; readonly cloudMs: number; readonly wallMs: number };
}

const pathOf = (r: LoggedCall): string => r.path.split('?')[0] ?? '';
/** The world's requests: everything but this benchmark's own control calls, except the clock jumps it times from. */
const worldCalls = (calls: readonly LoggedCall[]): LoggedCall[] => calls.filter((r) => r.service !== 'control' || (r.method === 'POST' && pathOf(r) === '/_emulator/clock'));

/** One world: `stages` stages of `groups` single-member groups each, every group with an after-group gate. */
async function gateWorld(stages: number, groups: number): Promise<GateSamples> {
  const stageNames = Array.from({ length: stages }, (_, s) => `s${s}`);
  const groupName = (s: number, g: number): string => `g${s}-${String(g).padStart(2, '0')}`;
  const cloud = await startCloud({
    kind: 'scenario',
    caFile: caFilePath(),
    scenario: {
      name: 'gate-bench',
      subscriptionId: SUB,
      startTime: '2026-11-21T08:00:00Z',
      speed: 0,
      lro: 'async',
      workspaceId: WS,
      logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60 },
      defaults: { upgradeMinutes: 4, nodeCount: 3, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: { eastus: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' } },
      fleets: [
        {
          name: 'fleet-bench',
          resourceGroup: 'rg-bench',
          location: 'eastus',
          members: stageNames.flatMap((_, s) =>
            Array.from({ length: groups }, (__, g) => ({ name: `m-${groupName(s, g)}`, group: groupName(s, g), cluster: { name: `aks-${groupName(s, g)}`, resourceGroup: 'rg-aks', location: 'eastus' } })),
          ),
        },
      ],
    },
  });
  const config = writeConductorConfig({
    fleets: [{ name: 'fleet-bench', subscriptionId: SUB, resourceGroup: 'rg-bench', logAnalyticsWorkspaceId: WS, strategy: 'bench' }],
    strategies: [{ name: 'bench', stages: stageNames.map((name, s) => ({ name, groups: Array.from({ length: groups }, (_, g) => ({ name: groupName(s, g), afterGate: 'health' })) })) }],
    gatePolicies: [
      {
        id: 'health',
        checks: [
          { name: 'nodes', type: 'nodes-ready' },
          { name: 'pods', type: 'pods-healthy' },
          { name: 'telemetry', type: 'metrics-flowing' },
        ],
        analysis: { initialDelaySeconds: 0, count: 1, ingestionDelayMinutes: 0 },
      },
    ],
  });
  const app = await startApp(appSettings(cloud.endpoints, config), cloud.endpoints.nowMs);
  try {
    const control = new CloudControl(cloud.endpoints);
    const arm = async (method: string, path: string, body?: unknown): Promise<void> => {
      const res = await fetchArm(cloud.endpoints.armUrl, control.caPem, method, `${path}?${API}`, body);
      if (res >= 300 && res !== 202) throw new Error(`${method} ${path}: ${res}`);
    };
    // Setup, not measured: the first tick writes the strategy; an operator creates and starts a run.
    const tick = await app.invokeTimer('reconcileGates');
    if (!tick.ok) throw new Error(`reconcile tick failed: ${tick.error}`);
    await arm('PUT', `${FLEET}/updateRuns/bench-run`, {
      properties: { updateStrategyId: `${FLEET}/updateStrategies/bench`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } } },
    });
    await arm('POST', `${FLEET}/updateRuns/bench-run/start`);
    const hostUrl = `${app.url}/runtime/webhooks/eventgrid?functionName=onFleetGateEvent`;
    await control.call('POST', '/_emulator/eventgrid/subscriptions', { name: 'conductor-fleet-gates', endpoint: hostUrl, eventTypes: GATE_EVENTS });
    const before = (await app.stats()).durations.onFleetGateEvent?.length ?? 0;
    await control.clearRequests();
    const deliveriesBefore = (await control.call<{ value: unknown[] }>('GET', '/_emulator/eventgrid/deliveries')).value.length;

    const cpuBefore = { app: (await app.stats()).cpuMs, cloud: await cloud.cpuMs(), wall: performance.now() };
    const toCompletedMs: number[] = [];
    let log: LoggedCall[] = [];
    for (let s = 0; s < stages; s++) {
      const seen = toCompletedMs.length;
      await control.advance(app, 300); // the stage's members finish upgrading: its groups' after-gates open
      const wanted = seen + groups;
      const deadline = performance.now() + WAIT_MS;
      let patches: LoggedCall[] = [];
      while (performance.now() < deadline) {
        log = worldCalls(await control.requests());
        patches = log.filter((r) => r.service === 'arm' && r.method === 'PATCH' && pathOf(r).includes('/gates/'));
        if (patches.length >= wanted) break;
        await sleep(100);
      }
      const jumps = log.filter((r) => r.service === 'control' && r.method === 'POST' && pathOf(r) === '/_emulator/clock');
      const opened = Date.parse(jumps.at(-1)?.time ?? '');
      for (const p of patches.slice(seen)) toCompletedMs.push(Date.parse(p.time) - opened);
      if (patches.length < wanted) {
        const stats = await app.stats();
        const deliveries = (await control.call<{ value: unknown[] }>('GET', '/_emulator/eventgrid/deliveries')).value.slice(deliveriesBefore);
        const calls = log.map((r) => `${r.service} ${r.method} ${pathOf(r)} ${r.status}`).slice(-30).join('\n  ');
        throw new Error(`stage ${s}: ${patches.length - seen}/${groups} gates completed within ${WAIT_MS} ms; app failures ${stats.failures} (${stats.lastFailure ?? ''}); deliveries ${JSON.stringify(deliveries.slice(-5))}; last requests:\n  ${calls}`);
      }
    }
    // Let confirmations (FleetGateUpdated, the poll after each 202) finish: quiet for longer than one poll interval.
    let quietSince = performance.now();
    let count = log.length;
    while (performance.now() - quietSince < 3000) {
      await sleep(500);
      log = worldCalls(await control.requests());
      if (log.length !== count) {
        count = log.length;
        quietSince = performance.now();
      }
    }
    const jumps = log.filter((r) => r.service === 'control' && r.method === 'POST' && pathOf(r) === '/_emulator/clock').map((r) => Date.parse(r.time));
    const deliveries = (await control.call<{ value: { eventType: string; time: string; attempt: number }[] }>('GET', '/_emulator/eventgrid/deliveries')).value.slice(deliveriesBefore);
    const toAnsweredMs = deliveries
      .filter((d) => d.eventType.endsWith('FleetGateCreated'))
      .map((d) => {
        const t = Date.parse(d.time);
        const opened = Math.max(...jumps.filter((j) => j <= t));
        return t - opened;
      });
    if (process.env.BENCH_DUMP) fs.writeFileSync(`${process.env.BENCH_DUMP}-${stages}x${groups}.json`, JSON.stringify(log, null, 1));
    const stats = await app.stats();
    const cpu = { appMs: stats.cpuMs - cpuBefore.app, cloudMs: (await cloud.cpuMs()) - cpuBefore.cloud, wallMs: performance.now() - cpuBefore.wall - 3000 };
    const armCalls = log.filter((r) => r.service === 'arm');
    return {
      toCompletedMs,
      toAnsweredMs,
      arm: armCalls.length,
      armPatches: armCalls.filter((r) => r.method === 'PATCH').length,
      logs: log.filter((r) => r.service === 'logs').length,
      logsThrottled: log.filter((r) => r.service === 'logs' && r.status === 429).length,
      operationPolls: armCalls.filter((r) => r.method === 'GET' && /\/(operations|operationresults|operationStatuses)\//i.test(pathOf(r))).length,
      gates: stages * groups,
      handlerMs: (stats.durations.onFleetGateEvent ?? []).slice(before),
      failures: stats.failures,
      rssKb: stats.maxRssKb,
      cpu,
    };
  } finally {
    await app.stop();
    await cloud.stop();
  }
}

function fetchArm(base: string, ca: string, method: string, path: string, body?: unknown): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = request(new URL(`${base}${path}`), { method, ca, headers: { authorization: 'Bearer bench', 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const started = performance.now();
  const singles = quick() ? 3 : 6;
  const burstRounds = quick() ? 1 : 2;
  const one = await gateWorld(singles, 1);
  console.log(`  1 gate at a time: ${one.gates} gates done`);
  const bursts: GateSamples[] = [];
  for (let r = 0; r < burstRounds; r++) {
    bursts.push(await gateWorld(1, 50));
    console.log(`  50 gates together: round ${r + 1}/${burstRounds} done`);
  }
  const all = [one, ...bursts];
  const goal = { text: 'p50 < 500 ms', on: 'median' as const, ok: (v: number) => v < 500 };
  const perGate = (pick: (s: GateSamples) => number): number[] => all.map((s) => pick(s) / s.gates);
  const figures: Figure[] = [
    figure('event → gate completed, 1 gate at a time', 'ms', one.toCompletedMs, goal),
    // No goal: Log Analytics runs 5 queries of an identity at once, so a burst's 150 queries take 30 rounds of query
    // latency in Azure whatever the client does (see the note); the per-gate goal is the row above.
    figure('event → gate completed, 50 gates together', 'ms', bursts.flatMap((b) => b.toCompletedMs)),
    figure('event → FleetGateCreated delivery answered, 1 gate', 'ms', one.toAnsweredMs),
    figure('event → FleetGateCreated delivery answered, 50 gates', 'ms', bursts.flatMap((b) => b.toAnsweredMs)),
    figure('onFleetGateEvent invocation duration, 1 gate at a time (Created and Updated)', 'ms', one.handlerMs, { text: 'every invocation ≤ 1 s (issue 14)', on: 'max', ok: (v) => v <= 1000 }),
    figure('onFleetGateEvent invocation duration, 50 gates together', 'ms', bursts.flatMap((b) => b.handlerMs), { text: 'every invocation < 30 s (Event Grid redelivers an event not answered in 30 s)', on: 'max', ok: (v) => v < 30_000 }),
    figure('ARM long-running-operation polls during gate events (all worlds)', 'requests', all.map((s) => s.operationPolls), { text: '0: no handler waits on an ARM poll (issue 14)', on: 'max', ok: (v) => v === 0 }),
    figure('Log Analytics 429 answers (all worlds)', 'requests', all.map((s) => s.logsThrottled), { text: '0: queries paced inside the identity budget', on: 'max', ok: (v) => v === 0 }),
    figure('ARM requests per gate (each world: 1-gate, then 50-gate rounds)', 'requests', perGate((s) => s.arm)),
    figure('Log Analytics requests per gate', 'requests', perGate((s) => s.logs)),
    figure('gate PATCHes per gate', 'requests', perGate((s) => s.armPatches), { text: 'exactly 1', on: 'p95', ok: (v) => v === 1 }),
  ];
  const notes = [
    `1 gate at a time: ${singles} gates, one per stage, each opened by its own clock jump after the previous one completed. 50 gates together: ${burstRounds} round(s), fresh processes each.`,
    `Failed invocations in the app: ${all.map((s) => s.failures).join(', ')} (1-gate world, then each 50-gate round).`,
    'Each gate runs three checks (nodes-ready, pods-healthy, metrics-flowing) over the gate\'s clusters; analysis count 1 with no initial delay, no approval, so the first evaluation decides.',
  ];
  const cpuLine = (s: GateSamples): string => `app ${(s.cpu.appMs / 1000).toFixed(1)} s, cloud ${(s.cpu.cloudMs / 1000).toFixed(1)} s of CPU in ${(s.cpu.wallMs / 1000).toFixed(1)} s wall`;
  notes.push(`CPU while gates were worked (2 cores shared with other work): 1 gate at a time: ${cpuLine(one)}; 50 together: ${bursts.map(cpuLine).join('; ')}.`);
  const burstCpu = bursts.reduce((a, b) => ({ app: a.app + b.cpu.appMs, cloud: a.cloud + b.cpu.cloudMs, wall: a.wall + b.cpu.wallMs, gates: a.gates + b.gates }), { app: 0, cloud: 0, wall: 0, gates: 0 });
  const share = (burstCpu.app + burstCpu.cloud) / burstCpu.wall;
  figures.push(figure('CPU per gate in a 50-gate burst: app process', 'ms', bursts.map((b) => b.cpu.appMs / b.gates)));
  figures.push(figure('CPU per gate in a 50-gate burst: cloud process (emulator, KQL, Azurite)', 'ms', bursts.map((b) => b.cpu.cloudMs / b.gates)));
  notes.push(
    `During the 50-gate bursts the app and the cloud together kept ${share.toFixed(2)} cores busy on average (${((burstCpu.app + burstCpu.cloud) / 1000).toFixed(1)} s of CPU in ${(burstCpu.wall / 1000).toFixed(1)} s): ${share < 1.5 ? 'far less than the two cores they could use, so the processes mostly waited for a core (the load average is in the header) or for I/O, not for their own work' : 'the processes were busy with their own work'}. With both processes running in parallel on an otherwise idle 2-core machine, the burst's work alone would take about ${(Math.max(burstCpu.app, burstCpu.cloud) / bursts.length / 1000).toFixed(1)} s.`,
  );
  const perGateApp = burstCpu.app / burstCpu.gates;
  const perGateCloud = burstCpu.cloud / burstCpu.gates;
  const burstArm = bursts.reduce((a, b) => a + b.arm, 0) / burstCpu.gates;
  const burstLogs = bursts.reduce((a, b) => a + b.logs, 0) / burstCpu.gates;
  // Table requests are not in the emulator's log (Azurite serves them); their count per gate is asserted by
  // test/integration/gates/gateBurstRequests.test.ts: 5 to decide the gate, 5 to confirm it.
  const requestsPerGate = burstArm + burstLogs + TABLE_REQUESTS_PER_GATE + 2;
  notes.push(
    `Requests the app handles per gate in the burst: ${burstArm.toFixed(1)} ARM, ${burstLogs.toFixed(1)} Log Analytics, ${TABLE_REQUESTS_PER_GATE} Table Storage (counted by test/integration/gates/gateBurstRequests.test.ts) and 2 Event Grid deliveries (FleetGateCreated, then FleetGateUpdated, which confirms the completion): ${requestsPerGate.toFixed(1)} in all, so ${(perGateApp / requestsPerGate).toFixed(2)} ms of app CPU per request (the Azure SDK pipelines, HTTP and TLS; profile with BENCH_APP_CPU_PROF) and ${(perGateCloud / requestsPerGate).toFixed(2)} ms of cloud CPU per request (Azurite, the emulator, its KQL engine).`,
  );
  notes.push(
    `Why the 50-gate burst has no latency goal: the burst's ${(burstLogs * 50).toFixed(0)} Log Analytics queries (3 checks per gate) go through the app's pacer (src/adapters/logs/LogsQueryPacer.ts), at most 5 at once, first come, first served, because Azure Monitor runs at most 5 queries of an identity at once and queues the rest ("User query throttling" in "Azure Monitor service limits"; it also allows 200 queries per 30 s). In Azure the median gate of such a burst therefore waits for about 14 rounds of Log Analytics query latency before its own checks answer, whatever the app does, so p50 < 500 ms would need each query to take under 35 ms: the goal holds per gate (the first row), and the burst is measured for its cost and to show it completes without 429s and without an invocation near Event Grid's 30 s redelivery timeout. Here the emulator answers a query in a few milliseconds, so what the burst's figures show is mostly CPU: ${(burstCpu.gates * perGateApp / 1000 / bursts.length).toFixed(1)} s of app CPU and ${(burstCpu.gates * perGateCloud / 1000 / bursts.length).toFixed(1)} s of cloud CPU per burst on 2 shared cores. Invocations run on after their PATCH (recording the decision) while the others share the process, which is why invocation durations exceed the gate-completed times; no invocation waits on an ARM long-running operation (the polls figure: the gate's FleetGateUpdated confirms the completion).`,
  );
  writeSection({
    title: 'Gate latency (production ARM settings)',
    measures:
      'The clock jump that makes the emulator open the gate(s) and raise FleetGateCreated is time zero (the emulator\'s request log entry for `POST /_emulator/clock`, real time); **gate completed** is when the emulator received the app\'s `PATCH …/gates/{id}` (the gate is Completed at that moment; the app then polls the operation). Requests per gate count everything the emulator logged from the first jump until the app was quiet for 3 s (so they include confirmations triggered by FleetGateUpdated). Invocation durations come from the host\'s "Executed … Duration=" lines in the app process.',
    leavesOut:
      'Event Grid\'s delivery delay in Azure (seconds, not modelled: the emulator delivers at once) and Log Analytics\' ingestion delay (set to 0 here; real Container Insights data lags minutes, which the analysis window absorbs, not this latency). ARM and Log Analytics answer in about a millisecond here; in Azure each call costs tens of milliseconds more.',
    figures,
    notes,
    appPeakRssKb: Math.max(...all.map((s) => s.rssKb)),
    wallSeconds: (performance.now() - started) / 1000,
  });
}

runBench(main);
