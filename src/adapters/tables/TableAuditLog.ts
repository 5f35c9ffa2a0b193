import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import type { AuditEvent, AuditLog } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { odataString, tableKey } from './tableKey';
import { statusOf } from './tableErrors';

/**
 * A run's audit trail, table `<prefix>Audit`. Partition: one run (the trail is always read whole, per run; a run
 * has hundreds of events, not millions). Row: the event id, so appending an event again is a no-op (first write
 * wins) and a replayed decision cannot duplicate its events. Read back sorted by time.
 */
/** Azure Table Storage's limit of operations in one entity-group transaction. */
const MAX_TRANSACTION = 100;

export class TableAuditLog implements AuditLog {
  constructor(private readonly tables: TableClientFactory) {}

  async appendAuditEvents(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const client = await this.tables('Audit');
    const partitions = new Map<string, TableEntity[]>();
    for (const event of events) {
      const partitionKey = tableKey(event.fleetId, event.runName);
      const rows = partitions.get(partitionKey) ?? [];
      rows.push({ partitionKey, rowKey: encodeURIComponent(event.id), at: event.at, kind: event.kind, ...toJsonColumns(event) });
      partitions.set(partitionKey, rows);
    }
    for (const rows of partitions.values()) {
      for (let i = 0; i < rows.length; i += MAX_TRANSACTION) await this.createAll(client, rows.slice(i, i + MAX_TRANSACTION));
    }
  }

  /**
   * One request for a decision's events (an entity-group transaction of inserts); when one of them exists already
   * (a replayed decision: the transaction fails whole with 409), one insert each, where a 409 means "recorded".
   */
  private async createAll(client: TableClient, rows: readonly TableEntity[]): Promise<void> {
    if (rows.length > 1) {
      try {
        await client.submitTransaction(rows.map((row): TransactionAction => ['create', row]));
        return;
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
    }
    for (const row of rows) {
      try {
        await client.createEntity(row);
      } catch (error) {
        if (statusOf(error) !== 409) throw error; // already recorded: appending is idempotent by id
      }
    }
  }

  async listAuditEvents(fleetId: string, runName: string): Promise<readonly AuditEvent[]> {
    const client = await this.tables('Audit');
    const out: AuditEvent[] = [];
    const filter = `PartitionKey eq ${odataString(tableKey(fleetId, runName))}`;
    for await (const e of client.listEntities({ queryOptions: { filter } })) out.push(fromJsonColumns<AuditEvent>(e));
    return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }
}
