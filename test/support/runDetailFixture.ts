import type { GateDetail, RunDetail, TimelineEntry } from '../../src/app/history/runDetail';
import type { CheckEvaluation, CheckOutcome, ClusterVerdict } from '../../src/domain/checks/checkEvaluation';
import type { CheckSpec } from '../../src/domain/checks/checkSpec';
import { renderCheckQuery } from '../../src/domain/checks/renderCheckQuery';
import type { GateHistoryEntry, GateState } from '../../src/domain/gates/gateState';
import { DEFAULT_ANALYSIS } from '../../src/domain/gates/gatePolicy';
import type { MemberSnapshot } from '../../src/domain/history/runSnapshot';
import type { AuditEvent } from '../../src/ports/state';

export const FIXTURE_NOW = '2026-11-21T11:05:00.000Z';
export const FIXTURE_FLEET_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-prod';
export const DEV_GATE_ID = '0d1e2d3c-4b5a-4978-8a9b-acbdcedf0001';
export const CANARY_GATE_ID = '0c1e2d3c-4b5a-4978-8a9b-acbdcedf0002';
/** The canary cluster whose NotReady nodes fail the canary gate. */
export const FAILING_CLUSTER = 'aks-canary-eu-2';

export interface RunDetailFixtureOptions {
  readonly runName?: string;
  /** Fleet member name of the failing canary cluster (defaults to its cluster name). */
  readonly failingMemberName?: string;
  /** Text prepended to the canary nodes-ready query (e.g. an injection attempt). */
  readonly queryPrefix?: string;
  /** Message of the canary gate's Checking → Failed transition. */
  readonly failMessage?: string;
}

