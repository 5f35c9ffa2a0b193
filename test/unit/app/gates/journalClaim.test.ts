import { describe, expect, it } from 'vitest';
import { reconcileGate } from '../../../../src/app/gates/reconcileGate';
import { JOURNAL_LEASE_SECONDS } from '../../../../src/app/gates/settleJournal';
import type { GateDeps } from '../../../../src/app/gates/gateDeps';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';
import type { FleetApi } from '../../../../src/ports';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';
import { FakeLogsQuery } from '../../../support/fakes/FakeLogsQuery';
import { RecordingNotifier } from '../../../support/fakes/RecordingNotifier';

const SUB = '00000000-0000-0000-0000-000000000001';
const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-1`;
const GATE = '11111111-2222-3333-4444-555555555555';
const RUN = 'k8s-1-33-4';
const ref = { fleetId: FLEET_ID, gateId: GATE };

function config() {
  const result = parseConductorConfig({
    fleets: [{ name: 'fleet-1', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'canary', groups: ['canary'], afterGate: 'canary-health' }, { name: 'prod', groups: ['prod'] }] }],
    gatePolicies: [{ id: 'canary-health', checks: [{ name: 'nodes', type: 'nodes-ready' }], analysis: { initialDelaySeconds: 60, intervalSeconds: 30, count: 1 } }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

/** Two hosts: their own Fleet client and clock reading, one storage and one Fleet behind them. */
function twoHosts() {
  const fleet = new FakeFleetApi();
  fleet.gates.set(GATE, { fleetId: FLEET_ID, gateId: GATE, displayName: 'conductor:canary-health', gateType: 'Approval', state: 'Pending', runName: RUN, stage: 'canary', timing: 'After' });
  const member = (name: string, state: string) => ({ name, clusterResourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`, status: { state } });
  fleet.runs.set(RUN, {
    fleetId: FLEET_ID,
    name: RUN,
    state: 'Running',
    status: { stages: [{ name: 'canary', groups: [{ name: 'canary', members: [member('aks-canary', 'Completed')] }] }, { name: 'prod', groups: [{ name: 'prod', members: [member('aks-prod', 'NotStarted')] }] }] },
  });
  const clock = { ms: Date.parse('2026-11-21T10:00:00Z'), nowIso: () => new Date(clock.ms).toISOString() };
  const shared = { logs: new FakeLogsQuery(), gates: new InMemoryGateStore(), evidence: new InMemoryEvidenceStore(), audit: new InMemoryAuditLog(), outbox: new InMemoryOutbox(), clock, config: config() };
  const log = { info: () => undefined, warn: () => undefined };
  const host = (api: FleetApi): GateDeps => ({ ...shared, fleet: api, log, notifier: () => new RecordingNotifier() });
  return { fleet, clock, shared, host };
}

/** A Fleet client whose PATCH waits until `release()`; `crash()` makes it fail like a process that died before sending. */
function heldPatch(fleet: FakeFleetApi) {
  let release: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const reachedPatch = new Promise<void>((r) => (reached = r));
  const gate = new Promise<void>((r) => (release = r));
  const api: FleetApi = Object.create(fleet) as FleetApi;
  let crashed = false;
  api.completeGate = async (fleetId, gateId) => {
    reached();
    await gate;
    if (crashed) throw new Error('host died before the PATCH left');
    return fleet.completeGate(fleetId, gateId);
  };
  return { api, reachedPatch, release: () => release(), crash: () => ((crashed = true), release()) };
}

describe('journaled Fleet commands across two hosts on one storage', () => {
  it('a second host that reads the journal while the first carries it out leaves it alone: one PATCH', async () => {
    const { fleet, clock, host } = twoHosts();
    const b = host(fleet);
    await reconcileGate(b, ref); // Soaking
    clock.ms += 61_000;
    const held = heldPatch(fleet);
    const first = reconcileGate(host(held.api), ref);
    await held.reachedPatch; // host A saved Approving with its journal and is about to PATCH
    expect(await reconcileGate(b, ref)).toEqual({ kind: 'lostRace' });
    held.release();
    expect(await first).toMatchObject({ kind: 'reconciled', phase: 'Approving' });
    expect(fleet.count('completeGate')).toBe(1);
    expect(await reconcileGate(b, ref)).toMatchObject({ kind: 'reconciled', phase: 'Passed' });
    expect(fleet.count('completeGate')).toBe(1);
  });

  it('a host that dies between claiming and PATCHing is replaced once its lease expires, and the PATCH is sent once', async () => {
    const { fleet, clock, host, shared } = twoHosts();
    const b = host(fleet);
    await reconcileGate(b, ref);
    clock.ms += 61_000;
    const held = heldPatch(fleet);
    const first = reconcileGate(host(held.api), ref);
    await held.reachedPatch;
    held.crash();
    await expect(first).rejects.toThrow('host died');
    // A real crash would not give the claim back; the release in settleJournal is best effort. Model the crash
    // faithfully by restoring the claim the dead host held.
    const stored = await shared.gates.getGate(FLEET_ID, GATE);
    if (!stored) throw new Error('no gate');
    const claimed = stored.claim ? stored : await shared.gates.replaceGate({ ...stored, claim: { until: new Date(clock.ms + JOURNAL_LEASE_SECONDS * 1000).toISOString() } }, stored.etag);
    expect(claimed.journal.map((e) => e.action.kind)).toContain('completeFleetGate');
    expect(await reconcileGate(b, ref)).toEqual({ kind: 'lostRace' });
    expect(fleet.count('completeGate')).toBe(0);
    clock.ms += JOURNAL_LEASE_SECONDS * 1000 + 1000;
    await reconcileGate(b, ref);
    expect(fleet.count('completeGate')).toBe(1);
    expect(await reconcileGate(b, ref)).toMatchObject({ kind: 'reconciled', phase: 'Passed' });
    expect(fleet.count('completeGate')).toBe(1);
  });

  it('a PATCH that fails (not a crash) gives the claim back: the next reconcile retries at once', async () => {
    const { fleet, clock, host } = twoHosts();
    const b = host(fleet);
    await reconcileGate(b, ref);
    clock.ms += 61_000;
    fleet.failNext('completeGate', new Error('ARM answered 500'));
    await expect(reconcileGate(b, ref)).rejects.toThrow('500');
    await reconcileGate(b, ref);
    expect(fleet.count('completeGate')).toBe(2);
    expect(fleet.gates.get(GATE)?.state).toBe('Completed');
  });
});
