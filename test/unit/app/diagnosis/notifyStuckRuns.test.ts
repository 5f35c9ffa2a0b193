import { describe, expect, it } from 'vitest';
import type { DiagnosisDeps } from '../../../../src/app/diagnosis/diagnosisDeps';
import { notifyStuckRuns } from '../../../../src/app/diagnosis/notifyStuckRuns';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';
import type { MemberSnapshot, RunSnapshot } from '../../../../src/domain/history/runSnapshot';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import { InMemoryRunHistory } from '../../../support/fakes/InMemoryRunHistory';

const SUB = '00000000-0000-0000-0000-000000000001';
const FLEET = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f1`;
const T0 = Date.parse('2026-11-21T08:00:00Z');

function config() {
  const parsed = parseConductorConfig({
    fleets: [{ name: 'f1', subscriptionId: SUB, resourceGroup: 'rg', logAnalyticsWorkspaceId: '11111111-1111-1111-1111-111111111111', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'dev', groups: ['dev'] }] }],
    gatePolicies: [],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function snapshot(members: readonly MemberSnapshot[]): RunSnapshot {
  return {
    fleetName: 'f1',
    fleetId: FLEET,
    runName: 'k8s-1-33-2',
    state: 'Running',
    startTime: new Date(T0).toISOString(),
    createdAt: new Date(T0).toISOString(),
    observedAt: new Date(T0).toISOString(),
    createdBy: 'fleet-conductor',
    target: { kind: 'kubernetes', version: '1.33.2' },
    stages: [{ name: 'dev', state: 'Running', startTime: new Date(T0).toISOString(), gates: [], groups: [{ name: 'dev', state: 'Running', gates: [], members }] }],
  };
}

const pending: MemberSnapshot = { name: 'dev-2', state: 'Pending', clusterResourceId: '/subscriptions/s/rg/aks-dev-2', error: { code: 'KubernetesVersionNotAvailable', message: 'target upgrade kubernetes version "1.33.2" is not available in region "westeurope"' } };
const completed = (at: number): MemberSnapshot => ({ name: 'dev-1', state: 'Completed', startTime: new Date(T0).toISOString(), completedTime: new Date(at).toISOString(), clusterResourceId: '/subscriptions/s/rg/aks-dev-1' });

function world() {
  let now = T0;
  const deps: DiagnosisDeps = {
    config: config(),
    gates: new InMemoryGateStore(),
    evidence: new InMemoryEvidenceStore(),
    history: new InMemoryRunHistory(),
    audit: new InMemoryAuditLog(),
    outbox: new InMemoryOutbox(),
    clock: { nowIso: () => new Date(now).toISOString() },
    policy: { memberUpgradeExpectedMinutes: 60 },
    stuckNotifyAfterMinutes: 120,
  };
  return { deps, advanceMinutes: (m: number) => void (now += m * 60_000), outbox: deps.outbox as InMemoryOutbox, audit: deps.audit, history: deps.history as InMemoryRunHistory };
}

describe('notifyStuckRuns: one notification per stuck episode, after the threshold', () => {
  it('notifies once after 2 h stuck (not before, not again), and again after progress starts a new episode', async () => {
    const w = world();
    await w.history.upsertRun(snapshot([completed(T0 + 10 * 60_000), pending]));
    const sent = (): string[] => w.outbox.all().filter((m) => m.payload.reason === 'RunStuck').map((m) => m.id);

    w.advanceMinutes(10 + 119); // 119 minutes since the last progress
    expect((await notifyStuckRuns(w.deps)).notified).toEqual([]);
    w.advanceMinutes(1);
    expect(await notifyStuckRuns(w.deps)).toEqual({ checked: 1, stuck: ['f1/k8s-1-33-2'], notified: ['f1/k8s-1-33-2'] });
    for (let tick = 0; tick < 5; tick++) {
      w.advanceMinutes(30);
      expect((await notifyStuckRuns(w.deps)).notified).toEqual([]);
    }
    expect(sent()).toEqual(['k8s-1-33-2/RunStuck/2026-11-21T08:10:00.000Z']);
    const [message] = w.outbox.all().filter((m) => m.payload.reason === 'RunStuck');
    expect(message!.payload).toMatchObject({ severity: 'warning', fleet: 'f1', runName: 'k8s-1-33-2', since: '2026-11-21T08:10:00.000Z', minutes: 120, causes: [{ kind: 'MemberPendingVersionNotInRegion', subject: 'dev-2' }] });
    const trail = await w.audit.listAuditEvents(FLEET, 'k8s-1-33-2');
    expect(trail.filter((e) => e.kind === 'RunStuck').map((e) => [e.id, e.actor, (e.data as { minutes: number }).minutes])).toEqual([['k8s-1-33-2/RunStuck/2026-11-21T08:10:00.000Z', 'fleet-conductor', 120]]);

    // Progress: another member completes now; the run is stuck again on dev-2, a new episode from that moment.
    const progressAt = T0 + (10 + 120 + 150) * 60_000;
    await w.history.upsertRun(snapshot([completed(progressAt), pending]));
    expect((await notifyStuckRuns(w.deps)).notified).toEqual([]);
    w.advanceMinutes(120);
    expect((await notifyStuckRuns(w.deps)).notified).toEqual(['f1/k8s-1-33-2']);
    expect(sent()).toHaveLength(2);
  });

  it('a progressing or finished run is never notified', async () => {
    const w = world();
    await w.history.upsertRun(snapshot([completed(T0), { name: 'dev-2', state: 'Running', startTime: new Date(T0 + 10 * 60_000).toISOString() }]));
    w.advanceMinutes(30);
    expect(await notifyStuckRuns(w.deps)).toEqual({ checked: 1, stuck: [], notified: [] });
    await w.history.upsertRun({ ...snapshot([completed(T0), pending]), state: 'Completed' });
    w.advanceMinutes(600);
    expect(await notifyStuckRuns(w.deps)).toEqual({ checked: 0, stuck: [], notified: [] });
    expect(w.outbox.all()).toEqual([]);
  });
});
