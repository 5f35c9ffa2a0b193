/**
 * Benchmark (issue 6): 1,000 NewKubernetesVersionAvailable deliveries for one fleet (20 % duplicates), 16 at a
 * time, into the local host's Event Grid webhook. Reports events/s, the latency from each delivery to the moment
 * the run was started (for deliveries that arrived before it), the per-delivery answer time, and ARM writes.
 *
 *   npm run build && node dist/bench/releaseStorm.js
 */
import { randomUUID } from 'node:crypto';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { startEmulator } from '../emulator/startEmulator';
import { benchCredential, control, percentile } from './support/benchKit';
import { startAzurite } from '../devhost/startAzurite';
import { FunctionHost } from '../devhost/FunctionHost';
import type { RegisteredFunction } from '../devhost/functionsCoreShim';
import { createServices } from '../src/composition';
import { parseConductorConfig } from '../src/domain/config/parseConductorConfig';
import { createReleaseWorld } from '../src/app/releases/releaseWorld';
import { ensureUpdateStrategy } from '../src/app/gates/ensureUpdateStrategy';
import { ArmFleetApi } from '../src/adapters/arm/ArmFleetApi';
import { ArmTransport } from '../src/adapters/arm/ArmTransport';
import { ArmReleaseSource } from '../src/adapters/arm/ArmReleaseSource';
import { ArmRunCreator } from '../src/adapters/arm/ArmRunCreator';
import { createTableClientFactory } from '../src/adapters/tables/tableClientFactory';
import { TableReleaseStore } from '../src/adapters/tables/TableReleaseStore';
import { TableAuditLog } from '../src/adapters/tables/TableAuditLog';
import { TableOutbox } from '../src/adapters/tables/TableOutbox';
import { TableTimerRunLog } from '../src/adapters/tables/TableTimerRunLog';

