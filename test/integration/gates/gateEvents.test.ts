import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionHost } from '../../../devhost/FunctionHost';
import type { RegisteredFunction } from '../../../devhost/functionsCoreShim';
import { createFleetGateEventHandler } from '../../../src/functions/onFleetGateEvent';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { FLEET, startGateWorld, startRun, type GateWorld } from './gateWorld';

const FIXTURES = path.resolve(__dirname, '../../fixtures/azure/eventgrid/EventGridSchema');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Fleet gate events delivered by Event Grid to the local host', () => {
  let world: GateWorld;
  let host: FunctionHost;
  let url: string;
  const hostLines: string[] = [];

  beforeAll(async () => {
    // No soak: the event alone carries a gate from Observed to Checking (the timer is the wake-up for soaks and for
    // measuring again when a window held no rows yet).
    world = await startGateWorld({ analysis: { initialDelaySeconds: 0, count: 1, inconclusiveLimit: 10 } });
    const fn: RegisteredFunction = {
      name: 'onFleetGateEvent',
      bindings: { trigger: { type: 'eventGridTrigger', direction: 'in' } },
      handler: createFleetGateEventHandler(() => world.services) as RegisteredFunction['handler'],
    };
    host = new FunctionHost({ functions: [fn], settings: {}, timers: false, log: (l) => hostLines.push(l) });
    url = await host.listen(0);
    await world.services.reconcileAllFleets(world.log); // the strategy, once
    await control(world.emulator, 'POST', '/_emulator/eventgrid/subscriptions', {
      name: 'conductor-gates',
      endpoint: `${url}/runtime/webhooks/eventgrid?functionName=onFleetGateEvent`,
      eventTypes: ['Microsoft.ResourceNotifications.AKSResources.FleetGateCreated', 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated'],
      validate: true,
    });
    await control(world.emulator, 'POST', '/_emulator/eventgrid/options', { duplicate: true });
  });
  afterAll(async () => {
    await host.close();
    await world.stop();
  });

  it('completes each gate from its events (the timer only wakes measurements whose window held no rows yet), once each despite duplicate deliveries, and the run completes', async () => {
    await startRun(world);
    let state = '';
    for (let step = 0; step < 400 && state !== 'Completed' && state !== 'Failed'; step++) {
      await advanceClock(world.emulator, 30);
      await sleep(25); // deliveries and their reconciles run in real time
      // A gate's first window starts when its clusters finished upgrading, so at FleetGateCreated it holds no rows
      // yet (they arrive 20 s - 3 min later): the reconcile timer is the wake-up that measures again.
      if (step % 4 === 3) await world.services.reconcileAllFleets(world.log);
      state = (await world.fleet.getUpdateRun(FLEET, 'k8s-1-33-2'))?.state ?? '';
    }
    expect(state).toBe('Completed');
    const patches = (await armRequests(world.emulator, '/gates/')).filter((r) => r.method === 'PATCH' && r.status < 300);
    expect(patches).toHaveLength(2);
    const stored = await world.gates.listRunGates(FLEET, 'k8s-1-33-2');
    expect(stored.map((g) => g.phase.name).sort()).toEqual(['Passed', 'Passed']);
    expect(hostLines.filter((l) => l.startsWith("Executing 'Functions.onFleetGateEvent'")).length).toBeGreaterThanOrEqual(4);
  });

  it.each(fs.readdirSync(FIXTURES).filter((f) => f.includes('FleetGate')))(
    'accepts the published sample %s without changing any state',
    async (file) => {
      const before = await world.gates.listOpenGateIds(FLEET);
      const res = await fetch(`${url}/runtime/webhooks/eventgrid?functionName=onFleetGateEvent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
        body: fs.readFileSync(path.join(FIXTURES, file), 'utf8'),
      });
      expect(res.status).toBe(200);
      expect(await world.gates.listOpenGateIds(FLEET)).toEqual(before);
    },
  );

  it.each([
    { name: 'a malformed gate event', reason: 'no valid gate resource id in the event ("nonsense")', body: [{ id: 'x', eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateCreated', subject: 'nonsense', data: {}, eventTime: '2026-11-21T00:00:00Z', dataVersion: '1' }] },
    { name: 'a foreign event type', reason: 'event type Contoso.Something is not a Fleet gate event', body: [{ id: 'y', eventType: 'Contoso.Something', subject: 's', data: {}, eventTime: '2026-11-21T00:00:00Z', dataVersion: '1' }] },
  ])('answers $name with 200, logs why, and changes no state', async ({ body, reason }) => {
    const before = await world.gates.listOpenGateIds(FLEET);
    const res = await fetch(`${url}/runtime/webhooks/eventgrid?functionName=onFleetGateEvent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(hostLines.some((l) => l.includes(`Ignored event: ${reason}`))).toBe(true);
    expect(await world.gates.listOpenGateIds(FLEET)).toEqual(before);
  });
});
