import { describe, expect, it } from 'vitest';
import { diagnoseRun } from '../../../../src/domain/diagnosis/diagnoseRun';
import type { GateFact, RunFacts, WarningEventFact } from '../../../../src/domain/diagnosis/runFacts';
import type { MemberSnapshot, RunSnapshot } from '../../../../src/domain/history/runSnapshot';
import { stuckEpisode } from '../../../../src/domain/diagnosis/stuckEpisode';

const FLEET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f';
const cluster = (name: string): string => `/subscriptions/s/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-${name}`;
const NOW = '2026-11-21T12:00:00.000Z';

function run(members: readonly MemberSnapshot[], options: { state?: string; gates?: RunSnapshot['stages'][number]['gates'] } = {}): RunSnapshot {
  return {
    fleetName: 'f',
    fleetId: FLEET,
    runName: 'k8s-1-33-2',
    state: options.state ?? 'Running',
    startTime: '2026-11-21T08:00:00Z',
    createdAt: '2026-11-21T08:00:00Z',
    observedAt: NOW,
    createdBy: 'fleet-conductor',
    target: { kind: 'kubernetes', version: '1.33.2' },
    stages: [{ name: 'dev', state: 'Running', startTime: '2026-11-21T08:00:00Z', gates: options.gates ?? [], groups: [{ name: 'dev', state: 'Running', gates: [], members }] }],
  };
}

const done: MemberSnapshot = { name: 'dev-1', state: 'Completed', startTime: '2026-11-21T08:00:00Z', completedTime: '2026-11-21T09:00:00Z', clusterResourceId: cluster('dev-1') };

function facts(snapshot: RunSnapshot, extra: Partial<RunFacts> = {}): RunFacts {
  return { now: NOW, run: snapshot, gates: [], approvals: [], maintenance: [], warningEvents: [], unread: [], policy: { memberUpgradeExpectedMinutes: 60 }, ...extra };
}

const gate = (phase: string, since: string, extra: Partial<GateFact> = {}): GateFact => ({ gateId: 'g1', displayName: 'conductor:dev-health', policyId: 'dev-health', phase, since, checks: [], ...extra });

const pdbEvent: WarningEventFact = {
  clusterResourceId: cluster('dev-2').toLowerCase(),
  objectKind: 'Node',
  namespace: 'default',
  name: 'aks-nodepool1-0-vmss000000',
  reason: 'Drain',
  message: "Drain node aks-nodepool1-0-vmss000000 failed when evicting pod web-1: Cannot evict pod as it would violate the pod's disruption budget. PDB debug info: shop/web-1 blocked by pdb web-pdb with 0 unready pods",
  source: 'upgrader',
  count: 5,
  firstSeen: '2026-11-21T10:02:00.000Z',
  lastSeen: '2026-11-21T11:58:00.000Z',
};

