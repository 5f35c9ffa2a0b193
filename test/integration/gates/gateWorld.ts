import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import type { Services } from '../../../src/composition';
import { parseConductorConfig } from '../../../src/domain/config/parseConductorConfig';
import type { ConductorConfig } from '../../../src/domain/config/conductorConfig';
import type { AppLog, AuditLog, EvidenceStore, FleetApi, GateStore } from '../../../src/ports';
import { advanceClock, control, staticCredential } from '../../support/emulatorControl';
import { emulatorApp, uniquePrefix } from '../../support/emulatorApp';
import { tempCaFile } from '../../support/tempCaFile';

export const SUB = '00000000-0000-0000-0000-0000000000f1';
export const WORKSPACE = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
export const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-gates`;
export const clusterId = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;

const member = (name: string, group: string) => ({ name, group, cluster: { name: `aks-${name}`, resourceGroup: 'rg-aks', location: 'eastus' } });

/** A small fleet: dev (1), canary (1), prod (2), all on 1.32.7; 1.33.2 is available. Virtual time is frozen. */
export function scenario(healthRules: unknown[] = []): Record<string, unknown> {
  return {
    name: 'gates-it',
    subscriptionId: SUB,
    startTime: '2026-11-21T08:00:00Z',
    speed: 0,
    lro: 'sync',
    workspaceId: WORKSPACE,
    // Log Analytics ingestion as in Azure: each batch becomes queryable 20 s to 3 min after it is collected (seeded).
    logs: { sampleIntervalSeconds: 30 },
    defaults: { upgradeMinutes: 4, nodeCount: 3, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
    regions: { eastus: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' } },
    fleets: [{ name: 'fleet-gates', resourceGroup: 'rg-fleet', location: 'eastus', members: [member('dev-1', 'dev'), member('canary-1', 'canary'), member('prod-1', 'prod'), member('prod-2', 'prod')] }],
    healthRules,
  };
}

const DEFAULT_CHECKS = [
  { name: 'nodes', type: 'nodes-ready' },
  { name: 'pods', type: 'pods-healthy' },
  { name: 'telemetry', type: 'metrics-flowing' },
];

/** The Conductor configuration document of these worlds (conductor.yaml's content). */
export function conductorDocument(analysis: Record<string, unknown> = {}, checks: unknown[] = DEFAULT_CHECKS): Record<string, unknown> {
  return {
    fleets: [{ name: 'fleet-gates', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor' }],
    strategies: [
      {
        name: 'conductor',
        stages: [
          { name: 'dev', groups: ['dev'], afterGate: 'stage-health' },
          { name: 'canary', groups: ['canary'], afterGate: 'stage-health' },
          { name: 'prod', groups: ['prod'] },
        ],
      },
    ],
    gatePolicies: [
      {
        id: 'stage-health',
        checks,
        // Soak 4 minutes: the first window (from the end of the upgrade) must hold a sample after the ingestion delay.
        analysis: { initialDelaySeconds: 240, intervalSeconds: 60, count: 2, consecutiveErrorLimit: 2, ...analysis },
      },
    ],
  };
}

export function conductorConfig(analysis: Record<string, unknown> = {}, checks: unknown[] = DEFAULT_CHECKS): ConductorConfig {
  const result = parseConductorConfig(conductorDocument(analysis, checks));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

export interface GateWorld {
  emulator: RunningEmulator;
  services: Services;
  sdk: ContainerServiceFleetClient;
  fleet: FleetApi;
  log: AppLog & { lines: string[] };
  gates: GateStore;
  audit: AuditLog;
  evidence: EvidenceStore;
  stop(): Promise<void>;
}

/**
 * The production composition (ARM and Log Analytics over HTTPS to the emulator, state on Azurite, notifications to
 * the emulator's webhook sink); time is the emulator's.
 */
export async function startGateWorld(
  options: { healthRules?: unknown[]; analysis?: Record<string, unknown>; checks?: unknown[]; lro?: 'sync' | 'async'; pollIntervalInMs?: number } = {},
): Promise<GateWorld> {
  const emulator = await startEmulator({ scenario: { ...scenario(options.healthRules), lro: options.lro ?? 'sync' }, port: 0, speed: 0, caFile: tempCaFile() });
  // The test's own Fleet client: it acts as Fleet's user (creating and starting runs), not as the app.
  const sdk = new ContainerServiceFleetClient(staticCredential, SUB, {
    endpoint: emulator.url,
    credentials: { scopes: ['https://management.azure.com/.default'] },
    tlsOptions: { ca: emulator.caPem },
  });
  const composed = emulatorApp(emulator, {
    conductor: conductorDocument(options.analysis, options.checks),
    tablePrefix: uniquePrefix('g'),
    settings: {
      ARM_POLL_INTERVAL_IN_MS: String(options.pollIntervalInMs ?? 5),
      // A failing query is measured as an error at once (the tests count requests), not retried by the SDK.
      LOGS_MAX_RETRIES: '0',
      NOTIFY_WEBHOOK_URL: `${emulator.url}/webhooks/conductor`,
    },
  });
  const { services, adapters } = composed.app;
  const lines: string[] = [];
  const log = { lines, info: (m: string) => void lines.push(`info ${m}`), warn: (m: string) => void lines.push(`warn ${m}`) };
  return {
    emulator,
    services,
    sdk,
    fleet: adapters.fleet,
    log,
    gates: adapters.gates,
    audit: adapters.audit,
    evidence: adapters.evidence,
    stop: async () => {
      composed.dispose();
      await emulator.stop();
    },
  };
}

/** Creates and starts a run of 1.33.2 on Conductor's strategy (as release detection will). */
export async function startRun(world: GateWorld, name = 'k8s-1-33-2'): Promise<void> {
  await world.sdk.updateRuns.createOrUpdate(
    'rg-fleet',
    'fleet-gates',
    name,
    {
      properties: {
        updateStrategyId: `${FLEET}/updateStrategies/conductor`,
        managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } },
      },
    },
    { updateIntervalInMs: 5 },
  );
  await world.sdk.updateRuns.start('rg-fleet', 'fleet-gates', name, { updateIntervalInMs: 5 });
}

const TERMINAL = new Set(['Completed', 'Failed', 'Stopped']);

/** Advances virtual time a minute at a time, running the reconcile timer's use case after each step. */
export async function driveTimer(world: GateWorld, runName: string, until: (state: string) => boolean = (s) => TERMINAL.has(s), maxMinutes = 180): Promise<string> {
  let state = '';
  for (let minute = 0; minute < maxMinutes; minute++) {
    await advanceClock(world.emulator, 60);
    await world.services.reconcileAllFleets(world.log);
    state = (await world.fleet.getUpdateRun(FLEET, runName))?.state ?? 'missing';
    if (until(state)) return state;
  }
  return state;
}

export { control };
