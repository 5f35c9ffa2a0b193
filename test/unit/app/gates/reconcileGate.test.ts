import { describe, expect, it } from 'vitest';
import { reconcileGate } from '../../../../src/app/gates/reconcileGate';
import { JOURNAL_LEASE_SECONDS } from '../../../../src/app/gates/settleJournal';
import type { GateDeps } from '../../../../src/app/gates/gateDeps';
import { parseConductorConfig } from '../../../../src/domain/config/parseConductorConfig';
import type { ConductorConfig } from '../../../../src/domain/config/conductorConfig';
import { InMemoryGateStore } from '../../../support/fakes/InMemoryGateStore';
import { InMemoryEvidenceStore } from '../../../support/fakes/InMemoryEvidenceStore';
import { InMemoryAuditLog } from '../../../support/fakes/InMemoryAuditLog';
import { InMemoryOutbox } from '../../../support/fakes/InMemoryOutbox';
import type { GateRecord, GateStore, StoredGate } from '../../../../src/ports';
import { FakeFleetApi } from '../../../support/fakes/FakeFleetApi';
import { FakeLogsQuery } from '../../../support/fakes/FakeLogsQuery';
import { RecordingNotifier } from '../../../support/fakes/RecordingNotifier';

const SUB = '00000000-0000-0000-0000-000000000001';
const FLEET_ID = `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-1`;
const GATE = '11111111-2222-3333-4444-555555555555';
const RUN = 'k8s-1-33-4';
const cluster = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;

