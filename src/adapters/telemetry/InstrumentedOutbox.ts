import type { Outbox, OutboxEntry, OutboxMessage } from '../../ports';
import { ATTR } from './telemetryAttributes';
import type { ConductorTelemetry } from './ConductorTelemetry';

/** Failed notification deliveries, by channel and whether the outbox gave up (the error text is never an attribute). */
export class InstrumentedOutbox implements Outbox {
  constructor(
    private readonly inner: Outbox,
    private readonly telemetry: ConductorTelemetry,
  ) {}

  enqueue(messages: readonly OutboxMessage[]): Promise<void> {
    return this.inner.enqueue(messages);
  }

  listDue(now: string, limit: number): Promise<readonly OutboxEntry[]> {
    return this.inner.listDue(now, limit);
  }

  claim(entry: OutboxEntry, leaseUntil: string): Promise<OutboxEntry> {
    return this.inner.claim(entry, leaseUntil);
  }

  markSent(entry: OutboxEntry, at: string): Promise<void> {
    return this.inner.markSent(entry, at);
  }

  async markAttemptFailed(entry: OutboxEntry, error: string, nextAttemptAt: string, giveUp: boolean): Promise<void> {
    await this.inner.markAttemptFailed(entry, error, nextAttemptAt, giveUp);
    this.telemetry.count(this.telemetry.notificationsFailed, { [ATTR.notificationChannel]: entry.channel, [ATTR.notificationGaveUp]: giveUp });
  }
}
