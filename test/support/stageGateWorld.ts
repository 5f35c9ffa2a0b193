import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { startEmulator, type RunningEmulator } from '../../emulator/startEmulator';
import type { App, CompositionOverrides } from '../../src/composition/composeApp';
import { emulatorApp, uniquePrefix, type EmulatorApp } from './emulatorApp';
import { staticCredential } from './emulatorControl';
import { tempCaFile } from './tempCaFile';

const WS = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';

export interface StageGateWorldOptions {
  /** Names the scenario, the fleet (`fleet-<name>`), its resource group (`rg-<name>`) and the run (`<name>-run`). */
  readonly name: string;
  readonly subscriptionId: string;
  /** One single-member group per name, each with an after-group gate of policy `health`. */
  readonly groups: readonly string[];
  readonly lro?: 'sync' | 'async';
  /** The scenario's Log Analytics query limits (`logs.limits`), to lower Azure's. */
  readonly logsLimits?: { readonly queriesPer30Seconds?: number; readonly concurrentQueries?: number };
  /** The gate policy's analysis (default: the first measurement decides). */
  readonly analysis?: Readonly<Record<string, number>>;
  readonly settings?: Readonly<Record<string, string>>;
  readonly overrides?: Pick<CompositionOverrides, 'adapters' | 'telemetry' | 'realTime'>;
  readonly tablePrefix?: string;
}

export interface StageGateWorld {
  readonly emulator: RunningEmulator;
  readonly composed: EmulatorApp;
  readonly app: App;
  readonly fleetId: string;
  readonly runName: string;
  stop(): Promise<void>;
}

/**
 * One fleet, one stage of single-member groups each gated after its upgrade by three built-in checks, the emulator's
 * clock standing still, the app composed as in production with the gate-aware GA api-version, and a run created and
 * started through the SDK (an operator's run): advance the clock 300 s and every group's gate opens together.
 */
export async function startStageGateWorld(options: StageGateWorldOptions): Promise<StageGateWorld> {
  const { name, subscriptionId: sub } = options;
  const fleetName = `fleet-${name}`;
  const resourceGroup = `rg-${name}`;
  const emulator = await startEmulator({
    scenario: {
      name,
      subscriptionId: sub,
      startTime: '2026-11-21T08:00:00Z',
      speed: 0,
      ...(options.lro ? { lro: options.lro } : {}),
      workspaceId: WS,
      logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60, ...(options.logsLimits ? { limits: options.logsLimits } : {}) },
      defaults: { upgradeMinutes: 4, nodeCount: 3, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: { eastus: { kubernetesVersions: ['1.32.7', '1.33.2'], nodeImage: '202611.01.0' } },
      fleets: [
        {
          name: fleetName,
          resourceGroup,
          location: 'eastus',
          members: options.groups.map((g) => ({ name: `m-${g}`, group: g, cluster: { name: `aks-${g}`, resourceGroup: 'rg-aks', location: 'eastus' } })),
        },
      ],
    },
    port: 0,
    speed: 0,
    caFile: tempCaFile(),
  });
  const composed = emulatorApp(
    emulator,
    {
      conductor: {
        fleets: [{ name: fleetName, subscriptionId: sub, resourceGroup, logAnalyticsWorkspaceId: WS, strategy: 'stage' }],
        strategies: [{ name: 'stage', stages: [{ name: 's0', groups: options.groups.map((g) => ({ name: g, afterGate: 'health' })) }] }],
        gatePolicies: [
          {
            id: 'health',
            checks: [
              { name: 'nodes', type: 'nodes-ready' },
              { name: 'pods', type: 'pods-healthy' },
              { name: 'telemetry', type: 'metrics-flowing' },
            ],
            analysis: options.analysis ?? { initialDelaySeconds: 0, count: 1, ingestionDelayMinutes: 0 },
          },
        ],
      },
      tablePrefix: options.tablePrefix ?? uniquePrefix('s'),
      settings: { FLEET_API_VERSION: '2026-06-01', ...options.settings },
    },
    options.overrides,
  );
  const app = composed.app;
  await app.services.reconcileAllFleets({ info: () => undefined, warn: () => undefined });
  const fleetId = `/subscriptions/${sub}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/fleets/${fleetName}`;
  const runName = `${name}-run`;
  const sdk = new ContainerServiceFleetClient(staticCredential, sub, { endpoint: emulator.url, credentials: { scopes: ['https://management.azure.com/.default'] }, tlsOptions: { ca: emulator.caPem } });
  const run = { properties: { updateStrategyId: `${fleetId}/updateStrategies/stage`, managedClusterUpdate: { upgrade: { type: 'Full' as const, kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' as const } } } };
  await sdk.updateRuns.createOrUpdate(resourceGroup, fleetName, runName, run, { updateIntervalInMs: 5 });
  await sdk.updateRuns.start(resourceGroup, fleetName, runName, { updateIntervalInMs: 5 });
  return {
    emulator,
    composed,
    app,
    fleetId,
    runName,
    stop: async () => {
      composed.dispose();
      await emulator.stop();
    },
  };
}
