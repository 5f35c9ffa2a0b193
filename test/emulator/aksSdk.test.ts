import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, aksClient, armRaw, control, fleetClient, fleetPath, startTestEmulator, SUB, type Json } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

let emu: RunningEmulator;
let aks: ContainerServiceClient;
beforeAll(async () => {
  const scenario = threeStageScenario({ pageSize: 4 });
  const fleet = (scenario.fleets as Json[])[0];
  fleet.members[0].cluster = {
    ...fleet.members[0].cluster,
    autoUpgradeChannel: 'patch',
    nodeOSUpgradeChannel: 'NodeImage',
    maintenanceWindow: { startHourUtc: 1, durationHours: 4 },
    agentPools: [{ name: 'system', count: 3 }, { name: 'user', count: 5, mode: 'User' }],
  };
  emu = await startTestEmulator({ ...scenario, fleets: [fleet] });
  aks = aksClient(emu);
});
afterAll(() => emu.stop());

it('lists managed clusters by subscription across pages (nextLink)', async () => {
  const names: string[] = [];
  for await (const c of aks.managedClusters.list()) names.push(c.name ?? '');
  expect(names).toHaveLength(6);
  expect(new Set(names).size).toBe(6);
  const pages = (await control(emu, 'GET', '/requests?service=arm')).body.value.filter((r: Json) => r.path.endsWith('/managedClusters'));
  expect(pages).toHaveLength(2);
});

it('gets a cluster: version, location, pools with nodeImageVersion, auto-upgrade channel, maintenance configuration', async () => {
  const c = await aks.managedClusters.get('rg-clusters', 'aks-dev-1');
  expect(c).toMatchObject({
    id: `/subscriptions/${SUB}/resourceGroups/rg-clusters/providers/Microsoft.ContainerService/managedClusters/aks-dev-1`,
    location: 'eastus',
    kubernetesVersion: '1.32.7',
    currentKubernetesVersion: '1.32.7',
    provisioningState: 'Succeeded',
    autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
  });
  expect(c.agentPoolProfiles?.map((p) => [p.name, p.count, p.mode, p.nodeImageVersion, p.orchestratorVersion])).toEqual([
    ['system', 3, 'System', 'AKSUbuntu-2204gen2containerd-202611.01.0', '1.32.7'],
    ['user', 5, 'User', 'AKSUbuntu-2204gen2containerd-202611.01.0', '1.32.7'],
  ]);
  const configs = [];
  for await (const m of aks.maintenanceConfigurations.listByManagedCluster('rg-clusters', 'aks-dev-1')) configs.push(m);
  expect(configs.map((m) => [m.name, m.maintenanceWindow?.startTime, m.maintenanceWindow?.durationHours])).toEqual([['aksManagedAutoUpgradeSchedule', '01:00', 4]]);
  await expect(aks.managedClusters.get('rg-clusters', 'nope')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
});

it('lists Kubernetes versions per location and agent-pool upgrade profiles, which follow releases', async () => {
  const eastus = await aks.managedClusters.listKubernetesVersions('eastus');
  expect(eastus.values?.map((v) => [v.version, v.isDefault ?? false, Object.keys(v.patchVersions ?? {})])).toEqual([
    ['1.32', true, ['1.32.7']],
    ['1.33', false, ['1.33.2', '1.33.4']],
  ]);
  expect(eastus.values?.[0]?.patchVersions?.['1.32.7']?.upgrades).toEqual(['1.33.2', '1.33.4']);
  const apac = await aks.managedClusters.listKubernetesVersions('australiaeast');
  expect(Object.keys(apac.values?.[1]?.patchVersions ?? {})).toEqual(['1.33.2']);
  await control(emu, 'POST', '/releases', { version: '1.33.4', regions: ['australiaeast'] });
  const after = await aks.managedClusters.listKubernetesVersions('australiaeast');
  expect(Object.keys(after.values?.[1]?.patchVersions ?? {})).toEqual(['1.33.2', '1.33.4']);

  const profile = await aks.agentPools.getUpgradeProfile('rg-clusters', 'aks-dev-1', 'user');
  expect(profile).toMatchObject({ name: 'default', kubernetesVersion: '1.32.7', osType: 'Linux', latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' });
  expect(profile.upgrades?.map((u) => u.kubernetesVersion)).toEqual(['1.33.2', '1.33.4']);
  await control(emu, 'POST', '/nodeimages', { version: '202611.14.0', regions: ['eastus'] });
  expect((await aks.agentPools.getUpgradeProfile('rg-clusters', 'aks-dev-1', 'user')).latestNodeImageVersion).toBe('AKSUbuntu-2204gen2containerd-202611.14.0');
});

it('lists node image versions per location with the preview api-version (through the pipeline)', async () => {
  const fleet = fleetClient(emu);
  const res = await armRaw(fleet, emu, 'GET', `/subscriptions/${SUB}/providers/Microsoft.ContainerService/locations/westeurope/nodeImageVersions?api-version=2026-08-02-preview`);
  expect(res.status).toBe(200);
  expect(res.body.value).toContainEqual({ fullName: 'AKSUbuntu-2204gen2containerd-202611.01.0', os: 'AKSUbuntu', sku: '2204gen2containerd', version: '202611.01.0' });
  const stable = await armRaw(fleet, emu, 'GET', `/subscriptions/${SUB}/providers/Microsoft.ContainerService/locations/westeurope/nodeImageVersions?api-version=2026-04-01`);
  expect(stable.body.error.code).toBe('NoRegisteredProviderFound');
});

it('waits for the maintenance window, shows the cluster Upgrading while in flight, then the new version', async () => {
  const fleet = fleetClient(emu);
  const base = fleetPath('rg1', 'fleet-1');
  await armRaw(fleet, emu, 'PUT', `${base}/updateRuns/r?api-version=2026-03-02-preview`, {
    properties: { strategy: { stages: [{ name: 's', groups: [{ name: 'dev' }] }] }, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' } } },
  });
  await fleet.updateRuns.start('rg1', 'fleet-1', 'r');
  // 08:00 UTC: the 01:00-05:00 window is closed, so Fleet parks the member as Pending until it opens.
  const member = async () => (await armRaw(fleet, emu, 'GET', `${base}/updateRuns/r?api-version=2026-03-02-preview`)).body.properties.status.stages[0].groups[0].members[0];
  expect((await member()).status.state).toBe('Pending');
  expect((await member()).message).toBe('set member: dev-1 to Pending because the maintenance window (aksManagedAutoUpgradeSchedule) is closed; the next window opens at 2026-11-22T01:00:00.000Z.');
  expect((await aks.managedClusters.get('rg-clusters', 'aks-dev-1')).provisioningState).toBe('Succeeded');
  await advance(emu, 17 * 3600);
  // startTime stays at the first attempt (when it went Pending), as in Fleet's Pending examples.
  expect((await member()).status).toEqual({ state: 'Running', startTime: '2026-11-21T08:00:00.000Z' });
  let c = await aks.managedClusters.get('rg-clusters', 'aks-dev-1');
  expect([c.provisioningState, c.kubernetesVersion, c.currentKubernetesVersion]).toEqual(['Upgrading', '1.33.2', '1.32.7']);
  await advance(emu, 600);
  c = await aks.managedClusters.get('rg-clusters', 'aks-dev-1');
  expect([c.provisioningState, c.kubernetesVersion, c.currentKubernetesVersion, c.agentPoolProfiles?.[0]?.nodeImageVersion]).toEqual(['Succeeded', '1.33.2', '1.33.2', 'AKSUbuntu-2204gen2containerd-202611.14.0']);
});
