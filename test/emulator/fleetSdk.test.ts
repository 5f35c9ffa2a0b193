import type { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, armRaw, control, fleetClient, fleetPath, startTestEmulator, SUB, type Json } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

const RG = 'rg1';
const FLEET = 'fleet-1';
const BASE = fleetPath(RG, FLEET);
const LRO = { updateIntervalInMs: 1 };

let emu: RunningEmulator;
let client: ContainerServiceFleetClient;
beforeAll(async () => {
  emu = await startTestEmulator(threeStageScenario());
  client = fleetClient(emu);
});
afterAll(() => emu.stop());

async function collect<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iter) out.push(x);
  return out;
}

/** Every Fleet operation through the typed 2.0.0 client, once per LRO style (sync 200/201, then async polling). */
describe.each(['sync', 'async'] as const)('Fleet SDK (%s LRO)', (style) => {
  beforeAll(async () => {
    expect((await control(emu, 'POST', '/lro', { style })).status).toBe(200);
  });
  const suffix = style === 'sync' ? 's' : 'a';
  // Each style upgrades different members: clusters keep the versions the first pass gave them.
  const [group, member] = style === 'sync' ? ['dev', 'dev-1'] : ['canary', 'canary-1'];
  const [gatedGroup] = style === 'sync' ? ['prod-us'] : ['prod-eu'];

  it('gets and lists fleets', async () => {
    const fleet = await client.fleets.get(RG, FLEET);
    expect(fleet).toMatchObject({ id: BASE, name: FLEET, type: 'Microsoft.ContainerService/fleets', location: 'eastus', properties: { provisioningState: 'Succeeded' } });
    expect((await collect(client.fleets.listBySubscription())).map((f) => f.name)).toEqual([FLEET]);
    expect((await collect(client.fleets.listByResourceGroup(RG))).map((f) => f.name)).toEqual([FLEET]);
  });

  it('creates, updates, gets, lists and deletes members', async () => {
    const name = `extra-${suffix}`;
    const clusterResourceId = `/subscriptions/${SUB}/resourceGroups/rg-x/providers/Microsoft.ContainerService/managedClusters/aks-extra`;
    const created = await client.fleetMembers.create(RG, FLEET, name, { properties: { clusterResourceId, group: 'dev' } }, LRO);
    expect(created).toMatchObject({ name, type: 'Microsoft.ContainerService/fleets/members', properties: { clusterResourceId, group: 'dev', provisioningState: 'Succeeded' } });
    const updated = await client.fleetMembers.updateAsync(RG, FLEET, name, { properties: { group: 'canary' } }, LRO);
    expect(updated.properties?.group).toBe('canary');
    expect((await client.fleetMembers.get(RG, FLEET, name)).properties?.group).toBe('canary');
    expect((await collect(client.fleetMembers.listByFleet(RG, FLEET))).map((m) => m.name)).toContain(name);
    // Labels are preview-only: the 2.0.0 serializer drops them, so set them through the pipeline.
    const labelled = await armRaw(client, emu, 'PATCH', `${BASE}/members/${name}?api-version=2025-04-01-preview`, { properties: { labels: { ring: 'x' } } });
    expect(labelled.status).toBe(style === 'sync' ? 200 : 202);
    const raw = await armRaw(client, emu, 'GET', `${BASE}/members/${name}?api-version=2025-04-01-preview`);
    expect(raw.body.properties).toMatchObject({ group: 'canary', labels: { ring: 'x' } });
    expect((await armRaw(client, emu, 'GET', `${BASE}/members/${name}?api-version=2025-03-01`)).body.properties.labels).toBeUndefined();
    await client.fleetMembers.delete(RG, FLEET, name, LRO);
    await expect(client.fleetMembers.get(RG, FLEET, name)).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('CRUDs update strategies, with gates through the preview api-version', async () => {
    const name = `strategy-${suffix}`;
    const created = await client.fleetUpdateStrategies.createOrUpdate(RG, FLEET, name, { properties: { strategy: { stages: [{ name: 's1', groups: [{ name: 'dev' }], afterStageWaitInSeconds: 60 }] } } }, LRO);
    expect(created.properties?.strategy.stages).toEqual([{ name: 's1', groups: [{ name: 'dev' }], afterStageWaitInSeconds: 60 }]);
    const gated = {
      properties: {
        strategy: {
          stages: [{ name: 's1', groups: [{ name: 'dev', beforeGates: [{ type: 'Approval', displayName: 'g-before' }] }], afterGates: [{ type: 'Approval', displayName: 'conductor:p1' }] }],
        },
      },
    };
    const put = await armRaw(client, emu, 'PUT', `${BASE}/updateStrategies/${name}?api-version=2025-04-01-preview`, gated);
    expect(put.status).toBe(200);
    const got = await armRaw(client, emu, 'GET', `${BASE}/updateStrategies/${name}?api-version=2025-04-01-preview`);
    expect(got.body.properties.strategy).toEqual(gated.properties.strategy);
    expect((await client.fleetUpdateStrategies.get(RG, FLEET, name)).properties?.strategy.stages[0]).toEqual({ name: 's1', groups: [{ name: 'dev' }] });
    expect((await collect(client.fleetUpdateStrategies.listByFleet(RG, FLEET))).map((s) => s.name)).toContain(name);
    await client.fleetUpdateStrategies.delete(RG, FLEET, name, LRO);
    await expect(client.fleetUpdateStrategies.get(RG, FLEET, name)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('runs the update-run lifecycle: create (inline / snapshot / neither), get, list, start, skip, stop, delete', async () => {
    const mcu = { upgrade: { type: 'Full' as const, kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' as const } };
    const inline = await client.updateRuns.createOrUpdate(RG, FLEET, `inline-${suffix}`, { properties: { strategy: { stages: [{ name: 'a', groups: [{ name: group }] }] }, managedClusterUpdate: mcu } }, LRO);
    expect(inline.properties?.status?.stages?.[0]?.groups?.[0]?.members?.map((m) => m.name)).toEqual([member]);
    // Snapshot: editing the strategy afterwards does not change the run.
    await client.fleetUpdateStrategies.createOrUpdate(RG, FLEET, `snap-${suffix}`, { properties: { strategy: { stages: [{ name: 'x', groups: [{ name: 'prod-eu' }] }] } } }, LRO);
    const snapped = await client.updateRuns.createOrUpdate(RG, FLEET, `snap-${suffix}`, { properties: { updateStrategyId: `${BASE}/updateStrategies/snap-${suffix}`, managedClusterUpdate: mcu } }, LRO);
    await client.fleetUpdateStrategies.createOrUpdate(RG, FLEET, `snap-${suffix}`, { properties: { strategy: { stages: [{ name: 'y', groups: [{ name: 'dev' }] }] } } }, LRO);
    expect((await client.updateRuns.get(RG, FLEET, `snap-${suffix}`)).properties?.strategy?.stages.map((s) => s.name)).toEqual(['x']);
    expect(snapped.properties?.updateStrategyId).toBe(`${BASE}/updateStrategies/snap-${suffix}`);
    const neither = await client.updateRuns.createOrUpdate(RG, FLEET, `all-${suffix}`, { properties: { managedClusterUpdate: mcu } }, LRO);
    expect(neither.properties?.status?.stages?.[0]?.groups?.[0]?.members).toHaveLength(6);

    const started = await client.updateRuns.start(RG, FLEET, `inline-${suffix}`, LRO);
    expect(started.properties?.status?.status?.state).toBe('Running');
    const skipped = await client.updateRuns.skip(RG, FLEET, `snap-${suffix}`, { targets: [{ type: 'Group', name: 'prod-eu' }] }, LRO);
    expect(skipped.properties?.status?.stages?.[0]?.groups?.[0]?.status?.state).toBe('Skipped');
    const stopped = await client.updateRuns.stop(RG, FLEET, `inline-${suffix}`, LRO);
    expect(stopped.properties?.status?.status?.state).toBe('Stopping');
    await advance(emu, 600);
    expect((await client.updateRuns.get(RG, FLEET, `inline-${suffix}`)).properties?.status?.status?.state).toBe('Stopped');
    expect((await collect(client.updateRuns.listByFleet(RG, FLEET))).map((r) => r.name)).toEqual(expect.arrayContaining([`inline-${suffix}`, `snap-${suffix}`, `all-${suffix}`]));
    for (const name of [`inline-${suffix}`, `snap-${suffix}`, `all-${suffix}`]) await client.updateRuns.delete(RG, FLEET, name, LRO);
    await expect(client.updateRuns.get(RG, FLEET, `all-${suffix}`)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('CRUDs auto-upgrade profiles and generates a deterministic, idempotent run', async () => {
    const name = `aup-${suffix}`;
    const profile = await client.autoUpgradeProfiles.createOrUpdate(RG, FLEET, name, { properties: { channel: 'Rapid', nodeImageSelection: { type: 'Latest' } } }, LRO);
    expect(profile.properties).toMatchObject({ channel: 'Rapid', provisioningState: 'Succeeded' });
    expect((await client.autoUpgradeProfiles.get(RG, FLEET, name)).properties?.channel).toBe('Rapid');
    expect((await collect(client.autoUpgradeProfiles.listByFleet(RG, FLEET))).map((p) => p.name)).toContain(name);
    const first = await client.autoUpgradeProfileOperations.generateUpdateRun(RG, FLEET, name, LRO);
    expect(first.id).toBe(`${BASE}/updateRuns/${name}-1-33-4`);
    const run = await client.updateRuns.get(RG, FLEET, `${name}-1-33-4`);
    expect(run.properties).toMatchObject({ autoUpgradeProfileId: `${BASE}/autoUpgradeProfiles/${name}`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.4' } }, status: { status: { state: 'NotStarted' } } });
    const second = await client.autoUpgradeProfileOperations.generateUpdateRun(RG, FLEET, name, LRO);
    expect(second.id).toBe(first.id);
    expect((await client.updateRuns.get(RG, FLEET, `${name}-1-33-4`)).eTag).toBe(run.eTag);
    expect((await client.autoUpgradeProfiles.get(RG, FLEET, name)).properties?.autoUpgradeProfileStatus).toMatchObject({ lastTriggerStatus: 'Succeeded', lastTriggerUpgradeVersions: ['1.33.4'] });
    await client.updateRuns.delete(RG, FLEET, `${name}-1-33-4`, LRO);
    await client.autoUpgradeProfiles.delete(RG, FLEET, name, LRO);
    await expect(client.autoUpgradeProfiles.get(RG, FLEET, name)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('gets, lists (with $filter) and approves gates through the client pipeline', async () => {
    const run = `gated-${suffix}`;
    const body = { properties: { strategy: { stages: [{ name: 'a', groups: [{ name: gatedGroup }], beforeGates: [{ type: 'Approval', displayName: 'go?' }] }] }, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.4' } } } };
    expect((await armRaw(client, emu, 'PUT', `${BASE}/updateRuns/${run}?api-version=2026-03-02-preview`, body)).status).toBe(201);
    await client.updateRuns.start(RG, FLEET, run, LRO);
    const pending = await armRaw(client, emu, 'GET', `${BASE}/gates?api-version=2026-03-02-preview&$filter=${encodeURIComponent('state eq Pending')}`);
    const gate = pending.body.value.find((g: Json) => g.properties.target.updateRunProperties.name === run);
    expect(gate.properties).toMatchObject({ displayName: 'go?', state: 'Pending', target: { updateRunProperties: { stage: 'a', timing: 'Before' } } });
    const one = await armRaw(client, emu, 'GET', `${BASE}/gates/${gate.name}?api-version=2025-04-01-preview`);
    expect(one.body).toEqual(gate);
    expect((await armRaw(client, emu, 'GET', `${BASE}/gates/${gate.name}?api-version=2025-03-01`)).body.error.code).toBe('NoRegisteredProviderFound');
    const patched = await armRaw(client, emu, 'PATCH', `${BASE}/gates/${gate.name}?api-version=2026-03-02-preview`, { properties: { state: 'Completed' } }, { 'if-match': gate.eTag });
    expect(patched.status).toBe(style === 'sync' ? 200 : 202);
    const after = await armRaw(client, emu, 'GET', `${BASE}/gates/${gate.name}?api-version=2026-03-02-preview`);
    expect(after.body.properties.state).toBe('Completed');
    expect((await client.updateRuns.get(RG, FLEET, run)).properties?.status?.stages?.[0]?.groups?.[0]?.status?.state).toBe('Running');
    await client.updateRuns.stop(RG, FLEET, run, LRO);
    await advance(emu, 600);
    await client.updateRuns.delete(RG, FLEET, run, LRO);
    expect((await armRaw(client, emu, 'GET', `${BASE}/gates/${gate.name}?api-version=2026-03-02-preview`)).status).toBe(404);
  });
});
