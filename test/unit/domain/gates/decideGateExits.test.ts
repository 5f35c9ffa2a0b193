import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../../src/domain/checks/evaluateCheck';
import type { GateAction } from '../../../../src/domain/gates/gateActions';
import type { GateObservation } from '../../../../src/domain/gates/gateObservation';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import {
  CLUSTER_A,
  CLUSTER_B,
  NODES_READY,
  PODS_HEALTHY,
  REF,
  T0,
  TICK,
  checkingGate,
  aPolicy,
  anEvaluation,
  anObservedGate,
  at,
  evaluated,
  given,
  last,
  play,
} from './gateBuilders';

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

    given(failed).when(TICK, at(425)).then('Failed', ['audit', 'stopRun']);
  });

  it('fails at once, without measuring, when a member of the gated stage failed its upgrade', () => {
    const gate = anObservedGate({ selection: { kind: 'found', clusters: [], excluded: [], failed: [{ memberName: 'member-c' }] } });

    const failed = given(gate).when(TICK, T0).then('Failed', ['audit', 'stopRun', 'notify']);

    expect(failed.next.history).toEqual([{ at: T0, from: 'Observed', to: 'Failed', reason: 'MemberUpgradeFailed', message: 'member upgrade failed: member-c' }]);
  });
});

describe('decideGate: checks that cannot decide', () => {
  it('holds the gate as Inconclusive after more than consecutiveErrorLimit errors and never completes it (recovery probes off)', () => {
    const steps: [GateObservation, string][] = [[TICK, T0]];
    for (let measurement = 1; measurement <= 5; measurement += 1) {
      const due = at(300 + (measurement - 1) * 60);
      steps.push([TICK, due], [evaluated(measurement, anEvaluation('nodes-ready', 'Error')), due]);
    }
    steps.push([TICK, at(2_000)], [TICK, at(90_000)]);

    const decisions = play(anObservedGate({ policy: aPolicy({ analysis: { recoveryProbes: 0 } }) }), steps);

    expect(decisions.map((decision) => decision.next.phase.name).slice(-4)).toEqual(['Checking', 'Inconclusive', 'Inconclusive', 'Inconclusive']);
    expect(last(decisions).checks[0]).toMatchObject({ phase: 'Inconclusive', errors: 5, consecutiveErrors: 5, count: 0, reason: 'ConsecutiveErrorLimitExceeded' });
    expect(decisions.flatMap((decision) => kinds(decision.actions))).not.toContain('completeFleetGate');
    expect(decisions.slice(-2).map((decision) => decision.actions)).toEqual([[], []]);
  });

  it('after a Log Analytics outage, re-measures a held gate with backoff, bounded by recoveryProbes, and passes only on data', () => {
    const steps: [GateObservation, string][] = [[TICK, T0]];
    for (let measurement = 1; measurement <= 5; measurement += 1) {
      const due = at(300 + (measurement - 1) * 60);
      steps.push([TICK, due], [evaluated(measurement, anEvaluation('nodes-ready', 'Error')), due]);
    }
    const outage = play(anObservedGate({ policy: aPolicy({ analysis: { recoveryProbes: 2 } }) }), steps);
    const held = last(outage);
    expect(held.phase).toEqual({ name: 'Inconclusive', at: at(540), recovery: { nextProbeAt: at(600), lastMeasurement: 5 } });
    // not yet due: nothing; due: measurement 6 is requested
    expect(decideGate(held, TICK, at(599)).next).toBe(held);
    const probe1 = decideGate(held, TICK, at(600));
    expect(probe1.next.phase).toMatchObject({ name: 'Checking', measurement: 6 });
    expect(kinds(probe1.actions)).toContain('runChecks');
    // still down: held again, the next probe twice as far
    const again = decideGate(probe1.next, evaluated(6, anEvaluation('nodes-ready', 'Error')), at(600));
    expect(again.next.phase).toEqual({ name: 'Inconclusive', at: at(600), recovery: { nextProbeAt: at(720), lastMeasurement: 6 } });
    // recovered: no data is still no pass; the second (last) probe gets data and passes
    const probe2 = decideGate(again.next, TICK, at(720));
    expect(probe2.next.phase).toMatchObject({ name: 'Checking', measurement: 7 });
    const passed = decideGate(probe2.next, evaluated(7, anEvaluation('nodes-ready', 'Successful')), at(720));
    expect(passed.next.phase.name).toBe('Approving');
    expect(kinds(passed.actions)).toContain('completeFleetGate');
    // the same probe answered with no data holds for good: inconclusive data is an answer, not an outage
    const noData = decideGate(probe2.next, evaluated(7, anEvaluation('nodes-ready', 'Inconclusive')), at(720));
    expect(noData.next.phase).toEqual({ name: 'Inconclusive', at: at(720) });
    expect(kinds(noData.actions)).not.toContain('completeFleetGate');
    // and a third outage after the last probe holds for a human
    const exhausted = decideGate(probe2.next, evaluated(7, anEvaluation('nodes-ready', 'Error')), at(720));
    expect(exhausted.next.phase).toEqual({ name: 'Inconclusive', at: at(720) });
    expect(decideGate(exhausted.next, TICK, at(90_000)).next).toBe(exhausted.next);
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
        'conductor:prod-health (stage canary, run k8s-1-33-4): checks could not decide: nodes-ready (InconclusiveLimitExceeded); the gate is held until it is measured again successfully, or an operator retries, overrides or stops the run',
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

  it('neither counts nor records an answer for a check the measurement did not ask for (it had already settled)', () => {
    // Found by the fast-check hold property: a late Failed for a settled check sat in the evidence of the measurement
    // that completed the gate, so the record said "completed" beside a failing result it had not asked for.
    const policy = aPolicy({ checks: [NODES_READY, { ...PODS_HEALTHY, dryRun: true }], analysis: { count: 2 } });
    const decisions = play(anObservedGate({ policy }), [
      [TICK, T0],
      [TICK, at(300)],
      [evaluated(1, anEvaluation('nodes-ready', 'Successful'), anEvaluation('pods-healthy', 'Successful', true)), at(301)],
      [TICK, at(360)],
      [evaluated(2, anEvaluation('nodes-ready', 'Successful')), at(361)],
      [TICK, at(420)],
    ]);
    const askedFor = last(decisions).phase.name === 'Checking' ? decisions.flatMap((d) => d.actions).filter((a) => a.kind === 'runChecks').at(-1) : undefined;
    expect(askedFor?.kind === 'runChecks' ? askedFor.checks.map((c) => c.spec.name) : []).toEqual(['pods-healthy']);

    const completed = given(last(decisions)).when(evaluated(3, anEvaluation('nodes-ready', 'Failed'), anEvaluation('pods-healthy', 'Successful', true)), at(421)).then('Approving', ['recordEvidence', 'audit', 'audit', 'completeFleetGate']);

    expect(completed.actions[0]).toMatchObject({ kind: 'recordEvidence', evaluations: [anEvaluation('pods-healthy', 'Successful', true)] });
    expect(completed.next.checks[0]).toMatchObject({ name: 'nodes-ready', phase: 'Successful', lastOutcome: 'Successful', count: 2 });
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
