import type { Outbox, OutboxEntry, OutboxMessage } from '../../ports';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { rethrowConflict, statusOf } from './tableErrors';

const PARTITION = 'outbox';

interface OutboxRow {
  partitionKey: string;
  rowKey: string;
  status: OutboxEntry['status'];
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  lastError?: string;
}

/**
 * Notifications decided but not yet delivered, table `<prefix>Outbox`, one row per message keyed by its
 * deterministic id: a decision re-queued after a crash finds its message already there. Senders claim a delivery by
 * ETag so two senders never both record a send.
 */
export class TableOutbox implements Outbox {
  constructor(private readonly tables: TableClientFactory) {}

  async enqueue(messages: readonly OutboxMessage[]): Promise<void> {
    const client = await this.tables('Outbox');
    for (const m of messages) {
      const row: OutboxRow & Record<string, unknown> = {
        partitionKey: PARTITION,
        rowKey: encodeURIComponent(m.id),
        status: 'Pending',
        attempts: 0,
        nextAttemptAt: m.createdAt,
        createdAt: m.createdAt,
        ...toJsonColumns(m),
      };
      try {
        await client.createEntity(row);
      } catch (error) {
        if (statusOf(error) !== 409) throw error; // already queued: enqueue is idempotent
      }
    }
  }

  async listDue(now: string, limit: number): Promise<readonly OutboxEntry[]> {
    const client = await this.tables('Outbox');
    const filter = `PartitionKey eq '${PARTITION}' and status eq 'Pending' and nextAttemptAt le '${now.replace(/'/g, "''")}'`;
    const due: OutboxEntry[] = [];
    for await (const e of client.listEntities<OutboxRow>({ queryOptions: { filter } })) {
      const m = fromJsonColumns<OutboxMessage>(e as unknown as Readonly<Record<string, unknown>>);
      due.push({
        ...m,
        status: e.status,
        attempts: e.attempts,
        nextAttemptAt: e.nextAttemptAt,
        ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
        etag: e.etag,
      });
    }
    return due.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).slice(0, limit);
  }

  async claim(entry: OutboxEntry, leaseUntil: string): Promise<OutboxEntry> {
    const client = await this.tables('Outbox');
    try {
      const res = await client.updateEntity({ partitionKey: PARTITION, rowKey: encodeURIComponent(entry.id), nextAttemptAt: leaseUntil }, 'Merge', { etag: entry.etag });
      return { ...entry, nextAttemptAt: leaseUntil, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Outbox message ${entry.id}`);
    }
  }

  async markSent(entry: OutboxEntry, at: string): Promise<void> {
    await this.merge(entry, { status: 'Sent', attempts: entry.attempts + 1, nextAttemptAt: at });
  }

  async markAttemptFailed(entry: OutboxEntry, error: string, nextAttemptAt: string, giveUp: boolean): Promise<void> {
    await this.merge(entry, { status: giveUp ? 'Failed' : 'Pending', attempts: entry.attempts + 1, nextAttemptAt, lastError: error.slice(0, 4000) });
  }

  private async merge(entry: OutboxEntry, changes: Partial<OutboxRow>): Promise<void> {
    const client = await this.tables('Outbox');
    try {
      await client.updateEntity({ partitionKey: PARTITION, rowKey: encodeURIComponent(entry.id), ...changes }, 'Merge', { etag: entry.etag });
    } catch (error) {
      rethrowConflict(error, `Outbox message ${entry.id}`);
    }
  }
}
