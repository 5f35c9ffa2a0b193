import { describe, expect, it } from 'vitest';
import { reconcileGate } from '../../../../src/app/gates/reconcileGate';
import { getRunDetail } from '../../../../src/app/history/getRunDetail';
import type { RunSnapshot } from '../../../../src/domain/history/runSnapshot';
import { type FakeLogsQuery } from '../../../support/fakes/FakeLogsQuery';
import { InMemoryReleaseStore } from '../../../support/fakes/InMemoryReleaseStore';
import { InMemoryRunHistory } from '../../../support/fakes/InMemoryRunHistory';
import { awaitingApproval, cluster, FLEET_ID, GATE, ref, RUN, world, type World } from '../../../support/approvalWorld';

/** The run as Fleet shows it while its canary after-gate is Pending (canary done, prod not started). */
function snapshot(at: string): RunSnapshot {
  return {
    fleetName: 'fleet-1',
    fleetId: FLEET_ID,
    runName: RUN,
    state: 'Pending',
    startTime: '2026-11-21T09:30:00.000Z',
    createdAt: '2026-11-21T09:30:00.000Z',
    observedAt: at,
    createdBy: 'fleet-conductor',
    target: { kind: 'kubernetes', version: '1.33.4' },
    stages: [
      {
        name: 'canary',
        state: 'Pending',
        startTime: '2026-11-21T09:30:00.000Z',
        gates: [{ displayName: 'conductor:canary-health', timing: 'After', state: 'Pending', gateId: GATE, startTime: '2026-11-21T10:00:00.000Z' }],
        groups: [{ name: 'canary', state: 'Completed', gates: [], members: [{ name: 'canary-1', state: 'Completed', clusterResourceId: cluster('aks-canary-1'), startTime: '2026-11-21T09:30:00.000Z', completedTime: '2026-11-21T09:55:00.000Z' }] }],
      },
      { name: 'prod', state: 'NotStarted', gates: [], groups: [{ name: 'prod', state: 'NotStarted', gates: [], members: [{ name: 'prod-1', state: 'NotStarted', clusterResourceId: cluster('aks-prod-1') }] }] },
    ],
  };
}

async function detailOf(w: World) {
  const history = new InMemoryRunHistory();
  await history.upsertRun(snapshot(w.clock.nowIso()));
  const { deps } = w;
  return getRunDetail(
    {
      config: deps.config,
      history,
      gates: deps.gates,
      evidence: deps.evidence,
      audit: deps.audit,
      releases: new InMemoryReleaseStore(),
      clock: deps.clock,
      diagnosis: { config: deps.config, gates: deps.gates, evidence: deps.evidence, approvals: deps.approvals.store, clock: deps.clock, policy: { memberUpgradeExpectedMinutes: 60 }, history, audit: deps.audit, outbox: deps.outbox, stuckNotifyAfterMinutes: 120 },
    },
    'fleet-1',
    RUN,
  );
}

describe('run detail explains a run stuck at a Conductor gate (the gate machine, then diagnosis)', () => {
  it('awaiting approval: who was asked (2 of alice and bob), through which channels, since when, until when', async () => {
    const w = world();
    await awaitingApproval(w);
    const requestedAt = w.clock.nowIso();
    w.clock.advance(30 * 60);
    const d = (await detailOf(w))!.diagnosis!;
    expect(d.state).toBe('stuck');
    expect(d.causes).toEqual([
      expect.objectContaining({
        kind: 'GateAwaitingApproval',
        subject: 'conductor:canary-health',
        since: requestedAt,
        until: new Date(Date.parse(requestedAt) + 60 * 60_000).toISOString(),
        evidence: expect.objectContaining({ asked: { users: ['alice@contoso.com', 'bob@contoso.com'], objectIds: [], groups: [], quorum: 2 }, approvals: 0 }),
      }),
    ]);
    expect(d.causes[0]!.message).toContain('0 of 2 approvals from alice@contoso.com, bob@contoso.com (asked through teams, webhook)');
    expect(d.lastProgressAt).toBe(requestedAt);
    expect(d.stuckForMinutes).toBe(30);
  });

  it('held Inconclusive: the check, its reason and the last measurement say why', async () => {
    const w = world();
    (w.deps.logs as FakeLogsQuery).valueFor = () => undefined; // no rows for the gated cluster
    await reconcileGate(w.deps, ref);
    w.clock.advance(61);
    await reconcileGate(w.deps, ref);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name).toBe('Inconclusive');
    w.clock.advance(3 * 3600);
    const d = (await detailOf(w))!.diagnosis!;
    expect(d.state).toBe('stuck');
    expect(d.causes.map((c) => c.kind)).toEqual(['GateInconclusive']);
    expect(d.causes[0]!.message).toMatch(/nodes: InconclusiveLimitExceeded \(last measurement: Inconclusive, ClusterInconclusive: .*; aks-canary-1 NoData\)/);
    expect(d.causes[0]!.fix).toContain(`/gates/${GATE}/retry`);
  });
});
