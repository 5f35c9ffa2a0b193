import { startEmulator, type RunningEmulator } from '../../../emulator/startEmulator';
import type { PreflightDeps } from '../../../src/app/preflight/preflightDeps';
import { control } from '../../support/emulatorControl';
import { emulatorApp, uniquePrefix } from '../../support/emulatorApp';
import { tempCaFile } from '../../support/tempCaFile';

export const SUB = '00000000-0000-0000-0000-0000000000f7';
export const WORKSPACE = '7c8e2f1b-3d4e-4a5b-8c9d-0e1f2a3b4c5d';
export const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-pre`;
export const RG_A = `/subscriptions/${SUB}/resourceGroups/rg-aks-a`;
export const RG_B = `/subscriptions/${SUB}/resourceGroups/rg-aks-b`;

/** What a member looks like in the scenario; defaults make a member nothing is wrong with. */
export interface MemberSetup {
  readonly name: string;
  readonly group?: string;
  readonly resourceGroup: 'rg-aks-a' | 'rg-aks-b';
  readonly kubernetesVersion?: string;
  readonly autoUpgradeChannel?: string;
  readonly maintenanceWindow?: { readonly startHourUtc: number; readonly durationHours: number };
  readonly metricsFlowing?: boolean;
  readonly collectionPreset?: 'standard' | 'cost-optimized';
}

/** Three members (dev, canary, prod) in eastus, which offers 1.30 to 1.32; the virtual clock starts at 08:00 UTC. */
export function preflightScenario(members: readonly MemberSetup[]): Record<string, unknown> {
  return {
    name: 'preflight-it',
    subscriptionId: SUB,
    workspaceId: WORKSPACE,
    logs: { ingestionDelaySeconds: 0, sampleIntervalSeconds: 60 },
    startTime: '2026-11-21T08:00:00Z',
    speed: 0,
    lro: 'sync',
    defaults: { upgradeMinutes: 3, nodeCount: 2, kubernetesVersion: '1.31.5', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
    regions: { eastus: { kubernetesVersions: ['1.30.9', '1.31.5', '1.32.7'], nodeImage: '202611.01.0' } },
    fleets: [
      {
        name: 'fleet-pre',
        resourceGroup: 'rg-fleet',
        location: 'eastus',
        members: members.map((m) => ({
          name: m.name,
          ...(m.group !== undefined ? { group: m.group } : {}),
          cluster: {
            name: `aks-${m.name}`,
            resourceGroup: m.resourceGroup,
            location: 'eastus',
            ...(m.kubernetesVersion ? { kubernetesVersion: m.kubernetesVersion } : {}),
            ...(m.autoUpgradeChannel ? { autoUpgradeChannel: m.autoUpgradeChannel } : {}),
            ...(m.maintenanceWindow ? { maintenanceWindow: m.maintenanceWindow } : {}),
            ...(m.metricsFlowing === false || m.collectionPreset
              ? { health: { ...(m.metricsFlowing === false ? { metricsFlowing: false } : {}), ...(m.collectionPreset ? { collectionPreset: m.collectionPreset } : {}) } }
              : {}),
          },
        })),
      },
    ],
  };
}

/** The deployment's custom roles (infra/app/roles.bicep), as the emulator's role assignments of the app's identity. */
export const FLEET_OPERATOR_ACTIONS = [
  'Microsoft.ContainerService/fleets/read',
  'Microsoft.ContainerService/fleets/members/read',
  'Microsoft.ContainerService/fleets/updateRuns/read',
  'Microsoft.ContainerService/fleets/updateRuns/write',
  'Microsoft.ContainerService/fleets/updateRuns/start/action',
  'Microsoft.ContainerService/fleets/updateRuns/stop/action',
  'Microsoft.ContainerService/fleets/updateRuns/skip/action',
  'Microsoft.ContainerService/fleets/updateStrategies/read',
  'Microsoft.ContainerService/fleets/updateStrategies/write',
  'Microsoft.ContainerService/fleets/gates/read',
  'Microsoft.ContainerService/fleets/gates/write',
  'Microsoft.ContainerService/fleets/autoUpgradeProfiles/generateUpdateRun/action',
];
export const CATALOGUE_READER_ACTIONS = [
  'Microsoft.ContainerService/locations/*/read',
  'Microsoft.ContainerService/managedClusters/read',
  'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read',
  'Microsoft.Authorization/permissions/read',
];

export function deploymentRoles(catalogue: readonly string[] = CATALOGUE_READER_ACTIONS): unknown {
  return {
    value: [
      { scope: FLEET, permissions: { actions: FLEET_OPERATOR_ACTIONS } },
      { scope: `/subscriptions/${SUB}`, permissions: { actions: catalogue } },
    ],
  };
}

export const STRATEGY = { name: 'conductor', stages: [{ name: 'dev', groups: ['dev'], afterGate: 'dev-health' }, { name: 'canary', groups: ['canary'] }, { name: 'prod', groups: ['prod'] }] };

export interface PreflightWorld {
  readonly emulator: RunningEmulator;
  /** The preflight's dependencies as the production composition builds them. */
  readonly deps: PreflightDeps;
  stop(): Promise<void>;
}

export async function startPreflightWorld(scenario: Record<string, unknown>, analysis: Record<string, unknown> = {}): Promise<PreflightWorld> {
  const emulator = await startEmulator({ scenario, port: 0, speed: 0, caFile: tempCaFile() });
  const composed = emulatorApp(emulator, {
    conductor: {
      fleets: [{ name: 'fleet-pre', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor' }],
      strategies: [STRATEGY],
      gatePolicies: [{ id: 'dev-health', checks: [{ name: 'nodes', type: 'nodes-ready' }], analysis: { initialDelaySeconds: 0, count: 1, ...analysis } }],
    },
    tablePrefix: uniquePrefix('p'),
    // A failing call is a finding at once (the tests inject one fault each), not retried by the SDK.
    settings: { ARM_MAX_RETRIES: '0', LOGS_MAX_RETRIES: '0' },
  });
  return {
    emulator,
    deps: composed.app.deps.preflight(),
    stop: async () => {
      composed.dispose();
      await emulator.stop();
    },
  };
}

export const setRoles = (world: PreflightWorld, body: unknown): Promise<unknown> => control(world.emulator, 'PUT', '/_emulator/roleAssignments', body);
