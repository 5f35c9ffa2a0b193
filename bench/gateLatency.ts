/**
 * Benchmark (issue 5): event delivered → checks evaluated → Fleet gate completed, no soak and no human, over 50
 * gates. One stage of 50 single-member groups, each with an after-group gate, so 50 gates open together; the
 * emulator's Event Grid delivers FleetGateCreated to the local host, whose handler reconciles the gate.
 * Reports p50/p95 of the handler's duration per gate and the ARM and Log Analytics requests per gate.
 *
 *   npm run build && node dist/bench/gateLatency.js
 */
import { randomUUID } from 'node:crypto';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { startEmulator } from '../emulator/startEmulator';
import { benchCredential, control, percentile } from './support/benchKit';
import { startAzurite } from '../devhost/startAzurite';
import { FunctionHost } from '../devhost/FunctionHost';
import type { RegisteredFunction } from '../devhost/functionsCoreShim';
import { createServices } from '../src/composition';
import { parseConductorConfig } from '../src/domain/config/parseConductorConfig';
import { ArmFleetApi } from '../src/adapters/arm/ArmFleetApi';
import { ArmTransport } from '../src/adapters/arm/ArmTransport';
import { LogAnalyticsLogsQuery } from '../src/adapters/logs/LogAnalyticsLogsQuery';
import { createTableClientFactory } from '../src/adapters/tables/tableClientFactory';
import { TableGateStore } from '../src/adapters/tables/TableGateStore';
import { TableEvidenceStore } from '../src/adapters/tables/TableEvidenceStore';
import { TableAuditLog } from '../src/adapters/tables/TableAuditLog';
import { TableOutbox } from '../src/adapters/tables/TableOutbox';
import { TableTimerRunLog } from '../src/adapters/tables/TableTimerRunLog';
import { LogNotifier } from '../src/adapters/notify/LogNotifier';

const GATES = 50;
const SUB = '00000000-0000-0000-0000-0000000000b5';
const WS = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-bench/providers/Microsoft.ContainerService/fleets/fleet-bench`;
const credential = benchCredential;



async function main(): Promise<void> {
  const groups = Array.from({ length: GATES }, (_, i) => `g${String(i).padStart(2, '0')}`);
  const emulator = await startEmulator({
    scenario: {
      name: 'gate-bench',
      subscriptionId: SUB,
      startTime: '2026-11-21T08:00:00Z',
      speed: 0,
      lro: 'sync',
      workspaceId: WS,
      logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60 },
      defaults: { upgradeMinutes: 4, nodeCount: 3, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: { eastus: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' } },
      fleets: [
        {
          name: 'fleet-bench',
          resourceGroup: 'rg-bench',
          location: 'eastus',
          members: groups.map((g) => ({ name: `m-${g}`, group: g, cluster: { name: `aks-${g}`, resourceGroup: 'rg-aks', location: 'eastus' } })),
        },
      ],
    },
    port: 0,
    speed: 0,
    caFile: `.local/bench-ca-${randomUUID()}.pem`,
  });
  const azurite = await startAzurite();
  const parsed = parseConductorConfig({
    fleets: [{ name: 'fleet-bench', subscriptionId: SUB, resourceGroup: 'rg-bench', logAnalyticsWorkspaceId: WS, strategy: 'bench' }],
    strategies: [{ name: 'bench', stages: [{ name: 'all', groups: groups.map((name) => ({ name, afterGate: 'health' })) }] }],
    gatePolicies: [
      {
        id: 'health',
        checks: [
          { name: 'nodes', type: 'nodes-ready' },
          { name: 'pods', type: 'pods-healthy' },
          { name: 'telemetry', type: 'metrics-flowing' },
        ],
        analysis: { initialDelaySeconds: 0, count: 1 },
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const sdk = new ContainerServiceFleetClient(credential, SUB, { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } });
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString }, 'bench', () => credential);
  const clock = { nowIso: () => emulator.control.sim.nowIso() };
  const log = { info: () => undefined, warn: () => undefined };
  const services = createServices({
    timerRuns: new TableTimerRunLog(tables),
    clock,
    version: 'bench',
    gates: () => ({
      config: parsed.value,
      fleet: new ArmFleetApi(() => sdk, new ArmTransport(sdk.pipeline, emulator.url, { pollIntervalInMs: 10, lroTimeoutInMs: 60_000 }), { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 10 }),
      logs: new LogAnalyticsLogsQuery(new LogsQueryClient(credential, { endpoint: `${emulator.url}/v1`, tlsOptions: { ca: emulator.caPem } })),
      gates: new TableGateStore(tables),
      evidence: new TableEvidenceStore(tables),
      audit: new TableAuditLog(tables),
      outbox: new TableOutbox(tables),
      clock,
      notifier: () => new LogNotifier(() => log),
    }),
  });

  const durations: number[] = [];
  const handler: RegisteredFunction['handler'] = async (event: unknown) => {
    const started = performance.now();
    const outcome = await services.handleFleetGateEvent(event, log);
    if (outcome.kind === 'reconciled' && outcome.phase === 'Approving') durations.push(performance.now() - started);
  };
  const host = new FunctionHost({ functions: [{ name: 'onFleetGateEvent', bindings: { t: { type: 'eventGridTrigger', direction: 'in' } }, handler }], settings: {}, timers: false, log: () => undefined });
  const url = await host.listen(0);

  await services.reconcileAllFleets(log); // applies the strategy
  await sdk.updateRuns.createOrUpdate('rg-bench', 'fleet-bench', 'bench-run', {
    properties: { updateStrategyId: `${FLEET}/updateStrategies/bench`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } } },
  }, { updateIntervalInMs: 10 });
  await sdk.updateRuns.start('rg-bench', 'fleet-bench', 'bench-run', { updateIntervalInMs: 10 });
  await control(emulator, 'POST', '/_emulator/eventgrid/subscriptions', {
    name: 'bench',
    endpoint: `${url}/runtime/webhooks/eventgrid?functionName=onFleetGateEvent`,
    eventTypes: ['Microsoft.ResourceNotifications.AKSResources.FleetGateCreated'],
  });
  await control(emulator, 'DELETE', '/_emulator/requests');
  const wall = performance.now();
  await control(emulator, 'POST', '/_emulator/clock', { advanceSeconds: 300 }); // every group finishes its upgrade: 50 gates open
  while (durations.length < GATES && performance.now() - wall < 120_000) await new Promise((r) => setTimeout(r, 20));
  const elapsed = performance.now() - wall;
  const requests = (await control<{ value: { service: string; method: string }[] }>(emulator, 'GET', '/_emulator/requests')).value;
  const arm = requests.filter((r) => r.service === 'arm');
  const logs = requests.filter((r) => r.service === 'logs');
  const sorted = [...durations].sort((a, b) => a - b);
  console.log(`gates completed: ${durations.length}/${GATES} in ${(elapsed / 1000).toFixed(2)} s wall`);
  console.log(`event → checks → gate completed, per gate: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`);
  console.log(`ARM requests per gate: ${(arm.length / GATES).toFixed(2)} (${arm.filter((r) => r.method === 'PATCH').length} PATCH in all)`);
  console.log(`Log Analytics requests per gate: ${(logs.length / GATES).toFixed(2)} (one per check, all clusters of the gate batched)`);
  await host.close();
  await emulator.stop();
  await azurite.stop();
  if (durations.length < GATES) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
