import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, armRaw, control, fleetClient, fleetPath, startTestEmulator } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

const WS = '11111111-2222-4333-8444-555555555555';
const T0 = Date.parse('2026-11-21T08:00:00Z');
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(
    threeStageScenario({
      healthRules: [
        { cluster: 'aks-dev-1', afterUpgradeTo: '1.33.2', delaySeconds: 120, set: { notReadyNodes: 3 } },
        { cluster: 'aks-prod-eu-1', atSeconds: 60, set: { metricsFlowing: false } },
      ],
    }),
  );
});
afterAll(() => emu.stop());

it('records append-only segments per cluster: version, image, upgrading intervals and health (rules and control API)', async () => {
  const telemetry = emu.control.telemetry;
  expect(telemetry.clustersForWorkspace(WS).map((c) => c.name)).toHaveLength(6);
  expect(telemetry.clustersForWorkspace('00000000-0000-0000-0000-00000000ffff')).toEqual([]);
  const client = fleetClient(emu);
  const base = fleetPath('rg1', 'fleet-1');
  await armRaw(client, emu, 'PUT', `${base}/updateRuns/t?api-version=2026-03-02-preview`, {
    properties: { strategy: { stages: [{ name: 's', groups: [{ name: 'dev' }] }] }, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' } } },
  });
  await advance(emu, 60);
  await client.updateRuns.start('rg1', 'fleet-1', 't');
  await advance(emu, 900);
  await control(emu, 'POST', '/clusters/aks-dev-1/health', { failedPods: 4 });
  const dev = telemetry.clustersForWorkspace(WS).find((c) => c.name === 'aks-dev-1');
  expect(dev).toMatchObject({ location: 'eastus', nodeCount: 3, pvcCount: 0, workloads: [] });
  const healthy = { notReadyNodes: 0, failedPods: 0, pendingPvcs: 0, metricsFlowing: true, restarts: 0 };
  const image = 'AKSUbuntu-2204gen2containerd-202611.01.0';
  expect(telemetry.segments(dev?.resourceId ?? '')).toEqual([
    { fromMs: T0, kubernetesVersion: '1.32.7', nodeImageVersion: image, upgrading: false, health: healthy },
    { fromMs: T0 + 60_000, kubernetesVersion: '1.32.7', nodeImageVersion: image, upgrading: true, health: healthy },
    { fromMs: T0 + 660_000, kubernetesVersion: '1.33.2', nodeImageVersion: image, upgrading: false, health: healthy },
    { fromMs: T0 + 780_000, kubernetesVersion: '1.33.2', nodeImageVersion: image, upgrading: false, health: { ...healthy, notReadyNodes: 3 } },
    { fromMs: T0 + 960_000, kubernetesVersion: '1.33.2', nodeImageVersion: image, upgrading: false, health: { ...healthy, notReadyNodes: 3, failedPods: 4 } },
  ]);
  const eu = telemetry.clustersForWorkspace(WS).find((c) => c.name === 'aks-prod-eu-1');
  expect(telemetry.segments(eu?.resourceId ?? '').map((s) => [s.fromMs - T0, s.health.metricsFlowing])).toEqual([[0, true], [60_000, false]]);
  expect(telemetry.nowMs()).toBe(T0 + 960_000);
});