function config(analysis: Record<string, unknown> = {}): ConductorConfig {
  const result = parseConductorConfig({
    fleets: [{ name: 'fleet-1', subscriptionId: SUB, resourceGroup: 'rg-fleet', logAnalyticsWorkspaceId: '6b7f1d0a-2c3e-4f5a-9b8c-1d2e3f4a5b6c', strategy: 's' }],
    strategies: [{ name: 's', stages: [{ name: 'canary', groups: ['canary'], afterGate: 'canary-health' }, { name: 'prod', groups: ['prod'] }] }],
    gatePolicies: [
      {
        id: 'canary-health',
        checks: [{ name: 'nodes', type: 'nodes-ready' }, { name: 'pods', type: 'pods-healthy' }],
        analysis: { initialDelaySeconds: 60, intervalSeconds: 30, count: 1, ...analysis },
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

class Clock {
  constructor(public ms = Date.parse('2026-11-21T10:00:00Z')) {}
  nowIso = (): string => new Date(this.ms).toISOString();
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

interface World {
  deps: GateDeps;
  fleet: FakeFleetApi;
  logs: FakeLogsQuery;
  gates: InMemoryGateStore;
  audit: InMemoryAuditLog;
  evidence: InMemoryEvidenceStore;
  outbox: InMemoryOutbox;
  clock: Clock;
  lines: string[];
}

function world(options: { displayName?: string; analysis?: Record<string, unknown>; gates?: GateStore } = {}): World {
  const fleet = new FakeFleetApi();
  fleet.gates.set(GATE, {
    fleetId: FLEET_ID,
    gateId: GATE,
    displayName: options.displayName ?? 'conductor:canary-health',
    gateType: 'Approval',
    state: 'Pending',
    runName: RUN,
    stage: 'canary',
    timing: 'After',
  });
  fleet.runs.set(RUN, {
    fleetId: FLEET_ID,
    name: RUN,
    state: 'Pending',
    status: {
      stages: [
        { name: 'canary', groups: [{ name: 'canary', members: [{ name: 'canary-1', clusterResourceId: cluster('aks-canary-1'), status: { state: 'Completed' } }, { name: 'canary-2', clusterResourceId: cluster('aks-canary-2'), status: { state: 'Completed' } }] }] },
        { name: 'prod', groups: [{ name: 'prod', members: [{ name: 'prod-1', clusterResourceId: cluster('aks-prod-1'), status: { state: 'NotStarted' } }] }] },
      ],
    },
  });
  const logs = new FakeLogsQuery();
  const gates = new InMemoryGateStore();
  const audit = new InMemoryAuditLog();
  const evidence = new InMemoryEvidenceStore();
  const outbox = new InMemoryOutbox();
  const clock = new Clock();
  const lines: string[] = [];
  const deps: GateDeps = {
    fleet,
    logs,
    gates: options.gates ?? gates,
    evidence,
    audit,
    outbox,
    clock,
    config: config(options.analysis),
    log: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) },
    notifier: () => new RecordingNotifier(),
  };
  return { deps, fleet, logs, gates, audit, evidence, outbox, clock, lines };
}

const ref = { fleetId: FLEET_ID, gateId: GATE };
const phaseOf = async (w: World): Promise<string | undefined> => (await w.gates.getGate(FLEET_ID, GATE))?.state.phase.name;

describe('reconcileGate', () => {
  it('given a healthy canary, soaks, measures both clusters in one query per check, completes the Fleet gate once, then passes', async () => {
    const w = world();
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Soaking' });
    expect(w.logs.queries).toEqual([]);
    w.clock.advance(61);
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Approving' });
    expect(w.logs.queries).toHaveLength(2);
    for (const q of w.logs.queries) {
      expect(q.kql).toContain(cluster('aks-canary-1'));
      expect(q.kql).toContain(cluster('aks-canary-2'));
      expect(q.kql).not.toContain('aks-prod-1');
    }
    expect(w.fleet.count('completeGate')).toBe(1);
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Passed' });
    expect(w.fleet.count('completeGate')).toBe(1);
    expect(w.fleet.count('stopUpdateRun')).toBe(0);
    const trail = await w.audit.listAuditEvents(FLEET_ID, RUN);
    expect(trail.map((e) => (e.data as { to: string }).to)).toEqual(expect.arrayContaining(['Soaking', 'Checking', 'Approving', 'Passed']));
    expect((await w.evidence.listEvidence({ fleetId: FLEET_ID, runName: RUN, gateId: GATE })).map((e) => e.evaluations.map((x) => x.outcome))).toEqual([['Successful', 'Successful']]);
  });

  it('Fleet Stopping (a member failure elsewhere while members finish) and then Failed cancel nothing; only Stopped does', async () => {
    const w = world();
    await reconcileGate(w.deps, ref);
    expect(await phaseOf(w)).toBe('Soaking');
    const run = w.fleet.runs.get(RUN);
    if (!run) throw new Error('no run');
    w.fleet.runs.set(RUN, { ...run, state: 'Stopping' });
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Soaking' });
    w.fleet.runs.set(RUN, { ...run, state: 'Failed' });
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Soaking' });
    expect((await w.audit.listAuditEvents(FLEET_ID, RUN)).map((e) => (e.data as { to?: string }).to)).not.toContain('Cancelled');
    // resumed: the gate goes on with its soak and checks as if nothing happened
    w.fleet.runs.set(RUN, { ...run, state: 'Running' });
    w.clock.advance(61);
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Approving' });
    // a user's stop, once final, does cancel an undecided gate
    const w2 = world();
    await reconcileGate(w2.deps, ref);
    const run2 = w2.fleet.runs.get(RUN);
    if (!run2) throw new Error('no run');
    w2.fleet.runs.set(RUN, { ...run2, state: 'Stopped' });
    expect(await reconcileGate(w2.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Cancelled' });
  });

  it('given NotReady nodes on one canary, stops the run with evidence naming that cluster and never completes the gate', async () => {
    const w = world();
    w.logs.valueFor = (c, kql) => (c.endsWith('aks-canary-2') && kql.includes('KubeNodeInventory') ? 3 : 0);
    await reconcileGate(w.deps, ref);
    w.clock.advance(61);
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Failed' });
    expect(w.fleet.count('stopUpdateRun')).toBe(1);
    expect(w.fleet.count('completeGate')).toBe(0);
    const [evidence] = await w.evidence.listEvidence({ fleetId: FLEET_ID, runName: RUN, gateId: GATE });
    const nodes = evidence?.evaluations.find((e) => e.checkName === 'nodes');
    expect(nodes?.outcome).toBe('Failed');
    expect(nodes?.perCluster.filter((v) => v.outcome === 'Failed').map((v) => [v.clusterId, v.value])).toEqual([[cluster('aks-canary-2'), 3]]);
    expect(nodes?.evidence.rows).toContainEqual([cluster('aks-canary-2'), 3]);
    expect(w.outbox.all().map((m) => m.channel)).toContain('notifications');
    // the next reconciles see the run stopping and do nothing more
    await reconcileGate(w.deps, ref);
    expect(w.fleet.count('stopUpdateRun')).toBe(1);
    expect(w.fleet.count('completeGate')).toBe(0);
  });

  it('given Log Analytics errors, never passes and is held Inconclusive after consecutiveErrorLimit, with the reason', async () => {
    const w = world({ analysis: { consecutiveErrorLimit: 2 } });
    w.logs.failWith = { error: { code: 'Http503', message: 'service unavailable' } };
    await reconcileGate(w.deps, ref);
    let phase: string | undefined;
    for (let i = 0; i < 6 && phase !== 'Inconclusive'; i++) {
      w.clock.advance(61);
      await reconcileGate(w.deps, ref);
      phase = await phaseOf(w);
    }
    expect(phase).toBe('Inconclusive');
    expect(w.fleet.count('completeGate')).toBe(0);
    expect(w.fleet.count('stopUpdateRun')).toBe(0);
    const last = (await w.gates.getGate(FLEET_ID, GATE))?.state.history.at(-1);
    expect(last?.reason).toBe('ConsecutiveErrorLimitExceeded');
  });

  it('given no data for one cluster, is held Inconclusive by default and never completes the gate', async () => {
    const w = world();
    w.logs.valueFor = (c) => (c.endsWith('aks-canary-2') ? undefined : 0);
    await reconcileGate(w.deps, ref);
    w.clock.advance(61);
    await reconcileGate(w.deps, ref);
    expect(await phaseOf(w)).toBe('Inconclusive');
    expect(w.fleet.count('completeGate')).toBe(0);
  });

  it('leaves a foreign gate alone, storing nothing and logging it once', async () => {
    const w = world({ displayName: 'Manual approval by SRE' });
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'notManaged' });
    await reconcileGate(w.deps, ref);
    expect(await w.gates.getGate(FLEET_ID, GATE)).toBeUndefined();
    expect(w.lines.filter((l) => l.includes('is not Conductor'))).toHaveLength(1);
    expect(w.fleet.count('completeGate')).toBe(0);
  });

  it('holds a gate naming an unknown policy, reporting it once', async () => {
    const w = world({ displayName: 'conductor:no-such-policy' });
    expect(await reconcileGate(w.deps, ref)).toEqual({ kind: 'unknownPolicy', policyId: 'no-such-policy' });
    await reconcileGate(w.deps, ref);
    expect(w.outbox.all()).toHaveLength(1);
    expect((await w.audit.listAuditEvents(FLEET_ID, RUN)).map((e) => e.kind)).toEqual(['UnknownGatePolicy']);
    expect(w.fleet.count('completeGate')).toBe(0);
  });

  it('ignores a fleet it does not manage', async () => {
    const w = world();
    expect(await reconcileGate(w.deps, { fleetId: FLEET_ID.replace('fleet-1', 'other'), gateId: GATE })).toMatchObject({ kind: 'notManaged' });
    expect(w.fleet.calls).toEqual([]);
  });

  it('given two reconcilers racing on one gate, makes exactly one PATCH and one set of audit events', async () => {
    const w = world();
    await reconcileGate(w.deps, ref);
    w.clock.advance(61);
    const outcomes = await Promise.all([reconcileGate(w.deps, ref), reconcileGate(w.deps, ref)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['lostRace', 'reconciled']);
    expect(w.fleet.count('completeGate')).toBe(1);
    const trail = await w.audit.listAuditEvents(FLEET_ID, RUN);
    const toApproving = trail.filter((e) => (e.data as { to?: string }).to === 'Approving');
    expect(toApproving).toHaveLength(1);
    expect(new Set(trail.map((e) => e.id)).size).toBe(trail.length);
  });
});

/** A GateStore that crashes once when clearing a journal that held an action of `kind` (effects done, not recorded). */
class CrashingGateStore extends InMemoryGateStore {
  crashClearingAfter: string | undefined;
  crashed = 0;
  private lastJournalKinds: string[] = [];
  override replaceGate(record: GateRecord, etag: string): Promise<StoredGate> {
    if (record.journal.length === 0 && this.crashClearingAfter && this.lastJournalKinds.includes(this.crashClearingAfter)) {
      this.crashClearingAfter = undefined;
      this.crashed++;
      return Promise.reject(new Error('crash while clearing the journal'));
    }
    this.lastJournalKinds = record.journal.map((e) => e.action.kind);
    return super.replaceGate(record, etag);
  }
}

/** Wraps `fn` so that the first call for which `when` holds fails; counts how often it fired. */
function failWhen<A extends unknown[], R>(fn: (...args: A) => Promise<R>, when: (...args: A) => boolean, fired: { n: number }): (...args: A) => Promise<R> {
  return (...args: A) => {
    if (fired.n === 0 && when(...args)) {
      fired.n++;
      return Promise.reject(new Error('injected write failure'));
    }
    return fn(...args);
  };
}

describe('reconcileGate after a crash at an action boundary of the deciding step (Checking → Approving)', () => {
  const boundaries: { name: string; inject: (w: World, store: CrashingGateStore, fired: { n: number }) => void; holdsClaim?: boolean }[] = [
    {
      name: 'the audit write fails',
      inject: (w, _s, fired) =>
        (w.audit.appendAuditEvents = failWhen(w.audit.appendAuditEvents.bind(w.audit), (events) => events.some((e) => (e.data as { to?: string } | undefined)?.to === 'Approving'), fired)),
    },
    { name: 'the evidence write fails', inject: (w, _s, fired) => (w.evidence.putEvidence = failWhen(w.evidence.putEvidence.bind(w.evidence), (_e) => true, fired)) },
    {
      name: 'the Fleet PATCH fails after the decision was saved',
      inject: (w, _s, fired) => (w.fleet.completeGate = failWhen(w.fleet.completeGate.bind(w.fleet), (_f, _g) => true, fired)),
    },
    {
      name: 'clearing the journal fails after every effect was carried out',
      inject: (_w, store, fired) => {
        store.crashClearingAfter = 'completeFleetGate';
        Object.defineProperty(fired, 'n', { get: () => store.crashed });
      },
      // Every effect was carried out, so the journal's claim is not given back: it is replayed once the lease ends.
      holdsClaim: true,
    },
  ];

  it.each(boundaries)('converges on the next reconciles with no duplicate action when $name', async ({ inject, holdsClaim }) => {
    const store = new CrashingGateStore();
    const w = world({ gates: store });
    w.gates = store;
    await reconcileGate(w.deps, ref); // Observed → Soaking
    w.clock.advance(61);
    const fired = { n: 0 };
    inject(w, store, fired);
    await expect(reconcileGate(w.deps, ref)).rejects.toThrow();
    expect(fired.n).toBe(1);
    if (holdsClaim) {
      expect(await reconcileGate(w.deps, ref)).toEqual({ kind: 'lostRace' });
      w.clock.advance(JOURNAL_LEASE_SECONDS + 1);
    }
    await reconcileGate(w.deps, ref);
    await reconcileGate(w.deps, ref);
    expect(await phaseOf(w)).toBe('Passed');
    expect(w.fleet.gates.get(GATE)?.state).toBe('Completed');
    const patches = w.fleet.count('completeGate');
    expect(patches).toBe(1);
    const trail = await w.audit.listAuditEvents(FLEET_ID, RUN);
    expect(new Set(trail.map((e) => e.id)).size).toBe(trail.length);
    expect(trail.filter((e) => (e.data as { to?: string }).to === 'Approving')).toHaveLength(1);
    expect(await w.evidence.listEvidence({ fleetId: FLEET_ID, runName: RUN, gateId: GATE })).toHaveLength(1);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.journal).toEqual([]);
  });
});

describe('reconcileGate runs the checks of a decision that only reads and records before saving it (issue 14)', () => {
  it('saves nothing when the query call crashes, and the next reconcile measures and decides at once', async () => {
    const w = world();
    await reconcileGate(w.deps, ref); // Observed → Soaking
    w.clock.advance(61);
    const query = w.logs.query.bind(w.logs);
    let crashes = 0;
    w.logs.query = (...args) => (crashes++ === 0 ? Promise.reject(new Error('worker lost while querying')) : query(...args));
    const before = await w.gates.getGate(FLEET_ID, GATE);

    await expect(reconcileGate(w.deps, ref)).rejects.toThrow('worker lost while querying');
    // The decision to measure acted on nothing outside the store: it is not saved, and its records are not written.
    const stored = await w.gates.getGate(FLEET_ID, GATE);
    expect(stored).toEqual(before);
    expect(stored?.state.phase.name).toBe('Soaking');
    expect(await w.evidence.listEvidence({ fleetId: FLEET_ID, runName: RUN, gateId: GATE })).toHaveLength(0);
    const transitions = async (): Promise<string[]> => (await w.audit.listAuditEvents(FLEET_ID, RUN)).map((e) => `${(e.data as { from: string }).from}→${(e.data as { to: string }).to}`);
    expect(await transitions()).not.toContain('Soaking→Checking');

    // No time passes: the decision is taken again from the saved state, and measures.
    expect(await reconcileGate(w.deps, ref)).toMatchObject({ kind: 'reconciled', phase: 'Approving' });
    expect(w.fleet.count('completeGate')).toBe(1);
    expect(await w.evidence.listEvidence({ fleetId: FLEET_ID, runName: RUN, gateId: GATE })).toHaveLength(1);
    expect((await w.gates.getGate(FLEET_ID, GATE))?.journal).toEqual([]);
    // The measuring decision's audit event went with the deciding one's write: recorded once, none lost.
    expect((await transitions()).filter((t) => t === 'Soaking→Checking' || t === 'Checking→Approving')).toEqual(['Soaking→Checking', 'Checking→Approving']);
  });
});
