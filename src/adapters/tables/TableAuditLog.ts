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
export class TableAuditLog implements AuditLog {
  constructor(private readonly tables: TableClientFactory) {}

  async appendAuditEvents(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const client = await this.tables('Audit');
    for (const event of events) {
      try {
        await client.createEntity({
          partitionKey: tableKey(event.fleetId, event.runName),
          rowKey: encodeURIComponent(event.id),
          at: event.at,
          kind: event.kind,
          ...toJsonColumns(event),
        });
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
