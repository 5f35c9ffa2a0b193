import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import type { Services } from '../../../src/composition';
import type { Adapters } from '../../../src/composition/composeApp';
import { ensureUpdateStrategy } from '../../../src/app/gates/ensureUpdateStrategy';
import type { AppLog, ApprovalStore, AuditLog, FleetApi, Outbox, ReleaseStore } from '../../../src/ports';
import { armRequests, staticCredential, type LoggedRequest } from '../../support/emulatorControl';
import { emulatorApp, uniquePrefix } from '../../support/emulatorApp';
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
  /** The profile's Fleet channel (default Rapid). */
  readonly profileChannel?: string;
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
          ? [{ name: options.profile, properties: { channel: options.profileChannel ?? 'Rapid', updateStrategyId: `${FLEET}/updateStrategies/conductor`, nodeImageSelection: { type: 'Latest' } } }]
          : [],
      },
    ],
  };
}

export interface ReleaseTestWorld {
  emulator: RunningEmulator;
  services: Services;
  /** A fresh process over the same tables and emulator (host restart: no in-memory state survives). */
  restart(): Services;
  fleetClient: ContainerServiceFleetClient;
  fleet: FleetApi;
  store: ReleaseStore;
  audit: AuditLog;
  /** The app's outbox (notifications as queued, before any channel sends them). */
  outbox: Outbox;
  /** The Approvals table as stored (sealed ledgers). */
  ledgers: ApprovalStore;
  log: AppLog & { lines: string[] };
  /** The composition's adapters (a test may build use-case deps over some of them). */
  adapters: Adapters;
  /** ARM writes (PUT/POST/PATCH/DELETE) to update runs since `since` (a request-log sequence). */
  runWrites(sinceSeq?: number): Promise<LoggedRequest[]>;
  stop(): Promise<void>;
}

/** The approval key of these worlds (APPROVAL_TOKEN_KEY). */
const APPROVAL_KEY = Buffer.alloc(32, 7).toString('base64');

/** The production composition over the emulator and Azurite, on the emulator's virtual clock. */
export async function startReleaseWorld(
  release: Record<string, unknown> = { channel: 'rapid' },
  scenarioOptions: ScenarioOptions = {},
  /**
   * Gate the dev stage with a health policy, so runs have a gate with evidence. Soak one minute: the checks' window
   * starts when the dev cluster finished upgrading, so it needs a sample after that.
   */
  gated = false,
  /** `skipStrategy`: do not apply the managed strategy up front (as if no reconcile had run yet). */
  /** `approval`: the dev gate policy also asks alice to approve (APPROVAL_TOKEN_KEY is then set). */
  /** `settings`: more app settings (e.g. an APPROVAL_TOKEN_KEY of the test's own). */
  /** `telemetry`: the composition's telemetry decorators (a test's, over in-memory exporters). */
  setup: { readonly skipStrategy?: boolean; readonly approval?: Record<string, unknown>; readonly settings?: Readonly<Record<string, string>>; readonly telemetry?: ProcessTelemetry } = {},
): Promise<ReleaseTestWorld> {
  const emulator = await startEmulator({ scenario: releaseScenario(scenarioOptions), port: 0, speed: 0, caFile: tempCaFile() });
  // The test's own Fleet client: it acts as Fleet's user, not as the app.
  const fleetClient = new ContainerServiceFleetClient(staticCredential, SUB, { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } });
  const conductor = {
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
  };
  // Everything a process holds in memory (member index, coalescing queue) is built by a composition, so a second
  // composition is a restart.
  const composed = emulatorApp(emulator, {
    conductor,
    tablePrefix: uniquePrefix('r'),
    settings: {
      // A failing query is measured as an error at once (the outage tests hold gates on it), not retried by the SDK.
      LOGS_MAX_RETRIES: '0',
      ...(setup.approval ? { APPROVAL_TOKEN_KEY: APPROVAL_KEY, APP_BASE_URL: 'https://conductor.example' } : {}),
      ...setup.settings,
    },
  }, setup.telemetry ? { telemetry: setup.telemetry } : {});
  const { services, adapters } = composed.app;
  if (!setup.skipStrategy) await ensureUpdateStrategy(adapters.fleet, adapters.conductor.fleets[0]!);
  const lines: string[] = [];
  const log = { lines, info: (m: string) => void lines.push(`info ${m}`), warn: (m: string) => void lines.push(`warn ${m}`) };
  const runWrites = async (): Promise<LoggedRequest[]> =>
    (await armRequests(emulator, '/updateRuns')).filter((r) => ['PUT', 'POST', 'PATCH', 'DELETE'].includes(r.method));
  return {
    emulator,
    services,
    restart: () => composed.compose().services,
    adapters,
    fleetClient,
    fleet: adapters.fleet,
    store: adapters.releases,
    audit: adapters.audit,
    outbox: adapters.outbox,
    ledgers: adapters.approvals,
    log,
    runWrites,
    stop: async () => {
      composed.dispose();
      await emulator.stop();
    },
  };
}

/** The dev cluster aks-dev-1 reports a new Kubernetes version (what Event Grid delivers to onAksEvent). */
export function newVersionEvent(id: string, version: string, eventTime: string): object {
  const clusterId = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-dev-1`;
  return {
    id,
    topic: clusterId,
    subject: 'aks-dev-1',
    eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
    eventTime,
    data: { latestSupportedKubernetesVersion: version, latestStableKubernetesVersion: '1.32.7', lowestMinorKubernetesVersion: '1.32.5', latestPreviewKubernetesVersion: '' },
    dataVersion: '1',
    metadataVersion: '1',
  };
}
