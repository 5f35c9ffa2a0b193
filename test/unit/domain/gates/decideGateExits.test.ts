import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../../src/domain/checks/evaluateCheck';
import type { GateAction } from '../../../../src/domain/gates/gateActions';
import type { GateObservation } from '../../../../src/domain/gates/gateObservation';
import type { GateState } from '../../../../src/domain/gates/gateState';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import {
  CLUSTER_A,
  CLUSTER_B,
  NODES_READY,
  PODS_HEALTHY,
  REF,
  T0,
  TICK,
  aGateIdentity,
  aPolicy,
  anEvaluation,
  anObservedGate,
  at,
  evaluated,
  given,
  last,
  play,
} from './gateBuilders';

function checkingGate(policy = aPolicy()): GateState {
  return last(play(anObservedGate({ policy }), [[TICK, T0], [TICK, at(300)]]));
}

function kinds(actions: readonly GateAction[]): string[] {
  return actions.map((action) => action.kind);
}

describe('decideGate: a failing check', () => {
  it('fails the gate, stops the run, notifies and keeps the evidence', () => {
    const failing = anEvaluation('nodes-ready', 'Failed');

    const failed = given(checkingGate()).when(evaluated(1, failing), at(305)).then('Failed', ['recordEvidence', 'audit', 'audit', 'stopRun', 'notify']);

    expect(failed.actions).toEqual([
      { kind: 'recordEvidence', gate: REF, measurement: 1, at: at(305), evaluations: [failing] },
      {
        kind: 'audit',
        event: { at: at(305), gate: REF, from: 'Checking', to: 'Checking', reason: 'MeasurementRecorded', message: 'measurement 1: nodes-ready=Failed' },
      },
      { kind: 'audit', event: { at: at(305), gate: REF, from: 'Checking', to: 'Failed', reason: 'CheckFailed', message: 'check failed: nodes-ready (CheckFailed)' } },
      { kind: 'stopRun', gate: REF, reason: 'CheckFailed', message: 'check failed: nodes-ready (CheckFailed)' },
      {
        kind: 'notify',
        gate: REF,
        severity: 'error',
        reason: 'CheckFailed',
        message: 'conductor:prod-health (stage canary, run k8s-1-33-4): check failed: nodes-ready (CheckFailed)',
      },
    ]);
  });

  it('tolerates failures up to failureLimit and fails on the next one', () => {
    const policy = aPolicy({ analysis: { count: 5, failureLimit: 1, intervalSeconds: 60 } });
    const decisions = play(anObservedGate({ policy }), [
      [TICK, T0],
      [TICK, at(300)],
      [evaluated(1, anEvaluation('nodes-ready', 'Failed')), at(301)],
      [TICK, at(360)],
      [evaluated(2, anEvaluation('nodes-ready', 'Failed')), at(361)],
    ]);

    expect(decisions.map((decision) => decision.next.phase.name)).toEqual(['Soaking', 'Checking', 'Checking', 'Checking', 'Failed']);
  });

  it('confirms the stop when the run is seen stopped, and stays Failed', () => {
    const failed = decideGate(checkingGate(), evaluated(1, anEvaluation('nodes-ready', 'Failed')), at(305)).next;

    const confirmed = given(failed).when({ kind: 'runStopped' }, at(320)).then('Failed', []);

    expect(confirmed.next.pendingCommand).toBeUndefined();
  });

  it('re-sends stopRun while the stop is unconfirmed', () => {
    const failed = decideGate(checkingGate(), evaluated(1, anEvaluation('nodes-ready', 'Failed')), at(305)).next;

    given(failed).when(TICK, at(425)).then('Failed', ['audit', 'stopRun', 'scheduleWakeUp']);
  });

  it('fails at once, without measuring, when a member of the gated stage failed its upgrade', () => {
    const gate = anObservedGate({ selection: { kind: 'found', clusters: [], excluded: [], failed: [{ memberName: 'member-c' }] } });

    const failed = given(gate).when(TICK, T0).then('Failed', ['audit', 'stopRun', 'notify']);

    expect(failed.next.history).toEqual([{ at: T0, from: 'Observed', to: 'Failed', reason: 'MemberUpgradeFailed', message: 'member upgrade failed: member-c' }]);
  });
});