const clusterId = (name: string): string =>
  `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;
const t = (hms: string): string => `2026-11-21T${hms}.000Z`;
const member = (name: string, state: string, start?: string, end?: string): MemberSnapshot => ({
  name,
  clusterResourceId: clusterId(name),
  state,
  ...(start === undefined ? {} : { startTime: t(start) }),
  ...(end === undefined ? {} : { completedTime: t(end) }),
});

const NODES_READY: CheckSpec = { type: 'nodes-ready', name: 'nodes-ready', threshold: 0, lookbackMinutes: 10 };
const PODS_HEALTHY: CheckSpec = { type: 'pods-healthy', name: 'pods-healthy', threshold: 0, lookbackMinutes: 10 };

/**
 * A realistic three-stage run `k8s-1-33-4` on `fleet-prod`, stopped by Conductor: dev Completed with a Passed
 * gate (and a 10 minute after-stage wait), canary Stopped because its gate Failed (nodes-ready: aks-canary-eu-2
 * has 2 NotReady nodes of 3), prod NotStarted. Built by hand, independent of the state machine's output.
 */
export function aRunDetail(options: RunDetailFixtureOptions = {}): RunDetail {
  const runName = options.runName ?? 'k8s-1-33-4';
  const failingMember = options.failingMemberName ?? FAILING_CLUSTER;
  const devClusters = ['aks-dev-eu-1', 'aks-dev-eu-2'];
  const canary = ['aks-canary-eu-1', FAILING_CLUSTER, 'aks-canary-us-1'];
  const run: RunDetail['run'] = {
    fleetName: 'fleet-prod',
    fleetId: FIXTURE_FLEET_ID,
    runName,
    state: 'Stopped',
    createdAt: t('09:58:12'),
    startTime: t('10:00:00'),
    completedTime: t('11:01:10'),
    observedAt: t('11:01:40'),
    target: { kind: 'kubernetes', version: '1.33.4' },
    createdBy: 'fleet-conductor',
    stages: [
      {
        name: 'dev', state: 'Completed', startTime: t('10:00:00'), completedTime: t('10:35:10'),
        afterStageWait: { state: 'Completed', startTime: t('10:25:10'), completedTime: t('10:35:10'), waitDurationInSeconds: 600 },
        gates: [{ displayName: 'conductor:dev-health', timing: 'After', gateId: DEV_GATE_ID, state: 'Completed', startTime: t('10:18:05'), completedTime: t('10:25:10') }],
        groups: [{
          name: 'dev-eu', state: 'Completed', startTime: t('10:00:00'), completedTime: t('10:18:00'), gates: [],
          members: [member('aks-dev-eu-1', 'Completed', '10:00:10', '10:09:40'), member('aks-dev-eu-2', 'Completed', '10:09:45', '10:17:50')],
        }],
      },
      {
        name: 'canary', state: 'Stopped', startTime: t('10:35:20'), completedTime: t('11:01:10'),
        gates: [{ displayName: 'conductor:prod-health', timing: 'After', gateId: CANARY_GATE_ID, state: 'Running', startTime: t('10:55:05') }],
        groups: [
          {
            name: 'canary-eu', state: 'Completed', startTime: t('10:35:20'), completedTime: t('10:55:00'), gates: [],
            members: [member('aks-canary-eu-1', 'Completed', '10:35:30', '10:44:50'), { ...member(FAILING_CLUSTER, 'Completed', '10:44:55', '10:54:50'), name: failingMember }],
          },
          {
            name: 'canary-us', state: 'Completed', startTime: t('10:35:20'), completedTime: t('10:51:30'), gates: [],
            members: [member('aks-canary-us-1', 'Completed', '10:35:30', '10:51:20')],
          },
        ],
      },
      {
        name: 'prod', state: 'NotStarted',
        gates: [{ displayName: 'conductor:prod-approval', timing: 'Before', state: 'NotStarted' }],
        groups: [
          { name: 'prod-eu', state: 'NotStarted', gates: [], members: [member('aks-prod-eu-1', 'NotStarted'), member('aks-prod-eu-2', 'NotStarted')] },
          { name: 'prod-us', state: 'NotStarted', gates: [], members: [member('aks-prod-us-1', 'NotStarted')] },
        ],
      },
    ],
  };
  const devGate = gate(runName, DEV_GATE_ID, 'dev-health', 'dev', devClusters.map((name) => [name, name]), '10:18:20', { name: 'Passed', at: t('10:25:10') }, [
    transition('10:18:20', 'Observed', 'Soaking', 'SoakStarted', 'Soaking for 5m before the first measurement'),
    transition('10:23:20', 'Soaking', 'Checking', 'SoakElapsed'),
    transition('10:24:06', 'Checking', 'Approving', 'ChecksPassed', 'All checks passed on 2 clusters'),
    transition('10:25:10', 'Approving', 'Passed', 'FleetGateCompleted'),
  ]);
  const devEvidence = measurement(runName, DEV_GATE_ID, '10:24:05', devClusters, [0, 0], [0, 0]);
  const canaryMembers = canary.map((name): [string, string] => [name === FAILING_CLUSTER ? failingMember : name, name]);
  const failMessage = options.failMessage ?? `nodes-ready failed on ${FAILING_CLUSTER}: 2 NotReady nodes (passes when value <= 0); stopping run ${runName}`;
  const canaryGate = gate(runName, CANARY_GATE_ID, 'prod-health', 'canary', canaryMembers, '10:55:20', { name: 'Failed', at: t('11:00:41') }, [
    transition('10:55:20', 'Observed', 'Soaking', 'SoakStarted', 'Soaking for 5m before the first measurement'),
    transition('11:00:20', 'Soaking', 'Checking', 'SoakElapsed'),
    transition('11:00:41', 'Checking', 'Failed', 'CheckFailed', failMessage),
  ], 'Failed');
  const canaryEvidence = measurement(runName, CANARY_GATE_ID, '11:00:38', canary, [0, 2, 0], [0, 0, 0], options.queryPrefix);
  const gates: GateDetail[] = [
    { state: devGate, evidence: [devEvidence] },
    { state: canaryGate, evidence: [canaryEvidence] },
  ];
  const events: AuditEvent[] = [
    { id: 'run-created', at: t('09:58:12'), fleetId: FIXTURE_FLEET_ID, runName, kind: 'RunCreated', actor: 'fleet-conductor', message: `Created update run ${runName} targeting Kubernetes 1.33.4` },
    ...[devGate, canaryGate].flatMap((state) => state.history.map((entry, index): AuditEvent => ({
      id: `${state.gate.gateId}-${index}`, at: entry.at, fleetId: FIXTURE_FLEET_ID, runName, kind: 'GateTransition', actor: 'conductor',
      message: `${state.gate.displayName}: ${entry.from} → ${entry.to}${entry.message === undefined ? '' : ` (${entry.message})`}`,
      gateId: state.gate.gateId, data: { from: entry.from, to: entry.to, reason: entry.reason },
    }))),
    { id: 'run-stopped', at: t('11:00:45'), fleetId: FIXTURE_FLEET_ID, runName, kind: 'RunStopped', actor: 'conductor', gateId: CANARY_GATE_ID, message: `Stopped update run ${runName}: gate conductor:prod-health failed` },
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    run,
    creation: {
      trigger: { kind: 'release', eventIds: ['evt-0001', 'evt-0002'] },
      explanation: [
        { code: 'AtTarget', message: 'aks-dev-eu-3 already runs Kubernetes 1.33.4, so it is not in the run.', member: 'aks-dev-eu-3', version: '1.33.4' },
        { code: 'MemberAutoUpgradeOn', message: 'aks-canary-us-1 keeps its cluster auto-upgrade channel "patch" on, which races fleet runs.', member: 'aks-canary-us-1' },
      ],
      createdBy: 'fleet-conductor',
      createdAt: t('09:58:12'),
      attempt: 1,
    },
    gates,
    approvals: [],
    events,
    timeline: timelineOf(run, events),
  };
}
/** A moment while the canary stage of aRunningRunDetail is still upgrading. */
export const RUNNING_NOW = '2026-11-21T10:53:00.000Z';

/** The same run earlier (at RUNNING_NOW): Running, aks-canary-eu-2 still upgrading, the canary gate not reached. */
export function aRunningRunDetail(options: RunDetailFixtureOptions = {}): RunDetail {
  const detail = aRunDetail(options);
  const [dev, canary, prod] = detail.run.stages;
  if (dev === undefined || canary === undefined || prod === undefined) throw new Error('fixture has three stages');
  const [eu, us] = canary.groups;
  if (eu === undefined || us === undefined) throw new Error('canary has two groups');
  const { completedTime: _stage, ...canaryOpen } = canary;
  const { completedTime: _group, ...euOpen } = eu;
  const members = eu.members.map((member, index) => {
    if (index === 0) return member;
    const { completedTime: _member, ...open } = member;
    return { ...open, state: 'Running' };
  });
  const { completedTime: _run, ...runOpen } = detail.run;
  const past = (at: string): boolean => at <= RUNNING_NOW;
  const events = detail.events.filter((event) => past(event.at));
  return {
    ...detail,
    run: {
      ...runOpen,
      state: 'Running',
      observedAt: t('10:52:30'),
      stages: [dev, { ...canaryOpen, state: 'Running', gates: [], groups: [{ ...euOpen, state: 'Running', members }, us] }, prod],
    },
    gates: detail.gates.filter((gate) => gate.state.gate.stage !== 'canary'),
    events,
    timeline: detail.timeline.filter((entry) => past(entry.at)),
  };
}

type ClusterPair = readonly [memberName: string, clusterName: string];

function gate(runName: string, gateId: string, policyId: string, stage: string, clusters: readonly ClusterPair[], observed: string, phase: GateState['phase'], history: GateHistoryEntry[], nodesPhase: 'Successful' | 'Failed' = 'Successful'): GateState {
  const tally = (name: string, phaseName: 'Successful' | 'Failed') => ({
    name, dryRun: false, phase: phaseName, count: 1, successful: phaseName === 'Successful' ? 1 : 0, failed: phaseName === 'Failed' ? 1 : 0,
    inconclusive: 0, errors: 0, consecutiveErrors: 0, lastOutcome: phaseName, reason: phaseName === 'Failed' ? 'CheckFailed' as const : 'ChecksPassed' as const,
  });
  return {
    version: history.length + 1,
    gate: { fleetId: FIXTURE_FLEET_ID, runName, gateId, displayName: `conductor:${policyId}`, policyId, stage, timing: 'After' },
    policy: { id: policyId, checks: [NODES_READY, PODS_HEALTHY], analysis: DEFAULT_ANALYSIS },
    observedAt: t(observed),
    clusters: clusters.map(([memberName, name]) => ({ clusterId: clusterId(name), memberName, state: 'Completed' })),
    excludedMembers: [],
    failedMembers: [],
    phase,
    checks: [tally('nodes-ready', nodesPhase), tally('pods-healthy', 'Successful')],
    history,
  };
}

function transition(at: string, from: GateHistoryEntry['from'], to: GateHistoryEntry['to'], reason: GateHistoryEntry['reason'], message?: string): GateHistoryEntry {
  return { at: t(at), from, to, reason, ...(message === undefined ? {} : { message }) };
}

function measurement(runName: string, gateId: string, at: string, clusters: readonly string[], notReady: readonly number[], failedPods: readonly number[], queryPrefix = '') {
  const ids = clusters.map(clusterId);
  const evaluation = (spec: CheckSpec, values: readonly number[], extra: readonly number[], columns: readonly string[]): CheckEvaluation => {
    const query = renderCheckQuery(spec, ids, t(at));
    const perCluster: ClusterVerdict[] = ids.map((id, index) => {
      const value = values[index] ?? 0;
      const outcome: CheckOutcome = value <= 0 ? 'Successful' : 'Failed';
      return { clusterId: id, value, outcome, reason: outcome === 'Successful' ? 'ThresholdMet' : 'ThresholdViolated' };
    });
    const failed = perCluster.filter((verdict) => verdict.outcome === 'Failed');
    return {
      checkName: spec.name, checkType: spec.type, dryRun: false, outcome: failed.length > 0 ? 'Failed' : 'Successful',
      reason: failed.length > 0 ? 'ClusterFailed' : 'AllClustersPassed',
      message: failed.length > 0 ? `${failed.length} of ${ids.length} clusters failed` : `All ${ids.length} clusters passed`,
      comparator: '<=', threshold: 0, perCluster,
      evidence: { query: `${queryPrefix}${query.text}`, window: query.window, columns, rows: ids.map((id, index) => [id, values[index] ?? 0, extra[index] ?? 0]), truncatedRows: 0 },
    };
  };
  return {
    gate: { fleetId: FIXTURE_FLEET_ID, runName, gateId },
    measurement: 1,
    at: t(at),
    evaluations: [
      evaluation(NODES_READY, notReady, clusters.map(() => 3), ['ClusterId', 'Value', 'Nodes']),
      evaluation(PODS_HEALTHY, failedPods, clusters.map((_, index) => 40 + index * 3), ['ClusterId', 'Value', 'Pods']),
    ],
  };
}

function timelineOf(run: RunDetail['run'], events: readonly AuditEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (scope: string, subject: string, times: { startTime?: string; completedTime?: string; state: string }) => {
    if (times.startTime !== undefined) entries.push({ at: times.startTime, scope, subject, what: 'Started' });
    if (times.completedTime !== undefined) entries.push({ at: times.completedTime, scope, subject, what: times.state });
  };
  add('run', run.runName, run);
  for (const stage of run.stages) {
    add('stage', stage.name, stage);
    for (const group of stage.groups) {
      add('group', `${stage.name}/${group.name}`, group);
      for (const m of group.members) add('member', `${stage.name}/${group.name}/${m.name}`, m);
    }
  }
  for (const event of events) entries.push({ at: event.at, scope: 'audit', subject: event.kind, what: event.message });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
