import type { GateState } from '../../domain/gates/gateState';
import type { GateStore, StoredGate } from '../../ports';
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
      return { state: fromJsonColumns<GateState>(entity), etag: entity.etag };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async createGate(state: GateState): Promise<StoredGate> {
    const client = await this.tables('Gates');
    try {
      const res = await client.createEntity(this.entity(state));
      return { state, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Gate ${state.gate.gateId}`);
    }
  }

  async replaceGate(state: GateState, etag: string): Promise<StoredGate> {
    const client = await this.tables('Gates');
    try {
      const res = await client.updateEntity(this.entity(state), 'Replace', { etag });
      return { state, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Gate ${state.gate.gateId}`);
    }
  }

  async listRunGates(fleetId: string, runName: string): Promise<readonly GateState[]> {
    const client = await this.tables('Gates');
    const filter = `PartitionKey eq ${odataString(tableKey(fleetId))} and runName eq ${odataString(runName.toLowerCase())}`;
    const states: GateState[] = [];
    for await (const e of client.listEntities({ queryOptions: { filter } })) states.push(fromJsonColumns<GateState>(e));
    return states.sort((a, b) => a.gate.gateId.localeCompare(b.gate.gateId));
  }

  private entity(state: GateState): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    return {
      partitionKey: tableKey(state.gate.fleetId),
      rowKey: tableKey(state.gate.gateId),
      runName: state.gate.runName.toLowerCase(),
      phase: state.phase.name,
      version: state.version,
      ...toJsonColumns(state),
    };
  }
}
