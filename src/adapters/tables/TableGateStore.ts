import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { OncePerKey } from './OncePerKey';
import type { GateState } from '../../domain/gates/gateState';
import { isOpenGate, type GateRecord, type GateStore, type StoredGate } from '../../ports';
import { etagOfFirst } from './etagOfFirst';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { rethrowConflict, statusOf } from './tableErrors';
import { odataString, tableKey } from './tableKey';

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

// Index rows sort after every gate row (gate ids are GUIDs; `~` is above any character they use).
const GATE_ROWS = `RowKey lt '~'`;
const runPrefix = (runName: string): string => `~run|${encodeURIComponent(runName.toLowerCase())}|`;
const openKey = (gateId: string): string => `~open|${tableKey(gateId)}`;
const INDEXED_MARKER = '~meta|indexed';
const KNOWN_LIMIT = 10_000;
const knownKey = (partitionKey: string, rowKey: string): string => `${partitionKey}\n${rowKey}`;

/** A gate row's version this process wrote or read: see TableGateStore.remember. */
interface KnownVersion {
  readonly etag: string;
  readonly state: GateState;
  readonly open: boolean;
}
/** `RowKey` in [prefix, prefix + '~'): every row key that starts with `prefix` (keys use no character above `~`). */
const rowRange = (partition: string, prefix: string): string => `PartitionKey eq ${odataString(partition)} and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(`${prefix}~`)}`;

/**
 * Gate state, table `<prefix>Gates`, one partition per fleet (every gate lookup knows its fleet):
 * - row `<gate GUID>`: the gate record, ETag-guarded; what `getGate` reads and every transition replaces;
 * - row `~run|<run>|<gate GUID>`: a copy, so one run's gates are one range query however many gates the fleet has
 *   had (run detail, resume);
 * - row `~open|<gate GUID>`: present while the gate needs Conductor (`isOpenGate`), so the reconcile tick's "open
 *   gates" is one range query over open gates only.
 * The three are written in ONE entity-group transaction with the gate's ETag, so they cannot disagree. Partitions
 * written before the index rows existed are indexed once (row `~meta|indexed` says done), on first use.
 */
export class TableGateStore implements GateStore {
  /** Per partition: indexed (or being checked) by this process; concurrent callers share the one check. */
  private readonly indexed = new OncePerKey();
  /** See remember. */
  private readonly known = new Map<string, KnownVersion>();

  constructor(private readonly tables: TableClientFactory) {}

