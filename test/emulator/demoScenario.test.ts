import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, armRaw, control, fleetClient, fleetPath, startTestEmulator, type Json } from './emulatorTestKit';

const BASE = fleetPath('rg-fleet-demo', 'fleet-demo');
const V = 'api-version=2026-03-02-preview';
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator('demo');
});
afterAll(() => emu.stop());

const memberStates = (run: Json): Record<string, string> =>
  Object.fromEntries(run.properties.status.stages.flatMap((s: Json) => s.groups.flatMap((g: Json) => g.members.map((m: Json) => [m.name, m.status.state]))));

it('plays the demo story: regional release, staged run, canary gate, sick canary, apac waiting for the release', async () => {
  const client = fleetClient(emu);
  await advance(emu, 3600); // 1.33.4 is now in eastus and westeurope, not yet in australiaeast
  const regions = (await control(emu, 'GET', '/state')).body.regions;
  expect(Object.fromEntries(Object.entries(regions).map(([r, v]: [string, Json]) => [r, v.kubernetesVersions.includes('1.33.4')]))).toEqual({ eastus: true, westeurope: true, australiaeast: false });
  const put = await armRaw(client, emu, 'PUT', `${BASE}/updateRuns/k8s-1-33-4?${V}`, {
    properties: { updateStrategyId: `${BASE}/updateStrategies/demo-staged`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.4' } } },
  }, { 'if-none-match': '*' });
  expect(put.status).toBe(201);
  await client.updateRuns.start('rg-fleet-demo', 'fleet-demo', 'k8s-1-33-4');
  await advance(emu, 2 * 12 * 60 + 600 + 12 * 60); // dev pair, 10-minute soak, canary
  const run = (await armRaw(client, emu, 'GET', `${BASE}/updateRuns/k8s-1-33-4?${V}`)).body;
  expect(run.properties.status.status.state).toBe('Pending');
  expect(run.properties.status.stages[1].afterGates[0]).toMatchObject({ displayName: 'conductor:canary-health', status: { state: 'Pending' } });
  await advance(emu, 300);
  const canary = (await control(emu, 'GET', '/state')).body.clusters.find((c: Json) => c.name === 'aks-canary-eastus-1');
  expect(canary).toMatchObject({ kubernetesVersion: '1.33.4', health: { notReadyNodes: 1, failedPods: 2 } });

  const gate = (await armRaw(client, emu, 'GET', `${BASE}/gates?${V}&$filter=${encodeURIComponent('state eq Pending')}`)).body.value[0];
  await armRaw(client, emu, 'PATCH', `${BASE}/gates/${gate.name}?${V}`, { properties: { state: 'Completed' } });
  await advance(emu, 12 * 60);
  const prod = (await armRaw(client, emu, 'GET', `${BASE}/updateRuns/k8s-1-33-4?${V}`)).body;
  expect(memberStates(prod)).toEqual({
    'dev-eastus-1': 'Completed', 'dev-westeurope-1': 'Completed', 'canary-eastus-1': 'Completed',
    'prod-eastus-1': 'Completed', 'prod-westeurope-1': 'Completed', 'prod-australiaeast-1': 'Pending',
  });
  expect(prod.properties.status.status.state).toBe('Pending');
  await advance(emu, 21600); // the release reaches australiaeast
  const done = (await armRaw(client, emu, 'GET', `${BASE}/updateRuns/k8s-1-33-4?${V}`)).body;
  expect(done.properties.status.status.state).toBe('Completed');
  expect(Object.values(memberStates(done))).toEqual(Array(6).fill('Completed'));
});
