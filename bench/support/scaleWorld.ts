import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fleetFeatures } from '../../emulator/arm/apiVersions';
import { buildRun } from '../../emulator/fleet/runFactory';
import { startEmulator, type RunningEmulator } from '../../emulator/startEmulator';
import { parseConfig } from '../../src/config';
import type { BudgetTime } from '../../src/adapters/arm/ArmRequestBudget';
import { composeApp, type Adapters, type App } from '../../src/composition/composeApp';
import type { ConductorConfig } from '../../src/domain/config/conductorConfig';
import type { FleetApi, ReleaseSource, RunCreator } from '../../src/ports';
import { benchCredential as staticCredential, control } from './benchKit';

export const SCALE_SUB = '00000000-0000-0000-0000-0000000005ca';
const WORKSPACE = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
export const SCALE_REGIONS = ['eastus', 'westeurope', 'australiaeast'];
const API = '2026-06-01';

export interface ScaleOptions {
  readonly fleets: number;
  readonly members: number;
  /** Finished runs per fleet already in Fleet's history. */
  readonly history: number;
  /** Every n-th fleet has a run in progress, stopped at a pending gate. */
  readonly activeEvery: number;
  readonly lro?: 'sync' | 'async';
  /** Kubernetes versions every region offers (default: up to 1.33.4, which active runs target). */
  readonly catalog?: readonly string[];
  /** Real time for the app's request budgets (composeApp's `realTime`); tests give one that does not wait. */
  readonly realTime?: BudgetTime;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface ScaleWorld {
  readonly emulator: RunningEmulator;
  readonly config: ConductorConfig;
  readonly fleet: FleetApi;
  readonly source: ReleaseSource;
  readonly runs: RunCreator;
  /**
   * The production composition over this world (ARM through the emulator), with the given adapters instead of the
   * config's (e.g. in-memory state); a fresh process each call.
   */
  compose(adapters?: Partial<Adapters>): App;
  readonly activeRuns: number;
  readonly clock: { nowIso(): string };
  /** ARM requests the emulator logged while `work` ran. */
  armRequestsDuring(work: () => Promise<unknown>): Promise<LoggedRequest[]>;
  stop(): Promise<void>;
}

export const fleetName = (i: number): string => `fleet-${String(i).padStart(3, '0')}`;
export const fleetIdOf = (i: number): string => `/subscriptions/${SCALE_SUB}/resourceGroups/rg-scale/providers/Microsoft.ContainerService/fleets/${fleetName(i)}`;

/**
 * Shared by the request-count tests (test/integration/scale) and `npm run bench` (bench/requestCounts.ts).
 * N fleets × M members (one subscription, three regions), `history` finished runs per fleet put straight into the
 * emulator's state (fast), and a started run stopped at a Before gate in every `activeEvery`-th fleet. Conductor's
 * strategy gates the first stage with a health policy; virtual time stands still (speed 0).
 */
export async function startScaleWorld(options: ScaleOptions): Promise<ScaleWorld> {
  const names = Array.from({ length: options.fleets }, (_, i) => fleetName(i));
  const emulator = await startEmulator({
    scenario: {
      name: `scale-${options.fleets}x${options.members}`,
      subscriptionId: SCALE_SUB,
      workspaceId: WORKSPACE,
      startTime: '2026-11-21T08:00:00Z',
      speed: 0,
      lro: options.lro ?? 'sync',
      defaults: { upgradeMinutes: 30, nodeCount: 1, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: Object.fromEntries(SCALE_REGIONS.map((r) => [r, { kubernetesVersions: options.catalog ?? ['1.32.5', '1.32.7', '1.33.4'], nodeImage: '202611.01.0' }])),
      fleets: names.map((name, i) => ({
        name,
        resourceGroup: 'rg-scale',
        location: 'eastus',
        members: Array.from({ length: options.members }, (_, j) => ({
          name: `m-${j}`,
          group: j % 2 === 0 ? 'g1' : 'g2',
          cluster: { name: `aks-${i}-${j}`, resourceGroup: 'rg-aks', location: SCALE_REGIONS[j % SCALE_REGIONS.length] },
        })),
      })),
    },
    port: 0,
    speed: 0,
    caFile: path.join(os.tmpdir(), `scale-ca-${randomUUID()}.pem`),
  });
  const conductor = {
    fleets: names.map((name) => ({ name, subscriptionId: SCALE_SUB, resourceGroup: 'rg-scale', logAnalyticsWorkspaceId: WORKSPACE, strategy: 'conductor', release: { channel: 'rapid' } })),
    strategies: [{ name: 'conductor', stages: [{ name: 's1', groups: ['g1'], beforeGate: 'health' }, { name: 's2', groups: ['g2'] }] }],
    gatePolicies: [{ id: 'health', checks: [{ name: 'nodes', type: 'nodes-ready' }], analysis: { initialDelaySeconds: 3600, count: 1 } }],
  };
  const conductorFile = path.join(os.tmpdir(), `scale-conductor-${randomUUID()}.json`);
  writeFileSync(conductorFile, JSON.stringify(conductor));
  // Settings pointing at the emulator; only the credential and the clock are given instead. Table Storage is named
  // but never reached when callers give in-memory stores.
  const config = parseConfig({
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    CONDUCTOR_CONFIG_PATH: conductorFile,
    ARM_ENDPOINT: emulator.url,
    LOGS_ENDPOINT: `${emulator.url}/v1`,
    AZURE_CA_FILE: emulator.caFile,
    FLEET_API_VERSION: API,
    ARM_POLL_INTERVAL_IN_MS: '5',
  });
  const clock = { nowIso: () => emulator.control.sim.nowIso() };
  const compose = (adapters: Partial<Adapters> = {}): App => composeApp(config, { clock, credential: staticCredential, adapters, ...(options.realTime ? { realTime: options.realTime } : {}) });
  const { fleet, source, runs, conductor: parsed } = compose().adapters;

  // The strategy exists in every fleet before history does (an admin applied it; Conductor verifies it on its first tick).
  const sim = emulator.control.sim;
  let activeRuns = 0;
  for (const [i, name] of names.entries()) {
    await fleet.upsertUpdateStrategy(fleetIdOf(i), 'conductor', [
      { name: 's1', groups: [{ name: 'g1' }], beforeGates: [{ displayName: 'conductor:health' }] },
      { name: 's2', groups: [{ name: 'g2' }] },
    ]);
    const state = [...sim.fleets.values()].find((f) => f.name === name);
    if (!state) throw new Error(`no fleet ${name} in the emulator`);
    for (let h = 0; h < options.history; h++) {
      const spec = { properties: { updateStrategyId: `${fleetIdOf(i)}/updateStrategies/conductor`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.32.7' } } } };
      const run = buildRun(sim, state, `old-${h}`, spec, fleetFeatures(API));
      run.status.state = 'Completed';
      run.status.startTime = sim.nowIso();
      run.status.completedTime = sim.nowIso();
      state.runs.set(run.name, run);
    }
    if (i % options.activeEvery === 0) {
      await runs.createUpdateRun(fleetIdOf(i), 'k8s-1-33-4', { strategyName: 'conductor', target: { kind: 'kubernetes', version: '1.33.4' }, nodeImageSelection: 'Latest' });
      await runs.startUpdateRun(fleetIdOf(i), 'k8s-1-33-4');
      activeRuns++;
    }
  }
  return {
    emulator,
    config: parsed,
    fleet,
    source,
    runs,
    compose,
    activeRuns,
    clock,
    armRequestsDuring: async (work) => {
      await control(emulator, 'DELETE', '/_emulator/requests');
      await work();
      return (await control<{ value: LoggedRequest[] }>(emulator, 'GET', '/_emulator/requests?service=arm')).value;
    },
    stop: async () => {
      rmSync(conductorFile, { force: true });
      await emulator.stop();
    },
  };
}
