import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArmRunCreator } from '../../../src/adapters/arm/ArmRunCreator';
import { ArmTransport } from '../../../src/adapters/arm/ArmTransport';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { FLEET, startGateWorld, type GateWorld } from './gateWorld';

/**
 * Issue 14: with production ARM settings (Fleet answering gate PATCH and run start asynchronously, 2 s between LRO
 * polls) no handler waits on a long-running operation: requests are sent, and Fleet's own state confirms them on
 * the next event or tick. "No wait" is counted, not timed: an LRO poll inside an invocation would cost ≥ 2 s, and the
 * emulator logs every poll of its operation URLs.
 */
describe('handlers never block on ARM long-running operations (async LROs, 2 s poll interval)', () => {
  let world: GateWorld;
  const polls = async (): Promise<number> => (await armRequests(world.emulator, '/operation')).length;

  beforeAll(async () => {
    world = await startGateWorld({ lro: 'async', pollIntervalInMs: 2000, analysis: { initialDelaySeconds: 240, count: 1 } });
    await world.services.reconcileAllFleets(world.log); // the strategy, once
  });
  afterAll(() => world.stop());

  it('starts a run with no poll: the start is requested and the run runs', async () => {
    const transport = new ArmTransport(world.sdk.pipeline, world.emulator.url);
    const runs = new ArmRunCreator(() => world.sdk, transport, { previewApiVersion: '2026-03-02-preview', pollIntervalInMs: 2000 });
    await control(world.emulator, 'DELETE', '/_emulator/requests');
    const spec = { strategyName: 'conductor', target: { kind: 'kubernetes', version: '1.33.2' }, nodeImageSelection: 'Latest' } as const;
    expect(await runs.createUpdateRun(FLEET, 'k8s-1-33-2', spec)).toBe('created');
    expect(await runs.startUpdateRun(FLEET, 'k8s-1-33-2')).toBe('started');
    const writes = (await armRequests(world.emulator, '/updateRuns/k8s-1-33-2')).map((r) => [r.method, r.status]);
    expect(writes).toEqual([
      ['PUT', 201],
      ['POST', 202],
    ]);
    expect(await polls()).toBe(0);
    expect((await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-2'))?.state).toBe('Running');
  });

  it('completes the gate without polling: the PATCH is accepted (202), the next tick confirms it, the run goes on', async () => {
    await advanceClock(world.emulator, 5 * 60); // the dev member finishes (4 min); the dev after-stage gate is Pending
    await world.services.reconcileAllFleets(world.log); // observed: it soaks, so that its window holds samples ingested after the upgrade
    await advanceClock(world.emulator, 5 * 60);
    await control(world.emulator, 'DELETE', '/_emulator/requests');
    const started = performance.now();
    await world.services.reconcileAllFleets(world.log); // observe → checks pass → Approving → PATCH Completed
    const firstMs = performance.now() - started;
    const patches = (await armRequests(world.emulator, '/gates/')).filter((r) => r.method === 'PATCH').map((r) => r.status);
    expect(patches).toEqual([202]);
    expect(await polls()).toBe(0);
    const [gate] = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    expect(gate?.phase.name).toBe('Approving');
    expect(gate?.pendingCommand?.action.kind).toBe('completeFleetGate');

    await world.services.reconcileAllFleets(world.log); // Fleet shows the gate Completed: confirmed
    expect(await polls()).toBe(0);
    const [confirmed] = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    expect(confirmed?.phase.name).toBe('Passed');
    expect(confirmed?.pendingCommand).toBeUndefined();
    // The invocation did not sit in a 2 s poll (informative; the poll count above is the assertion that matters).
    expect(firstMs).toBeLessThan(2000);
  });

  it('completes the next gate from gate events alone: each event invocation requests without polling, the next event confirms', async () => {
    const event = (gateId: string, n: number): object => ({
      id: `async-${gateId}-${n}`,
      eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated',
      subject: `${FLEET}/gates/${gateId}`,
      eventTime: '2026-11-21T10:00:00Z',
      data: {},
      dataVersion: '1',
    });
    let pending: string | undefined;
    for (let step = 0; step < 40 && !pending; step++) {
      await advanceClock(world.emulator, 60);
      pending = (await world.fleet.listGates(FLEET, { state: 'Pending' }))[0]?.gateId;
    }
    expect(pending).toBeDefined();
    const gateId = pending as string;
    await control(world.emulator, 'DELETE', '/_emulator/requests');
    const kinds: string[] = [];
    let n = 0;
    // Observed (soaking), then after the soak: checks pass → PATCH accepted (202) → the next event confirms.
    kinds.push((await world.services.handleFleetGateEvent(event(gateId, n++), world.log)).kind);
    await advanceClock(world.emulator, 5 * 60);
    for (let i = 0; i < 4; i++) {
      const [stored] = (await world.gates.listRunGates(FLEET, 'k8s-1-33-2')).filter((g) => g.gate.gateId === gateId);
      if (stored?.phase.name === 'Passed') break;
      kinds.push((await world.services.handleFleetGateEvent(event(gateId, n++), world.log)).kind);
      await advanceClock(world.emulator, 30);
    }
    const [confirmed] = (await world.gates.listRunGates(FLEET, 'k8s-1-33-2')).filter((g) => g.gate.gateId === gateId);
    expect(confirmed?.phase.name).toBe('Passed');
    expect(confirmed?.pendingCommand).toBeUndefined();
    expect((await armRequests(world.emulator, '/gates/')).filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([202]);
    expect(await polls()).toBe(0);
    expect(kinds.length).toBeGreaterThanOrEqual(3); // at least: observe, request the completion, confirm it
  });
});
