import type { FaultRegistry } from '../control/faults';
import type { GridEvent } from './gridEvent';
import { postJson } from './postJson';

export interface EventSubscription {
  name: string;
  endpoint: string;
  /** Event types to deliver (case-insensitive); absent = all. */
  eventTypes?: string[];
}

export interface DeliveryOptions {
  retryDelaysMs: number[];
  maxAttempts: number;
  /** Deliver every event twice (same id), as at-least-once delivery may. */
  duplicate: boolean;
  /** Deliver the events raised by one simulation step in reverse order. */
  outOfOrder: boolean;
}

export interface DeliveryRecord {
  subscription: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: number | null;
  error?: string;
  time: string;
}

export interface DeadLetter {
  subscription: string;
  event: GridEvent;
  attempts: number;
  reason: string;
  lastStatus: number | null;
  time: string;
}

/** Event Grid push delivery: one event per POST (maxEventsPerBatch 1), at-least-once with retry and dead-lettering. */
export class EventGridDelivery {
  readonly subscriptions = new Map<string, EventSubscription>();
  readonly published: GridEvent[] = [];
  readonly deliveries: DeliveryRecord[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private batch: GridEvent[] = [];
  private flushScheduled = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    public options: DeliveryOptions,
    private readonly faults: FaultRegistry,
    private readonly caPem: string,
  ) {}

  subscribe(sub: EventSubscription): void {
    const url = new URL(sub.endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`endpoint must be http(s): ${sub.endpoint}`);
    this.subscriptions.set(sub.name.toLowerCase(), sub);
  }

  publish(event: GridEvent): void {
    this.published.push(event);
    this.batch.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const events = this.options.outOfOrder ? [...this.batch].reverse() : this.batch;
    this.batch = [];
    if (this.stopped) return;
    for (const event of events)
      for (const sub of this.subscriptions.values()) {
        if (sub.eventTypes && !sub.eventTypes.some((t) => t.toLowerCase() === event.eventType.toLowerCase())) continue;
        const copies = this.options.duplicate ? 2 : 1;
        for (let i = 0; i < copies; i++) this.track(this.attempt(sub, event, 1));
      }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async attempt(sub: EventSubscription, event: GridEvent, attempt: number): Promise<void> {
    const endpoint = new URL(sub.endpoint);
    const fault = this.faults.take('eventgrid', 'POST', endpoint.pathname);
    let status: number | null = null;
    let error: string | undefined;
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (this.stopped) return;
    if (fault?.status !== undefined) status = fault.status;
    else {
      try {
        const res = await postJson(sub.endpoint, JSON.stringify([event]), {
          'aeg-event-type': 'Notification',
          'aeg-subscription-name': sub.name.toUpperCase(),
          'aeg-delivery-count': String(attempt - 1),
          'aeg-data-version': event.dataVersion,
          'aeg-metadata-version': event.metadataVersion,
        }, this.caPem);
        status = res.status;
      } catch (e) {
        error = (e as Error).message;
      }
    }
    this.deliveries.push({ subscription: sub.name, eventId: event.id, eventType: event.eventType, attempt, status, ...(error ? { error } : {}), time: new Date().toISOString() });
    if (status !== null && status >= 200 && status < 300) return;
    // Event Grid dead-letters 400 and 413 at once; other failures are retried with backoff.
    const fatal = status === 400 || status === 413;
    if (fatal || attempt >= this.options.maxAttempts) {
      this.deadLetters.push({ subscription: sub.name, event, attempts: attempt, reason: fatal ? `endpoint answered ${status}` : 'MaxDeliveryAttemptsExceeded', lastStatus: status, time: new Date().toISOString() });
      return;
    }
    const delay = this.options.retryDelaysMs[attempt - 1] ?? this.options.retryDelaysMs.at(-1) ?? 1000;
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.attempt(sub, event, attempt + 1));
    }, delay);
    this.timers.add(timer);
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry (for tests). */
  async idle(): Promise<void> {
    while (this.flushScheduled || this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 5))]);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