const SUB = '00000000-0000-0000-0000-0000000000e7';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-storm`;
const REGIONS = ['eastus', 'westeurope', 'australiaeast'];
const credential = benchCredential;



async function main(): Promise<void> {
  const members = Array.from({ length: 30 }, (_, i) => ({ name: `m-${i}`, group: `g${i % 3}`, cluster: { name: `aks-${i}`, resourceGroup: 'rg-aks', location: REGIONS[i % 3] } }));
  const emulator = await startEmulator({
    scenario: {
      name: 'storm',
      subscriptionId: SUB,
      startTime: '2026-11-21T08:00:00Z',
      speed: 0,
      lro: 'sync',
      defaults: { upgradeMinutes: 3, nodeCount: 2, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: Object.fromEntries(REGIONS.map((r) => [r, { kubernetesVersions: ['1.32.5', '1.32.7', '1.33.4'], nodeImage: '202611.01.0' }])),
      fleets: [{ name: 'fleet-storm', resourceGroup: 'rg-fleet', location: 'eastus', members }],
    },
    port: 0,
    speed: 0,
    caFile: `.local/bench-ca-${randomUUID()}.pem`,
  });
  const azurite = await startAzurite();
  const options = { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } };
  const fleetClient = new ContainerServiceFleetClient(credential, SUB, options);
  const aksClient = new ContainerServiceClient(credential, SUB, options);
  const lro = { pollIntervalInMs: 10, lroTimeoutInMs: 60_000 };
  const transport = new ArmTransport(fleetClient.pipeline, emulator.url, lro);
  const api = { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 10 };
  const fleet = new ArmFleetApi(() => fleetClient, transport, api);
  const parsed = parseConductorConfig({
    fleets: [{ name: 'fleet-storm', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's', release: { channel: 'rapid' } }],
    strategies: [{ name: 's', stages: [{ name: 'all', groups: ['g0', 'g1', 'g2'] }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  await ensureUpdateStrategy(fleet, parsed.value.fleets[0]!);
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString }, 'storm', () => credential);
  const clock = { nowIso: () => emulator.control.sim.nowIso() };
  let startedAt: number | undefined;
  const runs = new ArmRunCreator(() => fleetClient, transport, api);
  const timedRuns: typeof runs = Object.assign(Object.create(runs) as typeof runs, {
    startUpdateRun: async (fleetId: string, runName: string) => {
      const result = await runs.startUpdateRun(fleetId, runName);
      startedAt ??= performance.now();
      return result;
    },
  });
  const world = createReleaseWorld({
    config: parsed.value,
    source: new ArmReleaseSource({ fleet: () => fleetClient, aks: () => aksClient }, new ArmTransport(aksClient.pipeline, emulator.url, lro)),
    runs: timedRuns,
    fleet,
    releases: new TableReleaseStore(tables),
    audit: new TableAuditLog(tables),
    outbox: new TableOutbox(tables),
    clock,
  });
  const services = createServices({ timerRuns: new TableTimerRunLog(tables), clock, version: 'bench', gates: () => { throw new Error('no gates'); }, releases: () => world });
  const log = { info: () => undefined, warn: () => undefined };
  const fn: RegisteredFunction = {
    name: 'onAksEvent',
    bindings: { t: { type: 'eventGridTrigger', direction: 'in' } },
    handler: async (event: unknown) => void (await services.handleAksEvent(event, log)),
  };
  const host = new FunctionHost({ functions: [fn], settings: {}, timers: false, log: () => undefined });
  const url = await host.listen(0);

  const distinct = Array.from({ length: 800 }, (_, i) => {
    const c = members[i % members.length]!.cluster;
    return {
      id: `evt-${i}`,
      topic: `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${c.name}`,
      subject: c.name,
      eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
      eventTime: '2026-11-21T08:00:00Z',
      data: { latestSupportedKubernetesVersion: '1.33.4' },
      dataVersion: '1',
      metadataVersion: '1',
    };
  });
  const events = [...distinct, ...distinct.slice(0, 200)].sort(() => 0.5 - Math.random());
  await control(emulator, 'DELETE', '/_emulator/requests');
  const sentAt: number[] = [];
  const answerMs: number[] = [];
  let next = 0;
  const wall = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < events.length) {
        const event = events[next++];
        const t = performance.now();
        sentAt.push(t);
        const res = await fetch(`${url}/runtime/webhooks/eventgrid?functionName=onAksEvent`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
          body: JSON.stringify([event]),
        });
        await res.arrayBuffer();
        answerMs.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - wall) / 1000;
  const toStart = startedAt === undefined ? [] : sentAt.filter((t) => t <= (startedAt as number)).map((t) => (startedAt as number) - t).sort((a, b) => a - b);
  const answers = [...answerMs].sort((a, b) => a - b);
  const writes = (await control<{ value: { method: string; path: string }[] }>(emulator, 'GET', '/_emulator/requests?service=arm')).value.filter((r) => r.method !== 'GET');
  const runsNow = await fleet.listRunSnapshots(FLEET, 'fleet-storm', '');
  console.log(`deliveries: ${events.length} in ${elapsed.toFixed(2)} s → ${(events.length / elapsed).toFixed(0)} events/s (concurrency 16)`);
  console.log(`event → run started (deliveries before the start): p50 ${percentile(toStart, 50).toFixed(0)} ms, p95 ${percentile(toStart, 95).toFixed(0)} ms (n=${toStart.length})`);
  console.log(`webhook answer per delivery: p50 ${percentile(answers, 50).toFixed(0)} ms, p95 ${percentile(answers, 95).toFixed(0)} ms`);
  console.log(`runs: ${runsNow.map((r) => r.runName).join(', ')}; ARM writes: ${writes.length} (${writes.map((w) => w.method).join(', ')})`);
  await host.close();
  await emulator.stop();
  await azurite.stop();
  if (runsNow.length !== 1 || writes.length !== 2) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
