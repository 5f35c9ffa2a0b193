import { ConcurrencyError, type Outbox, type OutboxEntry, type OutboxMessage } from '../../../src/ports';

export class InMemoryOutbox implements Outbox {
  private readonly entries = new Map<string, OutboxEntry>();
  private nextEtag = 1;

  enqueue(messages: readonly OutboxMessage[]): Promise<void> {
    for (const m of messages) {
      if (this.entries.has(m.id)) continue;
      this.entries.set(m.id, { ...m, status: 'Pending', attempts: 0, nextAttemptAt: m.createdAt, etag: String(this.nextEtag++) });
    }
    return Promise.resolve();
  }

  listDue(now: string, limit: number): Promise<readonly OutboxEntry[]> {
    return Promise.resolve(
      [...this.entries.values()]
        .filter((e) => e.status === 'Pending' && e.nextAttemptAt <= now)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .slice(0, limit),
    );
  }

  async claim(entry: OutboxEntry, leaseUntil: string): Promise<OutboxEntry> {
    await this.update(entry, { nextAttemptAt: leaseUntil });
    return this.entries.get(entry.id) as OutboxEntry;
  }

  markSent(entry: OutboxEntry, at: string): Promise<void> {
    return this.update(entry, { status: 'Sent', attempts: entry.attempts + 1, nextAttemptAt: at });
  }

  markAttemptFailed(entry: OutboxEntry, error: string, nextAttemptAt: string, giveUp: boolean): Promise<void> {
    return this.update(entry, { status: giveUp ? 'Failed' : 'Pending', attempts: entry.attempts + 1, nextAttemptAt, lastError: error });
  }

  /** Every message in any status (tests). */
  all(): readonly OutboxEntry[] {
    return [...this.entries.values()];
  }

  private update(entry: OutboxEntry, changes: Partial<OutboxEntry>): Promise<void> {
    const current = this.entries.get(entry.id);
    if (!current || current.etag !== entry.etag) return Promise.reject(new ConcurrencyError(`Outbox message ${entry.id}: changed by another writer`));
    this.entries.set(entry.id, { ...current, ...changes, etag: String(this.nextEtag++) });
    return Promise.resolve();
  }
}
