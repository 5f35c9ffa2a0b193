import type { TableClient } from '@azure/data-tables';
import { ConcurrencyError, type Outbox, type OutboxEntry, type OutboxMessage } from '../../ports';
import { etagOfFirst } from './etagOfFirst';
import { fromJsonColumns, toJsonColumns } from './jsonColumns';
import type { TableClientFactory } from './tableClientFactory';
import { rethrowConflict, statusOf } from './tableErrors';

const PARTITION = 'outbox';
const DUE = '~due|';
const INDEXED_MARKER = '~meta|indexed';
const messageKey = (id: string): string => encodeURIComponent(id);
const dueKey = (id: string): string => `${DUE}${encodeURIComponent(id)}`;

interface DueRow {
  partitionKey: string;
  rowKey: string;
  status: OutboxEntry['status'];
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  lastError?: string;
}

/**
 * Notifications decided but not yet delivered, table `<prefix>Outbox`, partition `outbox`, two kinds of row:
 * - `<message id>` (URI-encoded): one per message ever queued, keyed by its deterministic id, so a decision re-queued
 *   after a crash finds its message already there; it ends as `Sent` or `Failed`;
 * - `~due|<message id>`: present only while the message is pending, with its attempts and next attempt time.
 *   Senders list due messages from these rows only (a range query that does not grow with what was ever sent) and
 *   claim a delivery by the due row's ETag, so two senders never both record a send. Finishing deletes the due row
 *   and records the outcome on the message row in one entity-group transaction.
 * Pending messages queued before the due rows existed get theirs once (row `~meta|indexed` says done).
 */
export class TableOutbox implements Outbox {
  private indexed: Promise<void> | undefined;

  constructor(private readonly tables: TableClientFactory) {}

  async enqueue(messages: readonly OutboxMessage[]): Promise<void> {
    const client = await this.tables('Outbox');
    for (const m of messages) {
      const columns = { status: 'Pending' as const, attempts: 0, nextAttemptAt: m.createdAt, createdAt: m.createdAt, ...toJsonColumns(m) };
      try {
        await client.submitTransaction([
          ['create', { partitionKey: PARTITION, rowKey: messageKey(m.id), ...columns, indexed: true }],
          ['create', { partitionKey: PARTITION, rowKey: dueKey(m.id), ...columns }],
        ]);
      } catch (error) {
        if (statusOf(error) !== 409) throw error; // already queued (or sent): enqueue is idempotent
      }
    }
  }

  async listDue(now: string, limit: number): Promise<readonly OutboxEntry[]> {
    const client = await this.tables('Outbox');
    await this.ensureIndexed(client);
    const filter = `PartitionKey eq '${PARTITION}' and RowKey ge '${DUE}' and RowKey lt '${DUE}~' and nextAttemptAt le '${now.replace(/'/g, "''")}'`;
    const due: OutboxEntry[] = [];
    for await (const e of client.listEntities<DueRow>({ queryOptions: { filter } })) {
      if (e.status !== 'Pending') {
        await this.forgetDue(client, e.rowKey, e.etag); // finished, but a crash kept its due row
        continue;
      }
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
      const res = await client.updateEntity({ partitionKey: PARTITION, rowKey: dueKey(entry.id), nextAttemptAt: leaseUntil }, 'Merge', { etag: entry.etag });
      return { ...entry, nextAttemptAt: leaseUntil, etag: res.etag ?? '' };
    } catch (error) {
      return rethrowConflict(error, `Outbox message ${entry.id}`);
    }
  }

  async markSent(entry: OutboxEntry, at: string): Promise<void> {
    await this.finish(entry, { status: 'Sent', attempts: entry.attempts + 1, nextAttemptAt: at });
  }

  async markAttemptFailed(entry: OutboxEntry, error: string, nextAttemptAt: string, giveUp: boolean): Promise<void> {
    const changes = { attempts: entry.attempts + 1, nextAttemptAt, lastError: error.slice(0, 4000) };
    if (giveUp) return this.finish(entry, { ...changes, status: 'Failed' });
    const client = await this.tables('Outbox');
    try {
      await client.updateEntity({ partitionKey: PARTITION, rowKey: dueKey(entry.id), ...changes }, 'Merge', { etag: entry.etag });
    } catch (failure) {
      rethrowConflict(failure, `Outbox message ${entry.id}`);
    }
  }

  /**
   * The outcome is recorded on the due row (guarded by the sender's ETag) and on the message row in one transaction;
   * then the due row is deleted. (A transaction's delete cannot carry an ETag, hence two steps; a finished due row
   * left by a crash in between is never listed as due, and listDue deletes it when it comes across it.)
   */
  private async finish(entry: OutboxEntry, changes: Partial<DueRow>): Promise<void> {
    const client = await this.tables('Outbox');
    let etag: string;
    try {
      const res = await client.submitTransaction([
        ['update', { partitionKey: PARTITION, rowKey: dueKey(entry.id), ...changes }, 'Merge', { etag: entry.etag }],
        ['update', { partitionKey: PARTITION, rowKey: messageKey(entry.id), ...changes }, 'Merge'],
      ]);
      etag = etagOfFirst(res);
    } catch (error) {
      // 404: the due row is gone, another sender finished this message first.
      if (statusOf(error) === 404) throw new ConcurrencyError(`Outbox message ${entry.id}: finished by another sender`, { cause: error });
      return rethrowConflict(error, `Outbox message ${entry.id}`);
    }
    await this.forgetDue(client, dueKey(entry.id), etag);
  }

  private async forgetDue(client: TableClient, rowKey: string, etag: string): Promise<void> {
    try {
      await client.deleteEntity(PARTITION, rowKey, { etag });
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 412) throw error; // gone already, or someone else's now
    }
  }

  /**
   * Messages queued before due rows existed (no `indexed` column) and still pending get a due row, once: each in a
   * transaction that marks the message `indexed` under its ETag. Then the marker, so later processes skip the scan.
   */
  private ensureIndexed(client: TableClient): Promise<void> {
    if (!this.indexed) {
      const done = this.indexOnce(client);
      this.indexed = done;
      done.catch(() => (this.indexed = undefined)); // a failed check is retried by the next caller
    }
    return this.indexed;
  }

  private async indexOnce(client: TableClient): Promise<void> {
    try {
      await client.getEntity(PARTITION, INDEXED_MARKER);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      for await (const e of client.listEntities<DueRow & { indexed?: boolean }>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey lt '~' and status eq 'Pending'` } })) {
        if (e.indexed === true) continue;
        const { etag, partitionKey: _p, rowKey, timestamp: _t, ...columns } = e as DueRow & { etag: string; timestamp?: string };
        try {
          await client.submitTransaction([
            ['update', { partitionKey: PARTITION, rowKey, indexed: true }, 'Merge', { etag }],
            ['upsert', { partitionKey: PARTITION, rowKey: `${DUE}${rowKey}`, ...columns }, 'Replace'],
          ]);
        } catch (migrationError) {
          if (statusOf(migrationError) !== 412) throw migrationError;
        }
      }
      await client.upsertEntity({ partitionKey: PARTITION, rowKey: INDEXED_MARKER }, 'Replace');
    }
  }
}
