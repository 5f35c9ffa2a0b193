import type { AuditEvent, AuditLog } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { odataString, tableKey } from './tableKey';

/**
 * A run's audit trail, table `<prefix>Audit`. Partition: one run (the trail is always read per run). Row:
 * `<at>|<id>`, so a partition scan returns the trail in time order and re-appending an event replaces itself.
 */
export class TableAuditLog implements AuditLog {
  constructor(private readonly tables: TableClientFactory) {}

  async appendAuditEvents(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const client = await this.tables('Audit');
    for (const event of events) {
      await client.upsertEntity(
        {
          partitionKey: tableKey(event.fleetId, event.runName),
          rowKey: `${event.at}|${encodeURIComponent(event.id)}`,
          kind: event.kind,
          ...toJsonColumns(event),
        },
        'Replace',
      );
    }
  }

  async listAuditEvents(fleetId: string, runName: string): Promise<readonly AuditEvent[]> {
    const client = await this.tables('Audit');
    const out: AuditEvent[] = [];
    const filter = `PartitionKey eq ${odataString(tableKey(fleetId, runName))}`;
    for await (const e of client.listEntities({ queryOptions: { filter } })) out.push(fromJsonColumns<AuditEvent>(e));
    return out;
  }
}
