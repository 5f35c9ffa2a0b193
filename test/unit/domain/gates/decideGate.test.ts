import { describe, expect, it } from 'vitest';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import {
  CLUSTER_A,
  CLUSTER_B,
  NODES_READY,
  PODS_HEALTHY,
  REF,
  T0,
  TICK,
  aPolicy,
  anApproval,
  anEvaluation,
  anObservedGate,
  at,
  evaluated,
  given,
  last,
  play,
} from './gateBuilders';

const APPROVAL = anApproval();

describe('decideGate: the healthy path', () => {
  it('goes Observed -> Soaking -> Checking -> AwaitingApproval -> Approving -> Passed', () => {
    const observed = anObservedGate({ policy: aPolicy({ analysis: { count: 2 }, approval: APPROVAL }) });

    const soaking = given(observed).when(TICK, T0).then('Soaking', ['audit']);
    given(soaking.next).when(TICK, at(299)).then('Soaking', []);
    const checking = given(soaking.next).when(TICK, at(300)).then('Checking', ['audit', 'runChecks']);
    const measured = given(checking.next).when(evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(310)).then('Checking', ['recordEvidence', 'audit']);
    given(measured.next).when(TICK, at(359)).then('Checking', []);
    const second = given(measured.next).when(TICK, at(360)).then('Checking', ['runChecks']);
    const awaiting = given(second.next).when(evaluated(2, anEvaluation('nodes-ready', 'Successful')), at(365)).then('AwaitingApproval', ['recordEvidence', 'audit', 'audit', 'requestApproval']);
    const approving = given(awaiting.next).when({ kind: 'approvalGranted', by: 'alice@contoso.com' }, at(900)).then('Approving', ['audit', 'completeFleetGate']);
    const passed = given(approving.next).when({ kind: 'fleetGateCompleted' }, at(905)).then('Passed', ['audit', 'notify']);

    expect(passed.next.history).toEqual([
      { at: T0, from: 'Observed', to: 'Soaking', reason: 'SoakStarted', message: `soaking until ${at(300)}` },
      { at: at(300), from: 'Soaking', to: 'Checking', reason: 'SoakElapsed', message: 'initial delay elapsed' },
      { at: at(365), from: 'Checking', to: 'AwaitingApproval', reason: 'ChecksPassed', message: 'all checks passed after 2 measurement(s)' },
      { at: at(900), from: 'AwaitingApproval', to: 'Approving', reason: 'ApprovalGranted', message: 'approved by alice@contoso.com' },
      { at: at(905), from: 'Approving', to: 'Passed', reason: 'FleetGateCompleted', message: 'Fleet gate completed' },
    ]);
    expect(passed.next.checks).toEqual([
      { name: 'nodes-ready', dryRun: false, phase: 'Successful', count: 2, successful: 2, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0, lastOutcome: 'Successful', reason: 'ChecksPassed' },
    ]);
    expect(passed.next.pendingCommand).toBeUndefined();
  });

  it('requests the first measurement as one batched query per check over the gated clusters', () => {
    const soaking = decideGate(anObservedGate({ policy: aPolicy({ checks: [NODES_READY, PODS_HEALTHY] }) }), TICK, T0).next;

    const { actions } = decideGate(soaking, TICK, at(300));

    const runChecks = actions.find((action) => action.kind === 'runChecks');
    expect(runChecks).toMatchObject({
      kind: 'runChecks',
      gate: REF,
      measurement: 1,
      clusters: [CLUSTER_A, CLUSTER_B],
      window: { start: at(0), end: at(300) },
    });
    expect(runChecks?.kind === 'runChecks' ? runChecks.checks.map((check) => [check.spec.name, check.query.window, check.defaults]) : []).toEqual([
      ['nodes-ready', { start: at(0), end: at(300) }, { noDataPolicy: 'inconclusive', dryRun: false }],
      ['pods-healthy', { start: at(0), end: at(300) }, { noDataPolicy: 'inconclusive', dryRun: false }],
    ]);
  });

  it('skips AwaitingApproval when the policy has no approval: checks passed -> Approving', () => {
    const checking = last(play(anObservedGate(), [[TICK, T0], [TICK, at(300)]]));

    const approving = given(checking).when(evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305)).then('Approving', ['recordEvidence', 'audit', 'audit', 'completeFleetGate']);

    expect(approving.actions[3]).toEqual({ kind: 'completeFleetGate', gate: REF });
    expect(approving.next.pendingCommand).toEqual({ action: { kind: 'completeFleetGate', gate: REF }, sentAt: at(305) });
  });

  it('measures at once when initialDelay is 0', () => {
    given(anObservedGate({ policy: aPolicy({ analysis: { initialDelaySeconds: 0 } }) })).when(TICK, T0).then('Checking', ['audit', 'audit', 'runChecks']);
  });

  it('goes from soak straight to approval for an approval-only policy (no checks)', () => {
    const soaking = decideGate(anObservedGate({ policy: aPolicy({ checks: [], approval: APPROVAL }) }), TICK, T0).next;

    given(soaking).when(TICK, at(300)).then('AwaitingApproval', ['audit', 'requestApproval']);
  });

  it('plans measurements every interval from when they were due, not from when results arrived', () => {
    const checking = last(play(anObservedGate({ policy: aPolicy({ analysis: { count: 3, intervalSeconds: 60 } }) }), [[TICK, T0], [TICK, at(300)]]));

    const decision = decideGate(checking, evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(330));

    expect(decision.next.phase).toEqual({ name: 'Checking', measurement: 2, plannedAt: at(360) });
    expect(decision.actions.map((action) => action.kind)).toEqual(['recordEvidence', 'audit']);
    expect(decideGate(decision.next, TICK, at(359)).actions).toEqual([]);
    expect(decideGate(decision.next, TICK, at(360)).actions.map((action) => action.kind)).toEqual(['runChecks']);
  });

  it('increments version once per decision that changes the state, and keeps the state plain JSON', () => {
    const decisions = play(anObservedGate(), [[TICK, T0], [TICK, at(10)], [TICK, at(300)]]);

    expect(decisions.map((decision) => decision.next.version)).toEqual([2, 2, 3]);
    expect(JSON.parse(JSON.stringify(last(decisions)))).toEqual(last(decisions));
  });
});

