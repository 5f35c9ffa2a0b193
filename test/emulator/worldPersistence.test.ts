import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/startEmulator';
import { tempCaFile } from '../support/tempCaFile';
import { advance, armRaw, control, fleetClient, fleetPath, type Json } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

const PREVIEW = '2026-03-02-preview';
const FLEET = fleetPath('rg1', 'fleet-1');

const dirs: string[] = [];
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const emu of running.splice(0)) await emu.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-world-'));
  dirs.push(dir);
  return dir;
}

async function start(worldFile: string, scenario: object = threeStageScenario()): Promise<RunningEmulator> {
  const emu = await startEmulator({ scenario, port: 0, speed: 0, caFile: tempCaFile(), worldFile });
  running.push(emu);
  return emu;
}

async function stop(emu: RunningEmulator): Promise<void> {
  running.splice(running.indexOf(emu), 1);
  await emu.stop();
}

const raw = (emu: RunningEmulator, method: 'GET' | 'PUT' | 'PATCH' | 'POST', p: string, body?: unknown) =>
  armRaw(fleetClient(emu), emu, method, `${FLEET}${p}${p.includes('?') ? '&' : '?'}api-version=${PREVIEW}`, body);

/** What a restarted emulator must show as it was: the world view, the run, the gates, the clock. */
async function world(emu: RunningEmulator): Promise<Json> {
  return {
    state: (await control(emu, 'GET', '/state')).body,
    run: (await raw(emu, 'GET', '/updateRuns/run-1')).body,
    parked: (await raw(emu, 'GET', '/updateRuns/run-2')).body,
    strategies: (await raw(emu, 'GET', '/updateStrategies')).body,
    gates: (await raw(emu, 'GET', '/gates')).body,
  };
}

/** A run parked at its canary gate, and a second run created but never started. */
async function runToCanaryGate(emu: RunningEmulator): Promise<string> {
  const full = { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } };
  expect((await raw(emu, 'PUT', '/updateRuns/run-1', { properties: { updateStrategyId: `${FLEET}/updateStrategies/staged`, managedClusterUpdate: full } })).status).toBe(201);
  expect((await raw(emu, 'PUT', '/updateRuns/run-2', { properties: { updateStrategyId: `${FLEET}/updateStrategies/staged`, managedClusterUpdate: full } })).status).toBe(201);
  await fleetClient(emu).updateRuns.start('rg1', 'fleet-1', 'run-1');
  await advance(emu, 600);
  await advance(emu, 300);
  await advance(emu, 600);
  const gates = (await raw(emu, 'GET', '/gates')).body.value as Json[];
  expect(gates.map((g) => g.properties.state)).toEqual(['Pending']);
  return (gates[0].name as string) ?? '';
}

describe('emulator world on disk (startEmulator worldFile, npm start -- --data)', () => {
  it('a stopped emulator started again on the same file has the same fleets, runs, gates and clock, and goes on from there', async () => {
    const file = path.join(dataDir(), 'emulator-world.json');
    const first = await start(file);
    const gate = await runToCanaryGate(first);
    const before = await world(first);
    const requestsBefore = (await control(first, 'GET', '/requests?service=arm')).body.value as Json[];
    const eventsBefore = (await control(first, 'GET', '/eventgrid/events')).body.value as Json[];
    expect(eventsBefore.length).toBeGreaterThan(0);
    await stop(first);

    const second = await start(file);
    expect(await world(second)).toEqual(before);
    expect(before.state.clock.now).toBe('2026-11-21T08:25:00.000Z');
    // The request log goes on: what the first start served is still counted, sequence numbers continue.
    const requestsAfter = (await control(second, 'GET', '/requests?service=arm')).body.value as Json[];
    expect(requestsAfter.slice(0, requestsBefore.length)).toEqual(requestsBefore);
    expect(requestsAfter.length).toBe(requestsBefore.length + 4); // the four ARM GETs world() made
    // Nothing the scenario emits at its start is emitted again by a continued world.
    expect((await control(second, 'GET', '/eventgrid/events')).body.value).toEqual([]);

    // The continued world is alive: the gate completes, prod upgrades, the run completes; the parked run stays parked.
    expect((await raw(second, 'PATCH', `/gates/${gate}`, { properties: { state: 'Completed' } })).status).toBe(200);
    await advance(second, 600); // the canary stage's after-stage wait ends, prod starts
    await advance(second, 600);
    expect((await raw(second, 'GET', '/updateRuns/run-1')).body.properties.status.status.state).toBe('Completed');
    expect((await raw(second, 'GET', '/updateRuns/run-2')).body.properties.status.status.state).toBe('NotStarted');
    const upgraded = ((await control(second, 'GET', '/state')).body.clusters as Json[]).filter((c) => c.kubernetesVersion === '1.33.2').length;
    expect(upgraded).toBe(5);
  });

  it('the file saved while running is enough (a killed emulator): a second emulator continues from it', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'emulator-world.json');
    const first = await start(file);
    await runToCanaryGate(first);
    // The periodic save, run now; the first emulator is never stopped (as if killed), its file copied as it is.
    first.control.save();
    const copy = path.join(dir, 'copy.json');
    fs.copyFileSync(file, copy);
    const before = await world(first);
    const second = await start(copy);
    expect(await world(second)).toEqual(before);
  });

  it('a fresh file starts from the scenario; another scenario\'s world or a damaged file stops the start with a clear error', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'emulator-world.json');
    const first = await start(file);
    expect((await control(first, 'GET', '/state')).body.clock.now).toBe('2026-11-21T08:00:00.000Z');
    await stop(first);
    expect(fs.existsSync(file)).toBe(true);
    await expect(start(file, { ...threeStageScenario(), name: 'another' })).rejects.toThrow(/holds a world of scenario 'three-stage', not 'another'/);
    fs.writeFileSync(file, '{"format":"fleet-conductor-emulator-world/1","scenario":');
    await expect(start(file)).rejects.toThrow(/is not a saved emulator world/);
  });
});
