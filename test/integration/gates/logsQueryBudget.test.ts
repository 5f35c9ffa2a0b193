import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/startEmulator';
import type { App } from '../../../src/composition/composeApp';
import { advanceClock, control, type LoggedRequest } from '../../support/emulatorControl';
import { startStageGateWorld, type StageGateWorld } from '../../support/stageGateWorld';

const SUB = '00000000-0000-0000-0000-0000000000f8';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-budget/providers/Microsoft.ContainerService/fleets/fleet-budget`;

/**
 * Issue 14: the composed app keeps its Log Analytics queries inside the identity's budget (Azure: 200 per 30 s, 5 at
 * once). Here the budget is lowered to 2 queries per 30 s and the gate has 3 checks, with the emulator's clock standing
 * still: the third query would wait 30 s, more than a query may wait, so it is not sent and its check is an Error —
 * the gate is not completed on two checks out of three. Once the window has passed, the next evaluation measures the
 * third check and completes the gate.
 */
describe('a gate whose checks exceed the Log Analytics query budget (issue 14)', () => {
  let world: StageGateWorld;
  let emulator: RunningEmulator;
  let app: App;
  const log = { info: () => undefined, warn: () => undefined };

  beforeAll(async () => {
    world = await startStageGateWorld({
      name: 'budget',
      subscriptionId: SUB,
      groups: ['a'],
      // Log Analytics itself holds the identity to the same lowered budget: a query past it would be answered 429.
      logsLimits: { queriesPer30Seconds: 2 },
      analysis: { initialDelaySeconds: 0, count: 1, ingestionDelayMinutes: 0, intervalSeconds: 60 },
      settings: { LOGS_QUERIES_PER_30_SECONDS: '2' },
    });
    ({ emulator, app } = world);
  });
  afterAll(() => world.stop());

  const logged = async (): Promise<LoggedRequest[]> => (await control<{ value: LoggedRequest[] }>(emulator, 'GET', '/_emulator/requests')).value;

  it('sends 2 queries, does not complete the gate, and completes it once the window has passed', async () => {
    await advanceClock(emulator, 300); // the member finishes: the group's after-gate opens
    const [gate] = await app.adapters.fleet.listGates(FLEET, { state: 'Pending' });
    if (!gate) throw new Error('the after-gate did not open');
    await control(emulator, 'DELETE', '/_emulator/requests');
    const event = { id: `${gate.gateId}-created`, eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateCreated', subject: `${FLEET}/gates/${gate.gateId}`, eventTime: '2026-11-21T08:05:00Z', data: {}, dataVersion: '1' };

    const first = await app.services.handleFleetGateEvent(event, log);
    expect(first.kind === 'reconciled' && first.phase).not.toBe('Approving');
    const requests = await logged();
    expect(requests.filter((r) => r.service === 'logs').map((r) => r.status)).toEqual([200, 200]);
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    const evidence = await app.adapters.evidence.listEvidence({ fleetId: FLEET, runName: 'budget-run', gateId: gate.gateId });
    const evaluations = evidence.flatMap((e) => e.evaluations);
    expect(evaluations.map((e) => e.outcome).sort()).toEqual(['Error', 'Successful', 'Successful']);
    const throttled = evaluations.find((e) => e.outcome === 'Error');
    expect(throttled?.reason).toBe('QueryFailed');
    expect(throttled?.message).toMatch(/Throttled|query budget/);

    await control(emulator, 'DELETE', '/_emulator/requests');
    await advanceClock(emulator, 60); // the window has passed, and the check's next measurement is due
    await app.services.reconcileAllFleets(log);
    const after = await logged();
    expect(after.filter((r) => r.service === 'logs').map((r) => r.status)).toEqual([200]);
    expect(after.filter((r) => r.method === 'PATCH' && r.path.includes('/gates/'))).toHaveLength(1);
  });
});
