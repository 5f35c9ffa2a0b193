import type { GateState } from '../../domain/gates/gateState';
import { isOpenGate, type GateRecord, type GateStore, type StoredGate } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { rethrowConflict, statusOf } from './tableErrors';
import { odataString, tableKey } from './tableKey';

/**
 * Gate state, table `<prefix>Gates`. Partition: the fleet (every gate lookup knows its fleet; a fleet has at most
 * a few gates per run). Row: the gate GUID. `runName` is a column so one run's gates are one filtered partition scan.
 */
export class TableGateStore implements GateStore {
  constructor(private readonly tables: TableClientFactory) {}

  async getGate(fleetId: string, gateId: string): Promise<StoredGate | undefined> {
    const client = await this.tables('Gates');
    try {
      const entity = await client.getEntity(tableKey(fleetId), tableKey(gateId));
      return { ...fromJsonColumns<GateRecord>(entity), etag: entity.etag };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async createGate(record: GateRecord): Promise<StoredGate> {
    const client = await this.tables('Gates');
    try {
      const res = await client.createEntity(this.entity(record));
      return { ...record, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Gate ${record.state.gate.gateId}`);
    }
  }

  async replaceGate(record: GateRecord, etag: string): Promise<StoredGate> {
    const client = await this.tables('Gates');
    try {
      const res = await client.updateEntity(this.entity(record), 'Replace', { etag });
      return { ...record, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Gate ${record.state.gate.gateId}`);
    }
  }

  async listRunGates(fleetId: string, runName: string): Promise<readonly GateState[]> {
    const client = await this.tables('Gates');
    const filter = `PartitionKey eq ${odataString(tableKey(fleetId))} and runName eq ${odataString(runName.toLowerCase())}`;
    const states: GateState[] = [];
    for await (const e of client.listEntities({ queryOptions: { filter } })) states.push(fromJsonColumns<GateRecord>(e).state);
    return states.sort((a, b) => a.gate.gateId.localeCompare(b.gate.gateId));
  }

  async listOpenGateIds(fleetId: string): Promise<readonly string[]> {
    const client = await this.tables('Gates');
    const filter = `PartitionKey eq ${odataString(tableKey(fleetId))} and open eq true`;
    const ids: string[] = [];
    for await (const e of client.listEntities<{ gateId: string }>({ queryOptions: { filter, select: ['gateId'] } })) ids.push(e.gateId);
    return ids.sort();
  }

  private entity(record: GateRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    const { state } = record;
    return {
      partitionKey: tableKey(state.gate.fleetId),
      rowKey: tableKey(state.gate.gateId),
      runName: state.gate.runName.toLowerCase(),
      gateId: state.gate.gateId.toLowerCase(),
      phase: state.phase.name,
      // Indexed flag for the reconcile timer: which gates still need work.
      open: isOpenGate(record),
      version: state.version,
      journalLength: record.journal.length,
      ...toJsonColumns(record),
    };
  }
}