describe('decideGate: checks that cannot decide', () => {
  it('holds the gate as Inconclusive after more than consecutiveErrorLimit errors and never completes it', () => {
    const steps: [GateObservation, string][] = [[TICK, T0]];
    for (let measurement = 1; measurement <= 5; measurement += 1) {
      const due = at(300 + (measurement - 1) * 60);
      steps.push([TICK, due], [evaluated(measurement, anEvaluation('nodes-ready', 'Error')), due]);
    }
    steps.push([TICK, at(2_000)], [TICK, at(90_000)]);

    const decisions = play(anObservedGate(), steps);

    expect(decisions.map((decision) => decision.next.phase.name).slice(-4)).toEqual(['Checking', 'Inconclusive', 'Inconclusive', 'Inconclusive']);
    expect(last(decisions).checks[0]).toMatchObject({ phase: 'Inconclusive', errors: 5, consecutiveErrors: 5, count: 0, reason: 'ConsecutiveErrorLimitExceeded' });
    expect(decisions.flatMap((decision) => kinds(decision.actions))).not.toContain('completeFleetGate');
    expect(decisions.slice(-2).map((decision) => decision.actions)).toEqual([[], []]);
  });

  it('keeps measuring through errors up to the limit', () => {
    const steps: [GateObservation, string][] = [[TICK, T0]];
    for (let measurement = 1; measurement <= 4; measurement += 1) {
      const due = at(300 + (measurement - 1) * 60);
      steps.push([TICK, due], [evaluated(measurement, anEvaluation('nodes-ready', 'Error')), due]);
    }

    expect(last(play(anObservedGate(), steps)).phase).toEqual({ name: 'Checking', measurement: 5, plannedAt: at(540) });
  });

  it('holds the gate when a cluster has no data (noDataPolicy inconclusive by default), notifying a human', () => {
    const checking = checkingGate();
    const evaluation = evaluateCheck({
      spec: NODES_READY,
      clusters: [CLUSTER_A, CLUSTER_B],
      query: { text: 'q', window: { start: T0, end: at(300) } },
      result: { columns: [{ name: 'ClusterId' }, { name: 'Value' }], rows: [[CLUSTER_A, 0]] },
      defaults: checking.policy.analysis,
    });

    const held = given(checking).when(evaluated(1, evaluation), at(305)).then('Inconclusive', ['recordEvidence', 'audit', 'audit', 'notify']);

    expect(held.actions[3]).toEqual({
      kind: 'notify',
      gate: REF,
      severity: 'warning',
      reason: 'InconclusiveLimitExceeded',
      message:
        'conductor:prod-health (stage canary, run k8s-1-33-4): checks could not decide: nodes-ready (InconclusiveLimitExceeded); the gate is held until someone completes it or stops the run',
    });
  });

  it('counts a check missing from the results as an error', () => {
    const decision = decideGate(checkingGate(aPolicy({ checks: [NODES_READY, PODS_HEALTHY] })), evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305));

    expect(decision.next.checks.map((tally) => [tally.name, tally.phase, tally.lastOutcome])).toEqual([
      ['nodes-ready', 'Successful', 'Successful'],
      ['pods-healthy', 'Running', 'Error'],
    ]);
  });

  it.each([
    { name: 'every member was skipped', selection: { kind: 'found' as const, clusters: [], excluded: [{ memberName: 'm', state: 'Skipped', reason: 'MemberSkipped' as const }], failed: [] }, reason: 'NoClustersToCheck' },
    { name: 'the gated stage is not in the run status', selection: { kind: 'targetNotFound' as const, message: 'stage "canary" is not in the run status' }, reason: 'GateTargetNotFound' },
  ])('holds the gate as Inconclusive when $name', ({ selection, reason }) => {
    const held = given(anObservedGate({ selection })).when(TICK, T0).then('Inconclusive', ['audit', 'notify']);

    expect(held.next.history[0]?.reason).toBe(reason);
  });
});

describe('decideGate: dry run', () => {
  it('never fails the gate on a dry-run check, but records its evidence', () => {
    const policy = aPolicy({ checks: [{ ...NODES_READY, dryRun: true }, PODS_HEALTHY] });
    const dryFailure = anEvaluation('nodes-ready', 'Failed', true);

    const approving = given(checkingGate(policy)).when(evaluated(1, dryFailure, anEvaluation('pods-healthy', 'Successful')), at(305)).then('Approving', ['recordEvidence', 'audit', 'audit', 'completeFleetGate']);

    expect(approving.actions[0]).toMatchObject({ kind: 'recordEvidence', evaluations: [dryFailure, anEvaluation('pods-healthy', 'Successful')] });
    expect(approving.next.checks.map((tally) => [tally.name, tally.dryRun, tally.phase])).toEqual([
      ['nodes-ready', true, 'Failed'],
      ['pods-healthy', false, 'Successful'],
    ]);
  });

  it('measures a whole dry-run policy for its full count, then passes whatever the results', () => {
    const policy = aPolicy({ analysis: { dryRun: true, count: 2 } });
    const decisions = play(anObservedGate({ policy }), [
      [TICK, T0],
      [TICK, at(300)],
      [evaluated(1, anEvaluation('nodes-ready', 'Inconclusive', true)), at(301)],
    ]);

    expect(last(decisions).phase.name).toBe('Approving');
    expect(last(decisions).checks[0]).toMatchObject({ dryRun: true, phase: 'Inconclusive' });
  });
});