describe('diagnoseRun: why an active run is not progressing', () => {
  const cases: { name: string; facts: RunFacts; state: string; kinds: string[]; message: RegExp; until?: string; since?: string }[] = [
    {
      name: 'a gate awaiting approval names who was asked and since when',
      facts: facts(run([done]), {
        gates: [gate('AwaitingApproval', '2026-11-21T09:30:00.000Z')],
        approvals: [{ gateId: 'g1', requestedAt: '2026-11-21T09:30:00.000Z', expiresAt: '2026-11-22T09:30:00.000Z', asked: { users: ['ops@contoso.com'], objectIds: [], groups: ['sre'], quorum: 2 }, channels: ['teams'], approvals: 1 }],
      }),
      state: 'stuck',
      kinds: ['GateAwaitingApproval'],
      message: /since 2026-11-21T09:30:00.000Z: 1 of 2 approvals from ops@contoso.com, group sre \(asked through teams\)/,
      since: '2026-11-21T09:30:00.000Z',
      until: '2026-11-22T09:30:00.000Z',
    },
    {
      name: 'a gate held Inconclusive says which check and why',
      facts: facts(run([done]), {
        gates: [
          gate('Inconclusive', '2026-11-21T09:20:00.000Z', {
            checks: [{ name: 'nodes', phase: 'Inconclusive', reason: 'InconclusiveLimitExceeded', lastOutcome: 'Inconclusive', inconclusive: 2, errors: 0 }],
            lastMeasurement: { at: '2026-11-21T09:20:00.000Z', evaluations: [{ checkName: 'nodes', outcome: 'Inconclusive', reason: 'ClusterInconclusive', message: '1 inconclusive of 1 clusters', clusters: [{ clusterId: cluster('dev-1'), outcome: 'Inconclusive', reason: 'NoData' }] }] },
          }),
        ],
      }),
      state: 'stuck',
      kinds: ['GateInconclusive'],
      message: /nodes: InconclusiveLimitExceeded \(last measurement: Inconclusive, ClusterInconclusive: 1 inconclusive of 1 clusters; aks-dev-1 NoData\)/,
    },
    {
      name: 'a member Pending because the target is not in its region',
      facts: facts(
        run([
          done,
          {
            name: 'dev-2',
            state: 'Pending',
            clusterResourceId: cluster('dev-2'),
            message: 'set member: dev-2 to Pending due to failed validation err: target upgrade kubernetes version "1.33.2" is not available in region "westeurope" \n',
            error: { code: 'KubernetesVersionNotAvailable', message: 'target upgrade kubernetes version "1.33.2" is not available in region "westeurope"' },
          },
        ]),
      ),
      state: 'stuck',
      kinds: ['MemberPendingVersionNotInRegion'],
      message: /target Kubernetes version 1.33.2 is not yet available in its region/,
    },
    {
      name: 'a member Pending for a closed maintenance window says until when (from its AKS maintenance configuration)',
      facts: facts(run([done, { name: 'dev-2', state: 'Pending', clusterResourceId: cluster('dev-2') }]), {
        maintenance: [{ member: 'dev-2', configurations: [{ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { schedule: { daily: { intervalDays: 1 } }, durationHours: 4, startTime: '01:00' } }] }],
      }),
      state: 'stuck',
      kinds: ['MemberPendingMaintenanceWindow'],
      message: /window aksManagedAutoUpgradeSchedule is closed until 2026-11-22T01:00:00.000Z/,
      until: '2026-11-22T01:00:00.000Z',
    },
    {
      name: 'a member upgrading longer than expected is explained by a PDB-blocked eviction',
      facts: facts(run([done, { name: 'dev-2', state: 'Running', startTime: '2026-11-21T10:00:00.000Z', clusterResourceId: cluster('dev-2') }]), { warningEvents: [pdbEvent] }),
      state: 'stuck',
      kinds: ['MemberUpgradeSlow'],
      message: /upgrading for 120 minutes \(expected at most 60\): an eviction is blocked by a PodDisruptionBudget \(Node default\/aks-nodepool1-0-vmss000000, Drain:/,
    },
    {
      name: 'a slow member with no Warning events says so',
      facts: facts(run([done, { name: 'dev-2', state: 'Running', startTime: '2026-11-21T10:00:00.000Z', clusterResourceId: cluster('dev-2') }])),
      state: 'stuck',
      kinds: ['MemberUpgradeSlow'],
      message: /reports no Warning event since the upgrade started/,
    },
    {
      name: 'a member upgrading within the expected time: progressing, no cause',
      facts: facts(run([done, { name: 'dev-2', state: 'Running', startTime: '2026-11-21T11:30:00.000Z', clusterResourceId: cluster('dev-2') }])),
      state: 'progressing',
      kinds: [],
      message: /^$/,
    },
    {
      name: 'a member Pending while another upgrades: progressing, the Pending member is still named',
      facts: facts(
        run([
          { name: 'dev-2', state: 'Pending', clusterResourceId: cluster('dev-2'), message: 'not available in region "westeurope"' },
          { name: 'dev-3', state: 'Running', startTime: '2026-11-21T11:30:00.000Z', clusterResourceId: cluster('dev-3') },
        ]),
      ),
      state: 'progressing',
      kinds: ['MemberPendingVersionNotInRegion'],
      message: /not yet available/,
    },
    {
      name: 'an expired approval held by policy (onExpire: hold)',
      facts: facts(run([done], { gates: [{ displayName: 'conductor:dev-health', timing: 'After', state: 'Pending', gateId: 'g1' }] }), { gates: [gate('Expired', '2026-11-21T10:00:00.000Z', { onExpire: 'hold' })] }),
      state: 'stuck',
      kinds: ['GateExpiredHeld'],
      message: /expired at 2026-11-21T10:00:00.000Z and its policy holds the gate/,
    },
    {
      name: 'an expired approval whose policy skipped the target holds nothing',
      facts: facts(run([done, { name: 'dev-2', state: 'Running', startTime: '2026-11-21T11:30:00.000Z' }]), { gates: [gate('Expired', '2026-11-21T10:00:00.000Z', { onExpire: 'skip' })] }),
      state: 'progressing',
      kinds: [],
      message: /^$/,
    },
    {
      name: 'a Fleet gate Conductor does not own',
      facts: facts(run([done], { gates: [{ displayName: 'manual-signoff', timing: 'After', state: 'Pending', gateId: 'g9', startTime: '2026-11-21T09:00:00Z' }] })),
      state: 'stuck',
      kinds: ['GatePendingNotOwned'],
      message: /Conductor does not own it/,
    },
    {
      name: 'a finished run has nothing to explain',
      facts: facts(run([done], { state: 'Completed' })),
      state: 'finished',
      kinds: [],
      message: /^$/,
    },
  ];

  it.each(cases)('$name', ({ facts: f, state, kinds, message, until, since }) => {
    const d = diagnoseRun(f);
    expect(d.state).toBe(state);
    expect(d.causes.map((c) => c.kind)).toEqual(kinds);
    expect(d.causes[0]?.message ?? '').toMatch(message);
    for (const c of d.causes) expect(c.fix.length).toBeGreaterThan(10);
    if (until) expect(d.causes[0]?.until).toBe(until);
    if (since) expect(d.causes[0]?.since).toBe(since);
  });

  it('a stuck run reports its last progress and for how long; the episode passes the threshold once it is reached', () => {
    const d = diagnoseRun(facts(run([done]), { gates: [gate('AwaitingApproval', '2026-11-21T09:30:00.000Z')] }));
    expect(d.lastProgressAt).toBe('2026-11-21T09:30:00.000Z');
    expect(d.stuckForMinutes).toBe(150);
    expect(stuckEpisode(d, 120)).toEqual({ since: '2026-11-21T09:30:00.000Z', minutes: 150 });
    expect(stuckEpisode(d, 151)).toBeUndefined();
    expect(stuckEpisode(diagnoseRun(facts(run([done], { state: 'Completed' }))), 0)).toBeUndefined();
  });

  it('unread Warning events are named instead of claiming there were none', () => {
    const d = diagnoseRun(
      facts(run([{ name: 'dev-2', state: 'Running', startTime: '2026-11-21T10:00:00.000Z', clusterResourceId: cluster('dev-2') }]), {
        unread: [{ what: 'warningEvents', subject: 'workspace w', error: 'HTTP 503' }],
      }),
    );
    expect(d.causes[0]?.message).toMatch(/could not be read \(HTTP 503\)/);
    expect(d.unread).toHaveLength(1);
  });
});
