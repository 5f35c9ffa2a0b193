import { describe, expect, it } from 'vitest';
import { handleFleetGateEvent } from '../../../../src/app/gates/handleFleetGateEvent';
import { fakeGateWorld, FLEET_ID } from './fakeGateWorld';
import { UnknownGateCache } from '../../../../src/app/gates/UnknownGateCache';

const event = (gateName: string): object => ({
  id: `e-${gateName}`,
  eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated',
  subject: `${FLEET_ID}/gates/${gateName}`,
  eventTime: '2026-11-21T10:00:00Z',
  data: {},
  dataVersion: '1',
});

describe('gate events with ids Fleet never issued', () => {
  it('refuses an id that is not a GUID before any ARM call (the event parser, or else the guard behind it)', async () => {
    const { deps: d, fleet } = fakeGateWorld();
    for (const id of ['not-a-guid', '0badc0de-0000-4000-8000-00000000000', 'zzzzzzzz-0000-4000-8000-000000000001']) {
      expect((await handleFleetGateEvent(d, event(id))).kind).toBe('ignored');
    }
    expect(fleet.calls).toEqual([]);
  });

  it('the guard alone refuses what is not a GUID, with its reason', () => {
    const cache = new UnknownGateCache({ nowIso: () => '2026-11-21T10:00:00Z' });
    expect(cache.refuse(FLEET_ID, 'not-a-guid')).toBe('gate id "not-a-guid" is not a GUID');
    expect(cache.refuse(FLEET_ID, '0badc0de-0000-4000-8000-000000000001')).toBeUndefined();
  });

  it('answers a repeated unknown GUID from a short negative cache, then asks Fleet again after a minute', async () => {
    const { deps: d, fleet, clock } = fakeGateWorld();
    const id = '0badc0de-0000-4000-8000-000000000001';
    expect(await handleFleetGateEvent(d, event(id))).toEqual({ kind: 'gone' });
    const afterFirst = fleet.calls.length;
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 100; i++) expect((await handleFleetGateEvent(d, event(id))).kind).toBe('ignored');
    expect(fleet.calls.length).toBe(afterFirst);
    clock.ms += 61_000;
    expect(await handleFleetGateEvent(d, event(id))).toEqual({ kind: 'gone' });
    expect(fleet.calls.length).toBe(2 * afterFirst);
  });
});
