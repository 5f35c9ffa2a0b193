import { describe, expect, it } from 'vitest';
import { handleFleetGateEvent } from '../../../../src/app/gates/handleFleetGateEvent';
import { fakeGateWorld, FLEET_ID } from './fakeGateWorld';

/**
 * Issue 14: 10,000 gate events with random gate ids once cost 10,021 ARM GETs. Ids that are not GUIDs are refused
 * before any ARM call and a repeated unknown GUID is answered from the negative cache, so the storm costs one look-up
 * per distinct unknown GUID per minute (virtual clock), whatever the number of events.
 */
/** A deterministic storm: half garbage ids, half drawn from 20 GUIDs neither Fleet nor Conductor knows. */
function storm(size: number): string[] {
  const unknown = Array.from({ length: 20 }, (_, i) => `0badc0de-0000-4000-8000-${String(i).padStart(12, '0')}`);
  let seed = 14;
  // The LCG's high bits (its low bits cycle too fast to spread over 20 ids).
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16;
  return Array.from({ length: size }, () => (next() % 2 === 0 ? `gate-${next().toString(36)}` : (unknown[next() % unknown.length] as string)));
}

const event = (gateName: string, i: number): object => ({
  id: `e-${i}`,
  eventType: 'Microsoft.ResourceNotifications.AKSResources.FleetGateUpdated',
  subject: `${FLEET_ID}/gates/${gateName}`,
  eventTime: '2026-11-21T10:00:00Z',
  data: {},
  dataVersion: '1',
});

describe('a storm of 10,000 gate events with random ids', () => {
  it('costs one ARM look-up per distinct unknown GUID per minute, and none for ids that are not GUIDs', async () => {
    const { deps, fleet, clock } = fakeGateWorld();
    const ids = storm(10_000);
    const outcomes: Record<string, number> = {};
    for (const [i, id] of ids.entries()) {
      const outcome = await handleFleetGateEvent(deps, event(id, i));
      outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
    }
    expect(fleet.calls.map((c) => c.method).filter((m) => m !== 'getGate')).toEqual([]);
    expect(fleet.count('getGate')).toBe(20);
    expect(outcomes).toEqual({ gone: 20, ignored: 10_000 - 20 });
    // A minute later the cache has expired: each unknown GUID is asked about once more, not once per event.
    clock.ms += 61_000;
    for (const [i, id] of ids.slice(0, 2_000).entries()) await handleFleetGateEvent(deps, event(id, i));
    expect(fleet.count('getGate')).toBe(40);
  });
});
