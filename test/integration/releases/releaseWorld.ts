import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import { createServices, type Services } from '../../../src/composition';
import { parseConductorConfig } from '../../../src/domain/config/parseConductorConfig';
import { createReleaseWorld } from '../../../src/app/releases/releaseWorld';
import { ensureUpdateStrategy } from '../../../src/app/gates/ensureUpdateStrategy';
import type { ApprovalDeps } from '../../../src/app/approvals/approvalDeps';
import { ArmFleetApi } from '../../../src/adapters/arm/ArmFleetApi';
import { ArmTransport } from '../../../src/adapters/arm/ArmTransport';
import { ArmReleaseSource } from '../../../src/adapters/arm/ArmReleaseSource';
import { ArmRunCreator } from '../../../src/adapters/arm/ArmRunCreator';
import { createTableClientFactory } from '../../../src/adapters/tables/tableClientFactory';
import { TableReleaseStore } from '../../../src/adapters/tables/TableReleaseStore';
import { TableAuditLog } from '../../../src/adapters/tables/TableAuditLog';
import { TableOutbox } from '../../../src/adapters/tables/TableOutbox';
import { TableTimerRunLog } from '../../../src/adapters/tables/TableTimerRunLog';
import type { AppLog } from '../../../src/ports';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { LogAnalyticsLogsQuery } from '../../../src/adapters/logs/LogAnalyticsLogsQuery';
import { TableGateStore } from '../../../src/adapters/tables/TableGateStore';
import { TableEvidenceStore } from '../../../src/adapters/tables/TableEvidenceStore';
import { TableRunHistory } from '../../../src/adapters/tables/TableRunHistory';
import { LogNotifier } from '../../../src/adapters/notify/LogNotifier';
import { RunHistoryRecorder } from '../../../src/app/history/RunHistoryRecorder';
import { TableApprovalStore } from '../../../src/adapters/tables/TableApprovalStore';
import { HmacSigner } from '../../../src/adapters/crypto/HmacSigner';
import { armRequests, staticCredential, type LoggedRequest } from '../../support/emulatorControl';
import type { ProcessTelemetry } from '../../../src/composition/processTelemetry';
import { tempCaFile } from '../../support/tempCaFile';

