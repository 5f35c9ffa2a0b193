import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { advance, armRaw, control, fleetClient, fleetPath, startTestEmulator, SUB, type Json } from './emulatorTestKit';

const DEMO = fleetPath('rg-fleet-demo', 'fleet-demo');

describe('Fleet api-version lifecycle (docs/azure-apis.md §7)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator('demo');
  });
  afterAll(() => emu.stop());

  it.each(['2026-05-01-preview', '2026-06-01', '2026-06-02-preview'])('serves gates, strategies and runs with %s', async (version) => {
    const client = fleetClient(emu);
    for (const path of ['gates', 'updateStrategies', 'updateRuns']) {
      const res = await armRaw(client, emu, 'GET', `${DEMO}/${path}?api-version=${version}`);
      expect(res.status, path).toBe(200);
    }
    const strategies = await armRaw(client, emu, 'GET', `${DEMO}/updateStrategies?api-version=${version}`);
    expect(JSON.stringify(strategies.body)).toContain('"afterGates":[{"type":"Approval","displayName":"conductor:canary-health"}]');
    const stable = await armRaw(client, emu, 'GET', `${DEMO}/updateStrategies?api-version=2025-03-01`);
    expect(JSON.stringify(stable.body)).not.toContain('afterGates');
  });

  it('answers an unknown or retired api-version with ARM\'s 400 NoRegisteredProviderFound naming the supported ones', async () => {
    const client = fleetClient(emu);
    const unknown = await armRaw(client, emu, 'GET', `${DEMO}/gates?api-version=2024-01-01-preview`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('NoRegisteredProviderFound');
    await control(emu, 'POST', '/api-versions', { retired: ['2026-03-02-preview'] });
    try {
      const retired = await armRaw(client, emu, 'GET', `${DEMO}/gates?api-version=2026-03-02-preview`);
      expect(retired.status).toBe(400);
      expect(retired.body.error).toMatchObject({ code: 'NoRegisteredProviderFound', message: expect.stringContaining("API version '2026-03-02-preview' for type 'fleets/gates'") });
      expect(retired.body.error.message).not.toContain("'2026-03-02-preview,");
      expect((await armRaw(client, emu, 'GET', `${DEMO}/gates?api-version=2026-06-01`)).status).toBe(200);
    } finally {
      await control(emu, 'POST', '/api-versions', { retired: [] });
    }
    expect((await control(emu, 'POST', '/api-versions', { retired: ['soon'] })).status).toBe(400);
  });

  it('generateUpdateRun answers 204 from 2026-06-02-preview when there is nothing to generate, 400 before', async () => {
    const client = fleetClient(emu);
    // stable-auto targets 1.32.7, which every member already runs.
    const generate = (v: string): Promise<{ status: number; body: Json }> => armRaw(client, emu, 'POST', `${DEMO}/autoUpgradeProfiles/stable-auto/generateUpdateRun?api-version=${v}`);
    const none = await generate('2026-06-02-preview');
    expect(none.status).toBe(204);
    expect(none.body).toBeUndefined();
    expect((await armRaw(client, emu, 'GET', `${DEMO}/updateRuns/stable-auto-1-32-7?api-version=2026-06-01`)).status).toBe(404);
    // Older api-versions generate the (no-op) run as before.
    const older = await generate('2026-06-01');
    expect(older.status).toBe(200);
    expect(older.body.id).toMatch(/\/updateRuns\/stable-auto-1-32-7$/);
  });
});

const members = ['a', 'b'].flatMap((group) =>
  [1, 2, 3].map((i) => ({ name: `${group}-${i}`, group, cluster: { name: `aks-${group}-${i}`, resourceGroup: 'rg-aks', location: 'eastus' } })),
);

describe('maxConcurrency as Fleet applies it', () => {
  let emu: RunningEmulator;
  const base = fleetPath('rg-mc', 'fleet-mc');
  beforeAll(async () => {
    emu = await startTestEmulator({
      name: 'max-concurrency',
      subscriptionId: SUB,
      speed: 0,
      defaults: { upgradeMinutes: 10, nodeCount: 1, kubernetesVersion: '1.32.7', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' },
      regions: { eastus: { kubernetesVersions: ['1.32.7', '1.33.4'], nodeImage: '202611.01.0' } },
      fleets: [{ name: 'fleet-mc', resourceGroup: 'rg-mc', location: 'eastus', members }],
    });
  });
  afterAll(() => emu.stop());

  const putStrategy = (name: string, stage: Json): Promise<{ status: number; body: Json }> =>
    armRaw(fleetClient(emu), emu, 'PUT', `${base}/updateStrategies/${name}?api-version=2026-06-01`, { properties: { strategy: { stages: [stage] } } });

  it('refuses values beyond Fleet\'s limits: stage above 50, group above its stage', async () => {
    expect((await putStrategy('too-wide', { name: 's', maxConcurrency: '51', groups: [{ name: 'a' }] })).body.error?.code).toBe('InvalidRequestContent');
    expect((await putStrategy('group-over', { name: 's', maxConcurrency: '2', groups: [{ name: 'a', maxConcurrency: '3' }] })).body.error?.code).toBe('InvalidRequestContent');
    expect((await putStrategy('pct-over', { name: 's', maxConcurrency: '20%', groups: [{ name: 'a', maxConcurrency: '50%' }] })).status).toBe(400);
    expect((await putStrategy('fine', { name: 's', maxConcurrency: '2', groups: [{ name: 'a', maxConcurrency: '2' }] })).status).toBe(201);
  });

  it('caps clusters upgrading at once across all groups of a stage, not groups', async () => {
    const client = fleetClient(emu);
    const created = await putStrategy('two-at-once', { name: 's', maxConcurrency: '2', groups: [{ name: 'a', maxConcurrency: '2' }, { name: 'b', maxConcurrency: '2' }] });
    expect(created.status).toBe(201);
    const run = await armRaw(client, emu, 'PUT', `${base}/updateRuns/mc-1?api-version=2026-06-01`, {
      properties: { updateStrategyId: `${base}/updateStrategies/two-at-once`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.4' } } },
    });
    expect(run.status).toBe(201);
    expect(run.body.properties.status.stages[0].maxConcurrency).toBe(2);
    await client.updateRuns.start('rg-mc', 'fleet-mc', 'mc-1');
    const running = async (): Promise<number> => {
      const body = (await armRaw(client, emu, 'GET', `${base}/updateRuns/mc-1?api-version=2026-06-01`)).body;
      return body.properties.status.stages[0].groups.flatMap((g: Json) => g.members).filter((m: Json) => m.status.state === 'Running').length;
    };
    // Two groups each allowing 2 would run 4 under a per-group reading; Fleet runs 2 clusters in the stage.
    expect(await running()).toBe(2);
    await advance(emu, 10 * 60);
    expect(await running()).toBe(2);
    await advance(emu, 2 * 10 * 60);
    const done = (await armRaw(client, emu, 'GET', `${base}/updateRuns/mc-1?api-version=2026-06-01`)).body;
    expect(done.properties.status.status.state).toBe('Completed');
  });
});