describe('decideGate: approvals (placeholders for the approvals issue)', () => {
  function awaiting(approval: { onReject: 'stop' | 'skip'; onExpire: 'stop' | 'skip' | 'hold' }, group?: string): GateState {
    const gate = aGateIdentity(group === undefined ? {} : { group });
    const policy = aPolicy({ approval: { ...approval, settings: {} } });
    return last(play(anObservedGate({ policy, gate }), [[TICK, T0], [TICK, at(300)], [evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305)]]));
  }

  it('stops the run on reject when the policy says stop', () => {
    const rejected = given(awaiting({ onReject: 'stop', onExpire: 'hold' })).when({ kind: 'approvalRejected', by: 'bob', comment: 'latency spike' }, at(600)).then('Rejected', ['audit', 'stopRun', 'notify']);

    expect(rejected.next.phase).toEqual({ name: 'Rejected', at: at(600), by: 'bob', comment: 'latency spike' });
  });

  it('skips the gated group on reject when the policy says skip', () => {
    const rejected = given(awaiting({ onReject: 'skip', onExpire: 'hold' }, 'eu')).when({ kind: 'approvalRejected' }, at(600)).then('Rejected', ['audit', 'skipGateTarget', 'notify']);

    expect(rejected.actions[1]).toEqual({ kind: 'skipGateTarget', gate: REF, target: { type: 'Group', name: 'eu' }, reason: 'ApprovalRejected' });
  });

  it.each([
    { onExpire: 'hold', actions: ['audit', 'notify'] },
    { onExpire: 'stop', actions: ['audit', 'stopRun', 'notify'] },
    { onExpire: 'skip', actions: ['audit', 'skipGateTarget', 'notify'] },
  ] as const)('applies onExpire $onExpire when the approval expires', ({ onExpire, actions }) => {
    given(awaiting({ onReject: 'stop', onExpire })).when({ kind: 'approvalExpired' }, at(86_400)).then('Expired', actions);
  });

  it.each([{ kind: 'approvalGranted' as const }, { kind: 'approvalRejected' as const }, { kind: 'approvalExpired' as const }])(
    'ignores $kind outside AwaitingApproval',
    (observation) => {
      const checking = checkingGate(aPolicy({ approval: { onReject: 'stop', onExpire: 'hold', settings: {} } }));

      expect(decideGate(checking, observation, at(301))).toEqual({ next: checking, actions: [] });
    },
  );
});

describe('decideGate: what Fleet says', () => {
  it.each([
    { name: 'someone completes the Fleet gate while checks run', observation: { kind: 'fleetGateCompleted' as const }, phase: 'Bypassed' as const, reason: 'FleetGateCompletedExternally' },
    { name: 'the run is stopped while checks run', observation: { kind: 'runStopped' as const }, phase: 'Cancelled' as const, reason: 'RunStopped' },
    { name: 'the gated stage is skipped while checks run', observation: { kind: 'fleetGateSkipped' as const }, phase: 'Cancelled' as const, reason: 'FleetGateSkipped' },
  ])('records $name', ({ observation, phase, reason }) => {
    const decision = given(checkingGate()).when(observation, at(310)).then(phase, ['audit', 'notify']);

    expect(decision.next.history.at(-1)).toMatchObject({ from: 'Checking', to: phase, reason });
  });

  it('lets a human release an Inconclusive gate by completing it in Fleet', () => {
    const held = decideGate(checkingGate(), evaluated(1, anEvaluation('nodes-ready', 'Inconclusive')), at(305)).next;

    given(held).when({ kind: 'fleetGateCompleted' }, at(4_000)).then('Bypassed', ['audit', 'notify']);
  });

  it('confirms a requested skip without changing the Rejected phase', () => {
    const policy = aPolicy({ approval: { onReject: 'skip', onExpire: 'hold', settings: {} } });
    const rejected = last(play(anObservedGate({ policy }), [
      [TICK, T0],
      [TICK, at(300)],
      [evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305)],
      [{ kind: 'approvalRejected' }, at(400)],
    ]));

    const confirmed = given(rejected).when({ kind: 'fleetGateSkipped' }, at(410)).then('Rejected', []);

    expect(confirmed.next.pendingCommand).toBeUndefined();
  });

  it('ignores a stop of the run after the gate passed', () => {
    const passed = last(play(anObservedGate(), [
      [TICK, T0],
      [TICK, at(300)],
      [evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305)],
      [{ kind: 'fleetGateCompleted' }, at(306)],
    ]));

    expect(decideGate(passed, { kind: 'runStopped' }, at(400))).toEqual({ next: passed, actions: [] });
  });
});
