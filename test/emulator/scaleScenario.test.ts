import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, armRaw, control, fleetClient, fleetPath, startTestEmulator, type Json } from './emulatorTestKit';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator('scale');
});
afterAll(() => emu.stop());

it('runs the 1,000-member / 50-group scenario to completion in virtual time', async () => {
  const client = fleetClient(emu);
  const base = fleetPath('rg-scale', 'fleet-scale');
  const members: string[] = [];
  for await (const m of client.fleetMembers.listByFleet('rg-scale', 'fleet-scale')) members.push(m.name ?? '');
  expect(members).toHaveLength(1000);
  const created = await armRaw(client, emu, 'PUT', `${base}/updateRuns/scale-1?api-version=2026-03-02-preview`, {
    properties: { updateStrategyId: `${base}/updateStrategies/scale-waves`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.4' } } },
  });
  expect(created.status).toBe(201);
  expect(created.body.properties.status.stages.map((s: Json) => s.groups.length)).toEqual([10, 20, 20]);
  await client.updateRuns.start('rg-scale', 'fleet-scale', 'scale-1');
  // 20 members per group, one at a time, 8 minutes each: a wave takes 160 virtual minutes.
  await advance(emu, 160 * 60);
  const gates = await armRaw(client, emu, 'GET', `${base}/gates?api-version=2026-03-02-preview&$filter=${encodeURIComponent('state eq Pending')}`);
  expect(gates.body.value).toHaveLength(1);
  await armRaw(client, emu, 'PATCH', `${base}/gates/${gates.body.value[0].name}?api-version=2026-03-02-preview`, { properties: { state: 'Completed' } });
  await advance(emu, 2 * 160 * 60);
  const run = await client.updateRuns.get('rg-scale', 'fleet-scale', 'scale-1');
  expect(run.properties?.status?.status?.state).toBe('Completed');
  const states = new Set(run.properties?.status?.stages?.flatMap((s) => s.groups?.flatMap((g) => g.members?.map((m) => m.status?.state)) ?? []));
  expect([...states]).toEqual(['Completed']);
  const state = (await control(emu, 'GET', '/state')).body;
  expect(state.clusters.filter((c: Json) => c.kubernetesVersion === '1.33.4')).toHaveLength(1000);
});
