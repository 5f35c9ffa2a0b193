import { describe, expect, it } from 'vitest';
import { handleFleetGateEvent } from '../../../../src/app/gates/handleFleetGateEvent';
import type { GateDeps } from '../../../../src/app/gates/gateDeps';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';
import { FakeLogsQuery } from '../../../support/fakes/FakeLogsQuery';

/**
 * Issue 14: 10,000 gate events with random gate ids once cost 10,021 ARM GETs. Ids that are not GUIDs are refused
 * before any ARM call and a repeated unknown GUID is answered from the negative cache, so the storm costs one look-up
 * per distinct unknown GUID per minute (virtual clock), whatever the number of events.
 */
const SUB = '00000000-0000-0000-0000-000000000001';
const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-1`;

function world(): { deps: GateDeps; fleet: FakeFleetApi; clock: { ms: number } } {
  const parsed = parseConductorConfig({
    fleets: [{ name: 'fleet-1', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'dev', groups: ['dev'] }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const fleet = new FakeFleetApi();
  const clock = { ms: Date.parse('2026-11-21T10:00:00Z') };
  const log = { info: () => undefined, warn: () => undefined };
  const deps: GateDeps = {
    config: parsed.value,
    fleet,
    logs: new FakeLogsQuery(),
    gates: new InMemoryGateStore(),
    evidence: new InMemoryEvidenceStore(),
    audit: new InMemoryAuditLog(),
    outbox: new InMemoryOutbox(),
    clock: { nowIso: () => new Date(clock.ms).toISOString() },
    log,
  };
  return { deps, fleet, clock };
}

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
    const { deps, fleet, clock } = world();
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