describe('decideGate: idempotence', () => {
  const approving = last(
    play(anObservedGate(), [
      [TICK, T0],
      [TICK, at(300)],
      [evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305)],
    ]),
  );

  it('ignores the same results delivered twice (no second completeFleetGate)', () => {
    const again = decideGate(approving, evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(306));

    expect(again).toEqual({ next: approving, actions: [] });
  });

  it('sends nothing on ticks shortly after completing, and re-sends completeFleetGate once after 120 s unconfirmed', () => {
    const decisions = play(approving, [
      [TICK, at(306)],
      [{ kind: 'tick' }, at(424)],
      [TICK, at(425)],
      [TICK, at(426)],
      [TICK, at(544)],
    ]);

    expect(decisions.map((decision) => decision.actions.map((action) => action.kind))).toEqual([
      [],
      [],
      ['audit', 'completeFleetGate'],
      [],
      [],
    ]);
    expect(last(decisions).pendingCommand).toEqual({ action: { kind: 'completeFleetGate', gate: REF }, sentAt: at(425) });
  });

  it('treats a repeated fleetGateCompleted as already done', () => {
    const passed = decideGate(approving, { kind: 'fleetGateCompleted' }, at(310)).next;

    expect(decideGate(passed, { kind: 'fleetGateCompleted' }, at(311))).toEqual({ next: passed, actions: [] });
  });

  it('decides the same way twice from the same state, observation and time (pure)', () => {
    const observation = evaluated(1, anEvaluation('nodes-ready', 'Failed'));
    const checking = last(play(anObservedGate(), [[TICK, T0], [TICK, at(300)]]));

    expect(decideGate(checking, observation, at(301))).toEqual(decideGate(checking, observation, at(301)));
  });

  it('ignores results for a measurement other than the one requested', () => {
    const waitingForSecond = last(
      play(anObservedGate({ policy: aPolicy({ analysis: { count: 2 } }) }), [
        [TICK, T0],
        [TICK, at(300)],
        [evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305)],
        [TICK, at(360)],
      ]),
    );

    expect(decideGate(waitingForSecond, evaluated(1, anEvaluation('nodes-ready', 'Failed')), at(361))).toEqual({ next: waitingForSecond, actions: [] });
  });

  it('re-sends an unanswered runChecks after 120 s with the same window, so the query text is identical', () => {
    const [first, , retried] = play(anObservedGate(), [
      [TICK, at(300)],
      [TICK, at(419)],
      [TICK, at(420)],
    ]).map((decision) => decision.actions.find((action) => action.kind === 'runChecks'));

    expect(first).toBeDefined();
    expect(retried).toEqual(first);
  });
});
