import { describe, expect, inject, it } from 'vitest';
import { TableGateStore } from '../../../src/adapters/tables/TableGateStore';
import { ConcurrencyError, type JournalEntry } from '../../../src/ports';
import { aGateState, FLEET_ID } from '../../contract/gateStateFixture';
import { countingTables } from '../../support/countingTables';
import { uniquePrefix } from '../../support/emulatorApp';

const GATE = '00000000-0000-0000-0000-0000000000d1';
const journal: JournalEntry[] = [{ id: 'j', action: { kind: 'notify', gate: { fleetId: FLEET_ID, runName: 'k8s-1-33-4', gateId: GATE }, severity: 'info', reason: 'FleetGateCompleted', message: 'x' } }];

/**
 * Issue 14: a gate write sends only the index rows that change from the version it replaces, when this process wrote
 * or read that version (TableGateStore.remember). Another process's write moves the ETag on, so what one process
 * remembers can never stand in for a version it has not seen.
 */
describe('TableGateStore writes only the index rows that change (issue 14)', () => {
  it('clears a journal with one plain update, and a second process that wrote meanwhile makes the first one reload', async () => {
    const counting = countingTables(inject('azuriteConnectionString'), uniquePrefix('v'));
    const one = new TableGateStore(counting.process());
    const two = new TableGateStore(counting.process());
    const open = aGateState({ gateId: GATE });
    let mine = await one.createGate({ state: open, journal });
    counting.requests.length = 0;
    counting.batchOperations.length = 0;

    mine = await one.replaceGate({ state: mine.state, journal: [] }, mine.etag);
    expect(counting.requests.filter((r) => r !== 'POST Tables')).toEqual(['PUT Gates']);

    // The other process reads and writes a new state (its own full write: it has not seen this version written).
    const theirs = await two.getGate(FLEET_ID, GATE);
    if (!theirs) throw new Error('gate not found');
    const moved = await two.replaceGate({ state: { ...open, version: 2 }, journal }, theirs.etag);
    // The first process still remembers the older version: its write is refused, not sent without its index rows.
    await expect(one.replaceGate({ state: { ...open, version: 3 }, journal: [] }, mine.etag)).rejects.toBeInstanceOf(ConcurrencyError);
    const reread = await one.getGate(FLEET_ID, GATE);
    expect(reread?.etag).toBe(moved.etag);
    counting.batchOperations.length = 0;
    const passed = { ...open, version: 3, phase: { name: 'Passed' as const, at: '2026-11-21T10:09:00.000Z' } };
    await one.replaceGate({ state: passed, journal: [] }, moved.etag);
    // The state changed and the gate closed: the run's copy and the open row are written with it.
    expect(counting.batchOperations).toEqual(['PUT Gates', 'PUT Gates', 'DELETE Gates']);

    const fresh = new TableGateStore(counting.process());
    expect(await fresh.listOpenGateIds(FLEET_ID)).toEqual([]);
    expect(await fresh.listRunGates(FLEET_ID, open.gate.runName)).toEqual([passed]);
  });
});
