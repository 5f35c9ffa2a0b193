import type { GateDeps } from '../../../../src/app/gates/gateDeps';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';
import { FakeLogsQuery } from '../../../support/fakes/FakeLogsQuery';
import { RecordingNotifier } from '../../../support/fakes/RecordingNotifier';

export const SUB = '00000000-0000-0000-0000-000000000001';
export const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-1`;

/** Gate use-case dependencies over fakes: one fleet, one stage, a virtual clock the test moves. */
export function fakeGateWorld(): { deps: GateDeps; fleet: FakeFleetApi; clock: { ms: number } } {
  const parsed = parseConductorConfig({
    fleets: [{ name: 'fleet-1', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'dev', groups: ['dev'] }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const fleet = new FakeFleetApi();
  const clock = { ms: Date.parse('2026-11-21T10:00:00Z') };
  const deps: GateDeps = {
    config: parsed.value,
    fleet,
    logs: new FakeLogsQuery(),
    gates: new InMemoryGateStore(),
    evidence: new InMemoryEvidenceStore(),
    audit: new InMemoryAuditLog(),
    outbox: new InMemoryOutbox(),
    clock: { nowIso: () => new Date(clock.ms).toISOString() },
    log: { info: () => undefined, warn: () => undefined },
    notifier: () => new RecordingNotifier(),
  };
  return { deps, fleet, clock };
}