export const SUB = '00000000-0000-0000-0000-0000000000e6';
export const WORKSPACE = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
export const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-rel`;
const REGIONS = ['eastus', 'westeurope', 'australiaeast'];

/**
 * Three regions on 1.32.x; 1.33.4 appears in eastus after 10 min, westeurope after 1 h, australiaeast after 2 h.
 * One member per region (dev, canary, prod), 3-minute upgrades, frozen virtual time.
 */
export interface ScenarioOptions {
  /** AKS auto-upgrade channel of the prod cluster (it then races the fleet). */
  readonly prodAutoUpgradeChannel?: string;
  /** A Fleet auto-upgrade profile on Conductor's strategy (for profile mode). */
  readonly profile?: string;
  /** Groups whose cluster's upgrade fails (AKS reports the upgrade Failed when it ends). */
  readonly failUpgrade?: readonly string[];
  /** Members per group (default 1): `<group>-1`, `<group>-2`, … in the group's region. */
  readonly membersPerGroup?: number;
}

export function releaseScenario(options: ScenarioOptions = {}): Record<string, unknown> {
  return {
    name: 'releases-it',
    subscriptionId: SUB,
    workspaceId: WORKSPACE,
    logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 30 },
    startTime: '2026-11-21T08:00:00Z',
    speed: 0,
    lro: 'sync',
    defaults: { upgradeMinutes: 3, nodeCount: 2, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
    regions: Object.fromEntries(REGIONS.map((r) => [r, { kubernetesVersions: ['1.32.5', '1.32.7'], nodeImage: '202611.01.0' }])),
    releases: [{ version: '1.33.4', regions: { eastus: 600, westeurope: 3600, australiaeast: 7200 } }],
    fleets: [
      {
        name: 'fleet-rel',
        resourceGroup: 'rg-fleet',
        location: 'eastus',
        members: ['dev', 'canary', 'prod'].flatMap((group, i) =>
          Array.from({ length: options.membersPerGroup ?? 1 }, (_, k) => ({
            name: `${group}-${k + 1}`,
            group,
            cluster: {
              name: `aks-${group}-${k + 1}`,
              resourceGroup: 'rg-aks',
              location: REGIONS[i],
              ...(k === 0 && options.failUpgrade?.includes(group) ? { failUpgrade: true } : {}),
              // the second member of a group takes longer, so it is still upgrading when the first one fails
              ...(k > 0 ? { upgradeMinutes: 6 } : {}),
              ...(group === 'prod' && options.prodAutoUpgradeChannel ? { autoUpgradeChannel: options.prodAutoUpgradeChannel } : {}),
            },
          })),
        ),
        autoUpgradeProfiles: options.profile
          ? [{ name: options.profile, properties: { channel: 'Rapid', updateStrategyId: `${FLEET}/updateStrategies/conductor`, nodeImageSelection: { type: 'Latest' } } }]
          : [],
      },
    ],
  };
}

export interface ReleaseTestWorld {
  emulator: RunningEmulator;
  /** Approval deps when the world was started with an approval policy. */
  approvals: ApprovalDeps | undefined;
  services: Services;
  /** A fresh process over the same tables and emulator (host restart: no in-memory state survives). */
  restart(): Services;
  fleetClient: ContainerServiceFleetClient;
  fleet: ArmFleetApi;
  store: TableReleaseStore;
  audit: TableAuditLog;
  log: AppLog & { lines: string[] };
  /** ARM writes (PUT/POST/PATCH/DELETE) to update runs since `since` (a request-log sequence). */
  runWrites(sinceSeq?: number): Promise<LoggedRequest[]>;
  stop(): Promise<void>;
}

export async function startReleaseWorld(
  release: Record<string, unknown> = { channel: 'rapid' },
  scenarioOptions: ScenarioOptions = {},
  /**
   * Gate the dev stage with a health policy, so runs have a gate with evidence. Soak one minute: the checks' window
   * starts when the dev cluster finished upgrading, so it needs a sample after that.
   */
  gated = false,
  /** `skipStrategy`: do not apply the managed strategy up front (as if no reconcile had run yet). */
  /** `approval`: the dev gate policy also asks alice to approve; `approvals`: the approval deps to use (else built here). */
  /** `telemetry`: the composition's telemetry decorators, applied as createServicesFromConfig applies them. */
  setup: { readonly skipStrategy?: boolean; readonly approval?: Record<string, unknown>; readonly approvals?: ApprovalDeps; readonly telemetry?: ProcessTelemetry } = {},
): Promise<ReleaseTestWorld> {
  const emulator = await startEmulator({ scenario: releaseScenario(scenarioOptions), port: 0, speed: 0, caFile: tempCaFile() });
  const options = { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } };
  const fleetClient = new ContainerServiceFleetClient(staticCredential, SUB, options);
  const aksClient = new ContainerServiceClient(staticCredential, SUB, options);
  const lro = { pollIntervalInMs: 5, lroTimeoutInMs: 10_000 };
  const transport = new ArmTransport(fleetClient.pipeline, emulator.url, lro);
  const apiOptions = { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 5 };
  const fleet = new ArmFleetApi(() => fleetClient, transport, apiOptions);
  const parsed = parseConductorConfig({
    fleets: [{ name: 'fleet-rel', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor', release }],
    strategies: [{ name: 'conductor', stages: [{ name: 'dev', groups: ['dev'], ...(gated ? { afterGate: 'dev-health' } : {}) }, { name: 'canary', groups: ['canary'] }, { name: 'prod', groups: ['prod'] }] }],
    ...(gated
      ? {
          gatePolicies: [
            {
              id: 'dev-health',
              checks: [{ name: 'nodes', type: 'nodes-ready' }],
              analysis: { initialDelaySeconds: 60, count: 1 },
              // With an approval: alice decides on the landing page (links from the run detail; no channel configured).
              ...(setup.approval ? { approval: { approvers: { users: ['alice@contoso.com'] }, quorum: 1, expiresAfterMinutes: 120, onReject: 'stop', ...setup.approval } } : {}),
            },
          ],
        }
      : {}),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  if (!setup.skipStrategy) await ensureUpdateStrategy(fleet, parsed.value.fleets[0]!);
  const prefix = `r${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: inject('azuriteConnectionString') }, prefix, () => {
    throw new Error('no token credential for Azurite');
  });
  const rawStore = new TableReleaseStore(tables);
  const audit = new TableAuditLog(tables);
  const clock = { nowIso: () => emulator.control.sim.nowIso() };
  const lines: string[] = [];
  const log = { lines, info: (m: string) => void lines.push(`info ${m}`), warn: (m: string) => void lines.push(`warn ${m}`) };
  const telemetry = setup.telemetry;
  telemetry?.armPipeline(fleetClient.pipeline);
  telemetry?.armPipeline(aksClient.pipeline);
  const built = { gates: new TableGateStore(tables), evidence: new TableEvidenceStore(tables), releases: rawStore, history: new TableRunHistory(tables) };
  const { gates: gateStore, evidence, releases: store, history } = telemetry?.stores(built) ?? built;
  const outbox = new TableOutbox(tables);
  const stores = { gates: gateStore, evidence, audit, outbox: telemetry?.outbox(outbox) ?? outbox };
  const approvals: ApprovalDeps | undefined = setup.approvals ?? (setup.approval
    ? { store: new TableApprovalStore(tables), signer: new HmacSigner(Buffer.alloc(32, 7).toString('base64')), publicBaseUrl: 'https://conductor.example', appSetting: (): undefined => undefined }
    : undefined);
  const logs = new LogAnalyticsLogsQuery(new LogsQueryClient(staticCredential, { endpoint: `${emulator.url}/v1`, tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } }));
  // Everything a process holds in memory (member index, coalescing queue) is built here, so a second call is a restart.
  const boot = (): Services => {
    const world = createReleaseWorld({
      config: parsed.value,
      gates: gateStore,
      source: new ArmReleaseSource({ fleet: () => fleetClient, aks: () => aksClient }, new ArmTransport(aksClient.pipeline, emulator.url, lro)),
      runs: new ArmRunCreator(() => fleetClient, transport, apiOptions),
      fleet,
      releases: store,
      audit,
      outbox: stores.outbox,
      clock,
    });
    const services = createServices({
      timerRuns: new TableTimerRunLog(tables),
      clock,
      version: 'test',
      // The local host is the principal source of these worlds (it strips client-sent principal headers).
      callerTrust: { source: 'localDevelopment', trusted: true },
      gates: () => ({ config: parsed.value, fleet, logs, ...stores, clock, notifier: () => new LogNotifier(() => log), recorder: new RunHistoryRecorder({ fleet, history, clock, records: store }), ...(approvals ? { approvals } : {}) }),
      releases: () => world,
      history: () => ({ config: parsed.value, fleet, source: world.source, runs: world.runs, clock, history, releases: store, ...stores, ...(approvals ? { approvals } : {}) }),
    });
    return telemetry?.services(services) ?? services;
  };
  const services = boot();
  const runWrites = async (): Promise<LoggedRequest[]> =>
    (await armRequests(emulator, '/updateRuns')).filter((r) => ['PUT', 'POST', 'PATCH', 'DELETE'].includes(r.method));
  return { emulator, approvals, services, restart: boot, fleetClient, fleet, store: rawStore, audit, log, runWrites, stop: () => emulator.stop() };
}
