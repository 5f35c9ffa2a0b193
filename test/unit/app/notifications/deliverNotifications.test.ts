import { describe, expect, it } from 'vitest';
import { deliverNotifications } from '../../../../src/app/notifications/deliverNotifications';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { DeliveryError, type Notifier, type OutboxMessage } from '../../../../src/ports';

class ScriptedNotifier implements Notifier {
  sent: string[] = [];
  constructor(private readonly script: (Error | undefined)[]) {}
  send(message: OutboxMessage): Promise<void> {
    const next = this.script.shift();
    if (next) return Promise.reject(next);
    this.sent.push(message.id);
    return Promise.resolve();
  }
}

function setup(script: (Error | undefined)[]) {
  let ms = Date.parse('2026-11-21T10:00:00Z');
  const clock = { nowIso: () => new Date(ms).toISOString() };
  const outbox = new InMemoryOutbox();
  const notifier = new ScriptedNotifier(script);
  const warnings: string[] = [];
  const deps = { outbox, notifier: () => notifier, clock, log: { info: () => undefined, warn: (m: string) => warnings.push(m) } };
  return { deps, outbox, notifier, warnings, advance: (s: number) => (ms += s * 1000), clock };
}

describe('deliverNotifications', () => {
  it('given a receiver answering 429 twice, delivers the message exactly once, after each Retry-After', async () => {
    const t = setup([new DeliveryError('webhook answered 429', { retryAfterSeconds: 5 }), new DeliveryError('webhook answered 429', { retryAfterSeconds: 5 })]);
    await t.outbox.enqueue([{ id: 'm1', createdAt: t.clock.nowIso(), channel: 'notifications', payload: { message: 'gate failed' } }]);
    expect(await deliverNotifications(t.deps)).toEqual({ sent: 0, retried: 1, gaveUp: 0, skipped: 0 });
    expect(await deliverNotifications(t.deps)).toEqual({ sent: 0, retried: 0, gaveUp: 0, skipped: 0 }); // not due yet
    t.advance(5);
    expect(await deliverNotifications(t.deps)).toMatchObject({ retried: 1 });
    t.advance(5);
    expect(await deliverNotifications(t.deps)).toMatchObject({ sent: 1 });
    t.advance(3600);
    await deliverNotifications(t.deps);
    expect(t.notifier.sent).toEqual(['m1']);
  });

  it('gives up on a permanent refusal and says so', async () => {
    const t = setup([new DeliveryError('webhook answered 400', { permanent: true })]);
    await t.outbox.enqueue([{ id: 'm1', createdAt: t.clock.nowIso(), channel: 'notifications', payload: {} }]);
    expect(await deliverNotifications(t.deps)).toMatchObject({ gaveUp: 1 });
    expect(t.outbox.all()[0]).toMatchObject({ status: 'Failed', attempts: 1, lastError: 'webhook answered 400' });
    expect(t.warnings).toHaveLength(1);
  });

  it('never lets two concurrent senders both send a message', async () => {
    const t = setup([]);
    await t.outbox.enqueue([{ id: 'm1', createdAt: t.clock.nowIso(), channel: 'notifications', payload: {} }]);
    const results = await Promise.all([deliverNotifications(t.deps), deliverNotifications(t.deps)]);
    expect(t.notifier.sent).toEqual(['m1']);
    expect(results.map((r) => r.sent + r.skipped).sort()).toEqual([1, 1]);
  });
});
