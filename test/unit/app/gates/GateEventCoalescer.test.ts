import { describe, expect, it } from 'vitest';
import { GateEventCoalescer } from '../../../../src/app/gates/GateEventCoalescer';
import { handleFleetGateEvent } from '../../../../src/app/gates/handleFleetGateEvent';
import { fakeGateWorld, FLEET_ID } from './fakeGateWorld';

/** A reconcile the test ends by hand, recording when each one started. */
function controlled() {
  const started: { label: string; end: (value: string) => void; fail: (e: Error) => void }[] = [];
  const reconcile = (label: string) => () =>
    new Promise<string>((resolve, reject) => started.push({ label, end: resolve, fail: reject }));
  return { started, reconcile };
}
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GateEventCoalescer: events for one gate share reconciles (issue 14)', () => {
  it('runs one reconcile and one after it for a burst, whatever its size; the later events share the second', async () => {
    const coalescer = new GateEventCoalescer();
    const { started, reconcile } = controlled();
    const results = Array.from({ length: 10 }, (_, i) => coalescer.run('F', 'g1', reconcile(`event ${i}`)));
    await settle();
    expect(started.map((s) => s.label)).toEqual(['event 0']);
    started[0]?.end('first');
    await settle();
    // The second starts only after the first: it reads after every event of the burst arrived.
    expect(started.map((s) => s.label)).toEqual(['event 0', 'event 1']);
    started[1]?.end('second');
    expect(await Promise.all(results)).toEqual(['first', ...Array.from({ length: 9 }, () => 'second')]);
    expect(coalescer.size).toBe(0);
  });

  it('never lets an event join the reconcile that is running (it may have read before the event)', async () => {
    const coalescer = new GateEventCoalescer();
    const { started, reconcile } = controlled();
    const first = coalescer.run('F', 'g1', reconcile('a'));
    await settle();
    const second = coalescer.run('F', 'g1', reconcile('b'));
    started[0]?.end('a');
    expect(await first).toBe('a');
    await settle();
    started[1]?.end('b');
    expect(await second).toBe('b');
  });

  it('keeps gates apart, matches ids case-insensitively, and starts afresh once a gate is quiet', async () => {
    const coalescer = new GateEventCoalescer();
    const { started, reconcile } = controlled();
    void coalescer.run('F', 'g1', reconcile('g1'));
    void coalescer.run('f', 'G1', reconcile('g1 again'));
    void coalescer.run('F', 'g2', reconcile('g2'));
    await settle();
    expect(started.map((s) => s.label)).toEqual(['g1', 'g2']);
    started[0]?.end('x');
    started[1]?.end('y');
    await settle();
    started[2]?.end('z');
    await settle();
    expect(coalescer.size).toBe(0);
    const later = coalescer.run('F', 'g1', reconcile('later'));
    await settle();
    expect(started.map((s) => s.label)).toEqual(['g1', 'g2', 'g1 again', 'later']);
    started[3]?.end('later');
    expect(await later).toBe('later');
  });

  it('passes a failure to the events that shared the failed reconcile only, and still runs the queued one', async () => {
    const coalescer = new GateEventCoalescer();
    const { started, reconcile } = controlled();
    const first = coalescer.run('F', 'g1', reconcile('a'));
    const queued = coalescer.run('F', 'g1', reconcile('b'));
    await settle();
    started[0]?.fail(new Error('ARM 500'));
    await expect(first).rejects.toThrow('ARM 500');
    await settle();
    started[1]?.end('b');
    expect(await queued).toBe('b');
  });

  it('through the gate event handler: 20 duplicate deliveries of one gate event cost 2 reads of the gate', async () => {
    const { deps, fleet } = fakeGateWorld();
    const gateId = '5e1f0000-0000-4000-8000-000000000001';
    const event = (i: number): object => ({
      id: `dup-${i}`,
      eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated',
      subject: `${FLEET_ID}/gates/${gateId}`,
      eventTime: '2026-11-21T10:00:00Z',
      data: {},
      dataVersion: '1',
    });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => handleFleetGateEvent(deps, event(i))));
    expect(outcomes.map((o) => o.kind)).toEqual(Array.from({ length: 20 }, () => 'gone'));
    expect(fleet.count('getGate')).toBe(2);
  });
});