  async getGate(fleetId: string, gateId: string): Promise<StoredGate | undefined> {
    const client = await this.tables('Gates');
    try {
      const [partitionKey, rowKey] = [tableKey(fleetId), tableKey(gateId)];
      const entity = await client.getEntity(partitionKey, rowKey);
      const record = fromJsonColumns<GateRecord>(entity);
      // Only a row written with its index rows says which of them its version has (see ensureIndexed).
      if (entity.indexed === true && entity.etag) this.remember(partitionKey, rowKey, entity.etag, record);
      return { ...record, etag: entity.etag };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async createGate(record: GateRecord): Promise<StoredGate> {
    const client = await this.tables('Gates');
    const row = this.entity(record);
    const actions: TransactionAction[] = [['create', row], ['upsert', this.copyOf(row, record), 'Replace']];
    if (isOpenGate(record)) actions.push(['upsert', this.openRow(record), 'Replace']);
    try {
      return await this.commit(client, record, actions);
    } catch (error) {
      return rethrowConflict(error, `Gate ${record.state.gate.gateId}`);
    }
  }

  async replaceGate(record: GateRecord, etag: string): Promise<StoredGate> {
    const client = await this.tables('Gates');
    const row = this.entity(record);
    const open = isOpenGate(record);
    const openRow = this.openRow(record);
    const known = this.known.get(knownKey(row.partitionKey, row.rowKey));
    if (known?.etag === etag) {
      // The version this write replaces is known (the ETag guards that it still is): its index rows are written
      // only where they change. A journal cleared or claimed leaves the state, hence the run's copy, as it was.
      const actions: TransactionAction[] = [['update', row, 'Replace', { etag }]];
      if (known.state !== record.state && JSON.stringify(known.state) !== JSON.stringify(record.state)) actions.push(['upsert', this.copyOf(row, record), 'Replace']);
      if (known.open !== open) actions.push(open ? ['upsert', openRow, 'Replace'] : ['delete', { partitionKey: openRow.partitionKey, rowKey: openRow.rowKey }]);
      try {
        return await this.commit(client, record, actions);
      } catch (error) {
        return rethrowConflict(error, `Gate ${record.state.gate.gateId}`);
      }
    }
    const actions: TransactionAction[] = [['update', row, 'Replace', { etag }], ['upsert', this.copyOf(row, record), 'Replace']];
    actions.push(open ? ['upsert', openRow, 'Replace'] : ['delete', { partitionKey: openRow.partitionKey, rowKey: openRow.rowKey }]);
    try {
      return await this.commit(client, record, actions);
    } catch (error) {
      // A closed gate that was closed already has no open row to delete, and the whole transaction fails (404).
      // Without the delete: a 404 again means the gate itself is missing, answered as before the index existed.
      if (open || statusOf(error) !== 404) return rethrowConflict(error, `Gate ${record.state.gate.gateId}`);
    }
    try {
      return await this.commit(client, record, actions.slice(0, 2));
    } catch (error) {
      return rethrowConflict(error, `Gate ${record.state.gate.gateId}`);
    }
  }

  /**
   * Writes a gate row (the first action) with its index rows and remembers the version written. A lone update is one
   * plain request (a transaction of one costs more in the SDK and on the wire).
   */
  private async commit(client: TableClient, record: GateRecord, actions: readonly TransactionAction[]): Promise<StoredGate> {
    const [first] = actions;
    const lone = actions.length === 1 && first?.[0] === 'update' ? first : undefined;
    const etag = lone ? (await client.updateEntity(lone[1], lone[2], lone[3])).etag : etagOfFirst(await client.submitTransaction([...actions]));
    if (!etag) throw new Error('Table update answered without an ETag');
    const row = first?.[1] as TableEntity;
    this.remember(row.partitionKey, row.rowKey, etag, record);
    return { ...record, etag };
  }

  /**
   * What this process last wrote or read of a gate row that has its index rows: under which ETag, with which state
   * (what the run's copy holds) and whether its open row exists. Closed gates are forgotten (rarely written again),
   * and the whole map past KNOWN_LIMIT: forgetting only costs a full write.
   */
  private remember(partitionKey: string, rowKey: string, etag: string, record: GateRecord): void {
    const key = knownKey(partitionKey, rowKey);
    const open = isOpenGate(record);
    if (!open) {
      this.known.delete(key);
      return;
    }
    if (this.known.size >= KNOWN_LIMIT) this.known.clear();
    this.known.set(key, { etag, state: record.state, open });
  }

  async listRunGates(fleetId: string, runName: string): Promise<readonly GateState[]> {
    const client = await this.tables('Gates');
    await this.ensureIndexed(client, fleetId);
    const states: GateState[] = [];
    for await (const e of client.listEntities({ queryOptions: { filter: rowRange(tableKey(fleetId), runPrefix(runName)) } })) states.push(fromJsonColumns<GateRecord>(e).state);
    return states.sort((a, b) => a.gate.gateId.localeCompare(b.gate.gateId));
  }

  async listOpenGateIds(fleetId: string): Promise<readonly string[]> {
    const client = await this.tables('Gates');
    await this.ensureIndexed(client, fleetId);
    const ids: string[] = [];
    const filter = rowRange(tableKey(fleetId), '~open|');
    for await (const e of client.listEntities<{ gateId: string }>({ queryOptions: { filter, select: ['gateId'] } })) ids.push(e.gateId);
    return ids.sort();
  }

  /**
   * Gates stored before the index rows existed (no `indexed` column) get them once per fleet, each in a transaction
   * that marks the gate `indexed` under its ETag (a gate changed meanwhile was indexed by its writer; a writer holding
   * the old ETag reloads, as after any concurrent write). Then the marker, so later processes skip the scan; until it
   * is written any instance may redo this, which is harmless.
   */
  private ensureIndexed(client: TableClient, fleetId: string): Promise<void> {
    const partition = tableKey(fleetId);
    return this.indexed.run(partition, () => this.indexOnce(client, partition));
  }

  private async indexOnce(client: TableClient, partition: string): Promise<void> {
    try {
      await client.getEntity(partition, INDEXED_MARKER);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      for await (const e of client.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(partition)} and ${GATE_ROWS}` } })) {
        if (e.indexed === true) continue;
        const record = fromJsonColumns<GateRecord>(e);
        const actions: TransactionAction[] = [
          ['update', { partitionKey: partition, rowKey: e.rowKey as string, indexed: true }, 'Merge', { etag: e.etag }],
          ['upsert', this.copyOf(this.entity(record), record), 'Replace'],
        ];
        if (isOpenGate(record)) actions.push(['upsert', this.openRow(record), 'Replace']);
        try {
          await client.submitTransaction(actions);
        } catch (migrationError) {
          if (statusOf(migrationError) !== 412) throw migrationError;
        }
      }
      await client.upsertEntity({ partitionKey: partition, rowKey: INDEXED_MARKER }, 'Replace');
    }
  }

  private copyOf(row: Row, record: GateRecord): TableEntity {
    return { ...row, rowKey: `${runPrefix(record.state.gate.runName)}${tableKey(record.state.gate.gateId)}` };
  }

  private openRow(record: GateRecord): Row {
    return { partitionKey: tableKey(record.state.gate.fleetId), rowKey: openKey(record.state.gate.gateId), gateId: record.state.gate.gateId.toLowerCase(), runName: record.state.gate.runName.toLowerCase() };
  }

  private entity(record: GateRecord): Row {
    const { state } = record;
    return {
      partitionKey: tableKey(state.gate.fleetId),
      rowKey: tableKey(state.gate.gateId),
      runName: state.gate.runName.toLowerCase(),
      gateId: state.gate.gateId.toLowerCase(),
      phase: state.phase.name,
      open: isOpenGate(record),
      version: state.version,
      journalLength: record.journal.length,
      // Written with its index rows (a row without this column predates them: see ensureIndexed).
      indexed: true,
      ...toJsonColumns(record),
    };
  }
}
