import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import { createTableClientFactory, type TableClientFactory } from '../../../src/adapters/tables/tableClientFactory';
import { TableGateStore } from '../../../src/adapters/tables/TableGateStore';
import { TableOutbox } from '../../../src/adapters/tables/TableOutbox';
import { TableReleaseStore } from '../../../src/adapters/tables/TableReleaseStore';
import { toJsonColumns } from '../../../src/adapters/tables/jsonColumns';
import { tableKey } from '../../../src/adapters/tables/tableKey';
import type { RunRecord } from '../../../src/ports';
import { aGateState, FLEET_ID } from '../../contract/gateStateFixture';

/**
 * Issue 14: partitions written before the index rows existed (rows in the shapes of the previous release, written
 * here by hand) are indexed on first use, once, and nothing pending is lost: open gates, a run's gates, a run's
 * record and queued notifications are all found through the new range queries and point reads.
 */
function world(): { tables: TableClientFactory; raw: (name: string) => TableClient; prefix: string } {
  const connectionString = inject('azuriteConnectionString');
  const prefix = `m${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString }, prefix, () => {
    throw new Error('no token credential for Azurite');
  });
  return { tables, prefix, raw: (name) => TableClient.fromConnectionString(connectionString, `${prefix}${name}`, { allowInsecureConnection: true }) };
}

describe('partitions from before the index rows', () => {
  it('gates: open and per-run lists find gates stored in the old shape; a later transition keeps them consistent', async () => {
    const { tables, raw } = world();
    const client = raw('Gates');
    await client.createTable();
    const open = aGateState({ gateId: '00000000-0000-0000-0000-0000000000c1' });
    const passed = { ...aGateState({ gateId: '00000000-0000-0000-0000-0000000000c2' }), phase: { name: 'Passed' as const, at: '2026-11-21T10:09:00.000Z' } };
    for (const state of [open, passed]) {
      // The previous release's row: no index rows, `open` as a column.
      await client.createEntity({ partitionKey: tableKey(FLEET_ID), rowKey: tableKey(state.gate.gateId), runName: state.gate.runName, gateId: state.gate.gateId, phase: state.phase.name, open: state === open, version: 1, journalLength: 0, ...toJsonColumns({ state, journal: [] }) });
    }
    const gates = new TableGateStore(tables);
    expect(await gates.listOpenGateIds(FLEET_ID)).toEqual([open.gate.gateId]);
    expect((await gates.listRunGates(FLEET_ID, 'k8s-1-33-4')).map((g) => g.gate.gateId)).toEqual([open.gate.gateId, passed.gate.gateId]);
    // The migration re-marked the row: a writer holding the old ETag reloads (as after any concurrent write).
    const stored = await gates.getGate(FLEET_ID, open.gate.gateId);
    await gates.replaceGate({ state: { ...open, version: 2, phase: { name: 'Passed', at: '2026-11-21T10:10:00.000Z' } }, journal: [] }, stored?.etag ?? '');
    expect(await new TableGateStore(tables).listOpenGateIds(FLEET_ID)).toEqual([]);
    expect((await client.getEntity(tableKey(FLEET_ID), '~meta|indexed')).rowKey).toBe('~meta|indexed');
  });

  it('run records: a record from before the run-name index is found by its run name', async () => {
    const { tables, raw } = world();
    const client = raw('RunRecords');
    await client.createTable();
    const record: RunRecord = {
      fleetId: FLEET_ID,
      target: { kind: 'kubernetes', version: '1.33.4' },
      runName: 'k8s-1-33-4',
      mode: 'explicit',
      state: 'Started',
      trigger: { kind: 'poll', eventIds: [] },
      explanation: [],
      createdAt: '2026-11-21T10:00:00.000Z',
      createdBy: 'fleet-conductor',
      attempt: 1,
    };
    await client.createEntity({ partitionKey: tableKey(FLEET_ID), rowKey: 'kubernetes:1.33.4', state: record.state, runName: record.runName, createdAt: record.createdAt, ...toJsonColumns(record) });
    const store = new TableReleaseStore(tables);
    expect(await store.getRunRecord(FLEET_ID, 'k8s-1-33-4')).toEqual(record);
    expect(await store.getRunRecord(FLEET_ID, 'k8s-1-33-5')).toBeUndefined();
    expect((await store.listRunRecords(FLEET_ID)).map((r) => r.runName)).toEqual(['k8s-1-33-4']);
  });

  it('outbox: a message queued in the old shape is still delivered once; one already sent is not listed', async () => {
    const { tables, raw } = world();
    const client = raw('Outbox');
    await client.createTable();
    const old = (id: string, status: string) => ({ partitionKey: 'outbox', rowKey: encodeURIComponent(id), status, attempts: 0, nextAttemptAt: '2026-11-21T10:00:00.000Z', createdAt: '2026-11-21T10:00:00.000Z', ...toJsonColumns({ id, createdAt: '2026-11-21T10:00:00.000Z', channel: 'log', payload: { text: id } }) });
    await client.createEntity(old('gate/pending', 'Pending'));
    await client.createEntity(old('gate/sent', 'Sent'));
    const outbox = new TableOutbox(tables);
    const due = await outbox.listDue('2026-11-21T10:01:00.000Z', 10);
    expect(due.map((e) => e.id)).toEqual(['gate/pending']);
    await outbox.markSent(due[0]!, '2026-11-21T10:01:00.000Z');
    expect(await outbox.listDue('2026-11-21T10:02:00.000Z', 10)).toEqual([]);
    await outbox.enqueue([{ id: 'gate/sent', createdAt: '2026-11-21T10:02:00.000Z', channel: 'log', payload: {} }]);
    expect(await new TableOutbox(tables).listDue('2026-11-21T10:03:00.000Z', 10)).toEqual([]);
    expect((await client.getEntity('outbox', encodeURIComponent('gate/pending'))).status).toBe('Sent');
  });
});
