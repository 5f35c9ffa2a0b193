import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorldOnly, type WorldOnly } from '../../../devhost/startWorldOnly';
import { emulatorWorldFile } from '../../../devhost/worldFile';
import { advance, armRaw, control, fleetClient, fleetPath, type Json } from '../../emulator/emulatorTestKit';
import { threeStageScenario } from '../../emulator/scenarioFixtures';

const FLEET = fleetPath('rg1', 'fleet-1');

describe('npm start -- --world-only --data <dir>: the world stopped and started again on the same data', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-world-'));
  let world: WorldOnly | undefined;
  afterEach(async () => {
    await world?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has the same fleets, runs, gates and virtual time', async () => {
    const scenarioFile = path.join(dataDir, 'three-stage.json');
    fs.writeFileSync(scenarioFile, JSON.stringify(threeStageScenario()));
    const start = (): Promise<WorldOnly> => startWorldOnly({ dataDir, scenario: scenarioFile, hostPort: 7999, emulatorPort: 0, speed: 0 });
    world = await start();
    const first = world.azure;
    const client = fleetClient(first);
    const put = await armRaw(client, first, 'PUT', `${FLEET}/updateRuns/run-1?api-version=2026-03-02-preview`, {
      properties: { updateStrategyId: `${FLEET}/updateStrategies/staged`, managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' } } },
    });
    expect(put.status).toBe(201);
    await client.updateRuns.start('rg1', 'fleet-1', 'run-1');
    await advance(first, 1500); // dev upgraded and waited, canary upgraded: its after-stage gate is Pending
    const before = (await control(first, 'GET', '/state')).body;
    expect(before.fleets[0].gates.map((g: Json) => g.state)).toEqual(['Pending']);
    await world.stop();
    world = undefined;
    expect(fs.existsSync(emulatorWorldFile(dataDir))).toBe(true);

    world = await start();
    expect(world.azure.control.continuedFrom).toBeDefined();
    const after = (await control(world.azure, 'GET', '/state')).body;
    expect(after).toEqual(before);
    expect(after.fleets[0].runs[0]).toMatchObject({ name: 'run-1', state: 'Pending' }) // held by its gate;
  });
});
