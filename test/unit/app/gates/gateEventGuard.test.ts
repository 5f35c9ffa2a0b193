import { describe, expect, it } from 'vitest';
import { handleFleetGateEvent } from '../../../../src/app/gates/handleFleetGateEvent';
import { UnknownGateCache } from '../../../../src/app/gates/UnknownGateCache';
import type { GateDeps } from '../../../../src/app/gates/gateDeps';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';
import { FakeLogsQuery } from '../../../support/fakes/FakeLogsQuery';

const SUB = '00000000-0000-0000-0000-000000000001';
const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-1`;

function deps(): { deps: GateDeps; fleet: FakeFleetApi; clock: { ms: number } } {
  const parsed = parseConductorConfig({
    fleets: [{ name: 'fleet-1', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'dev', groups: ['dev'] }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const fleet = new FakeFleetApi();
  const clock = { ms: Date.parse('2026-11-21T10:00:00Z') };
  const log = { info: () => undefined, warn: () => undefined };
  return {
    fleet,
    clock,
    deps: {
      config: parsed.value,
      fleet,
      logs: new FakeLogsQuery(),
      gates: new InMemoryGateStore(),
      evidence: new InMemoryEvidenceStore(),
      audit: new InMemoryAuditLog(),
      outbox: new InMemoryOutbox(),
      clock: { nowIso: () => new Date(clock.ms).toISOString() },
      log,
    },
  };
}

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
    const { deps: d, fleet } = deps();
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
    const { deps: d, fleet, clock } = deps();
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
