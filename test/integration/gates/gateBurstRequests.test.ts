import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { RunningEmulator } from '../../../emulator/startEmulator';
import { TableAuditLog } from '../../../src/adapters/tables/TableAuditLog';
import { TableEvidenceStore } from '../../../src/adapters/tables/TableEvidenceStore';
import { TableGateStore } from '../../../src/adapters/tables/TableGateStore';
import { TableOutbox } from '../../../src/adapters/tables/TableOutbox';
import type { App } from '../../../src/composition/composeApp';
import { countingTables, type CountingTables } from '../../support/countingTables';
import { uniquePrefix } from '../../support/emulatorApp';
import { advanceClock, control, type LoggedRequest } from '../../support/emulatorControl';
import { startStageGateWorld, type StageGateWorld } from '../../support/stageGateWorld';

const SUB = '00000000-0000-0000-0000-0000000000f7';
const WS = '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg-burst/providers/Microsoft.ContainerService/fleets/fleet-burst`;
const GROUPS = 4;
const group = (g: number): string => `g${g}`;

/**
 * Issue 14: a stage that opens many gates at once sends as many FleetGateCreated events together; every request an
 * invocation makes is CPU in the app (and in Azure's services), so the requests per gate are counted here, from the
 * emulator's request log and the Table client's own (deterministic: each gate's requests do not depend on how the
 * concurrent invocations interleave). With production ARM settings (PATCH answered 202, 2 s poll interval) no
 * invocation polls: FleetGateUpdated, raised by Fleet when the gate completes, confirms it.
 */
describe('a stage opening its gates together (issue 14): requests per gate', () => {
  let world: StageGateWorld;
  let emulator: RunningEmulator;
  let app: App;
  let counting: CountingTables;
  const log = { info: () => undefined, warn: () => undefined };

  beforeAll(async () => {
    const prefix = uniquePrefix('b');
    counting = countingTables(inject('azuriteConnectionString'), prefix);
    const tables = counting.process();
    world = await startStageGateWorld({
      name: 'burst',
      subscriptionId: SUB,
      groups: Array.from({ length: GROUPS }, (_, g) => group(g)),
      lro: 'async',
      tablePrefix: prefix,
      settings: { ARM_POLL_INTERVAL_IN_MS: '2000' },
      overrides: { adapters: { gates: new TableGateStore(tables), evidence: new TableEvidenceStore(tables), audit: new TableAuditLog(tables), outbox: new TableOutbox(tables) } },
    });
    ({ emulator, app } = world);
  });
  afterAll(() => world.stop());

  it('a gate costs 1 ARM GET and 5 Table requests to decide, 3 queries, 1 PATCH and no poll; confirming it costs 5 Table requests', async () => {
    await advanceClock(emulator, 300); // the stage's members finish: every group's after-gate opens
    const gates = await app.adapters.fleet.listGates(FLEET, { state: 'Pending' });
    expect(gates).toHaveLength(GROUPS);
    await control(emulator, 'DELETE', '/_emulator/requests');
    counting.requests.length = 0;
    counting.batchOperations.length = 0;
    const event = (gateId: string, type: 'Created' | 'Updated'): object => ({
      id: `${gateId}-${type}`,
      eventType: `Microsoft.ResourceNotifications.AKSResources.FleetGate${type}`,
      subject: `${FLEET}/gates/${gateId}`,
      eventTime: '2026-11-21T08:05:00Z',
      data: {},
      dataVersion: '1',
    });
    const tally = (items: readonly string[]): Record<string, number> => items.reduce<Record<string, number>>((t, k) => ({ ...t, [k]: (t[k] ?? 0) + 1 }), {});
    const logged = async (): Promise<string[]> =>
      (await control<{ value: LoggedRequest[] }>(emulator, 'GET', '/_emulator/requests')).value
        .filter((r) => r.service !== 'control')
        .map((r) => `${r.service} ${r.method} ${r.path.replace(/\/gates\/[^/?]+/, '/gates/{id}').replace(/\?.*$/, '')} ${r.status}`);
    // Created and answered (tables created on first use are the process's, not the gate's).
    const tables = (): string[] => counting.requests.splice(0).filter((r) => r !== 'POST Tables');
    const operations = (): string[] => counting.batchOperations.splice(0);

    const created = await Promise.all(gates.map((g) => app.services.handleFleetGateEvent(event(g.gateId, 'Created'), log)));
    expect(created.map((o) => o.kind === 'reconciled' && o.phase)).toEqual(gates.map(() => 'Approving'));
    const arm = tally(await logged());
    const gatePath = `${FLEET}/gates/{id}`;
    expect(arm[`arm GET ${gatePath} 200`]).toBe(GROUPS);
    expect(arm[`arm PATCH ${gatePath} 202`]).toBe(GROUPS);
    expect(arm[`logs POST /v1/workspaces/${WS}/query 200`]).toBe(3 * GROUPS);
    // The run is read once per gate at most (reads in flight are shared: test/unit/app/gates/sharedRunReads.test.ts).
    expect(arm[`arm GET ${FLEET}/updateRuns/burst-run 200`]).toBeLessThanOrEqual(GROUPS);
    expect(Object.keys(arm).filter((k) => k.includes('operation'))).toEqual([]);
    // Per gate: read it; the decision to measure (checking) only reads and records, so its checks run first and its
    // audit events go with the measured decision (approving), which is saved as the gate is created; evidence; the
    // four audit events in one transaction; clear the journal (the gate row alone: its state, hence the run's copy
    // of it, and its open row are unchanged, so one plain update).
    expect(tally(tables())).toEqual({ 'GET Gates': GROUPS, 'POST $batch': 2 * GROUPS, 'PUT Evidence': GROUPS, 'PUT Gates': GROUPS });
    // In the transactions: the gate created with its run copy and open row; its audit events (2 + 2).
    expect(tally(operations())).toEqual({ 'POST Gates': GROUPS, 'PUT Gates': 2 * GROUPS, 'POST Audit': 4 * GROUPS });

    await control(emulator, 'DELETE', '/_emulator/requests');
    const confirmed = await Promise.all(gates.map((g) => app.services.handleFleetGateEvent(event(g.gateId, 'Updated'), log)));
    expect(confirmed.map((o) => o.kind === 'reconciled' && o.phase)).toEqual(gates.map(() => 'Passed'));
    // Per gate: read it; save Passed with its journal; its audit event; its notification (the outbox); clear.
    expect(tally(tables())).toEqual({ 'GET Gates': GROUPS, 'POST $batch': 3 * GROUPS, 'POST Audit': GROUPS });
    // In the transactions: Passed saved with its run copy (the open row stays: the journal is open); the outbox's
    // message and due rows; the journal cleared, deleting the open row (the run copy's state is unchanged).
    expect(tally(operations())).toEqual({ 'PUT Gates': 3 * GROUPS, 'POST Outbox': 2 * GROUPS, 'DELETE Gates': GROUPS });
    expect((await logged()).filter((r) => r.includes('PATCH') || r.includes('operation'))).toEqual([]);
    // Every decision of every gate recorded once, the deferred ones (checking) included.
    const trail = await app.adapters.audit.listAuditEvents(FLEET, 'burst-run');
    for (const g of gates) {
      const transitions = trail.filter((e) => e.gateId === g.gateId).map((e) => `${(e.data as { from: string }).from}→${(e.data as { to: string }).to}`);
      expect(transitions.sort()).toEqual(['Approving→Passed', 'Checking→Approving', 'Checking→Checking', 'Observed→Soaking', 'Soaking→Checking']);
    }
  });
});
