import { describe, expect, it } from 'vitest';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import type { GateObservation } from '../../../../src/domain/gates/gateObservation';
import type { GateState } from '../../../../src/domain/gates/gateState';
import { REF, T0, TICK, aPolicy, anApproval, anEvaluation, anObservedGate, at, evaluated, given, last, play } from './gateBuilders';

const PARALLEL = aPolicy({ approval: anApproval({ requireChecksFirst: false }) });
const SEQUENTIAL = aPolicy({ approval: anApproval() });
const PASSED = evaluated(1, anEvaluation('nodes-ready', 'Successful'));
const GRANTED: GateObservation = { kind: 'approvalGranted', by: 'alice@contoso.com', comment: 'evidence looks fine' };

/** Observed at T0, soaking until T0+300, measurement 1 requested at T0+300 (the approval requested at T0). */
function parallelChecking(): GateState {
  return last(play(anObservedGate({ policy: PARALLEL }), [[TICK, T0], [TICK, at(300)]]));
}

describe('decideGate: requireChecksFirst false (approval in parallel with the checks)', () => {
  it('requests approval when the gate is observed, before soaking ends', () => {
    const soaking = given(anObservedGate({ policy: PARALLEL })).when(TICK, T0).then('Soaking', ['audit', 'audit', 'requestApproval']);

    expect(soaking.actions.slice(1, 3)).toEqual([
      {
        kind: 'audit',
        event: { at: T0, gate: REF, from: 'Soaking', to: 'Soaking', reason: 'ApprovalRequested', message: 'approval requested in parallel with the checks (requireChecksFirst: false)' },
      },
      { kind: 'requestApproval', gate: REF, policyId: 'prod-health', approval: PARALLEL.approval, checks: soaking.next.checks },
    ]);
    expect(soaking.next.approval).toEqual({ requestedAt: T0 });
  });

  it('requests approval and the first measurement in one decision when initialDelay is 0', () => {
    const policy = aPolicy({ analysis: { initialDelaySeconds: 0 }, approval: anApproval({ requireChecksFirst: false }) });

    given(anObservedGate({ policy })).when(TICK, T0).then('Checking', ['audit', 'audit', 'requestApproval', 'audit', 'runChecks']);
  });

  it('does not request approval for a gate that fails or is held before soaking', () => {
    const failed = anObservedGate({ policy: PARALLEL, selection: { kind: 'found', clusters: [], excluded: [], failed: [{ memberName: 'member-a' }] } });

    const decision = given(failed).when(TICK, T0).then('Failed', ['audit', 'stopRun', 'notify']);

    expect(decision.next.approval).toBeUndefined();
  });

  it.each([
    { name: 'while soaking', steps: [[TICK, T0]] as const },
    { name: 'while checking', steps: [[TICK, T0], [TICK, at(300)]] as const },
  ])('remembers a grant $name without completing the gate', ({ steps }) => {
    const before = last(play(anObservedGate({ policy: PARALLEL }), steps));

    const granted = given(before).when(GRANTED, at(200)).then(before.phase.name, ['audit']);

    expect(granted.next).toEqual({ ...before, version: before.version + 1, approval: { requestedAt: T0, granted: { at: at(200), by: 'alice@contoso.com', comment: 'evidence looks fine' } } });
    expect(granted.actions[0]).toEqual({
      kind: 'audit',
      event: { at: at(200), gate: REF, from: before.phase.name, to: before.phase.name, reason: 'ApprovalGranted', message: 'approved by alice@contoso.com; the gate completes once the checks pass' },
    });
  });

  it('ignores a second grant (the first one is kept)', () => {
    const granted = decideGate(parallelChecking(), GRANTED, at(301)).next;

    expect(decideGate(granted, { kind: 'approvalGranted', by: 'bob@contoso.com' }, at(302))).toEqual({ next: granted, actions: [] });
  });

  it('completes the gate as soon as the checks pass when the approval was already granted', () => {
    const granted = decideGate(parallelChecking(), GRANTED, at(301)).next;

    const approving = given(granted).when(PASSED, at(305)).then('Approving', ['recordEvidence', 'audit', 'audit', 'completeFleetGate']);

    expect(approving.next.history.at(-1)).toEqual({
      at: at(305),
      from: 'Checking',
      to: 'Approving',
      reason: 'ChecksPassed',
      message: `all checks passed after 1 measurement(s); approval already granted by alice@contoso.com at ${at(301)}`,
    });
  });

  it('waits for the approval without asking twice when the checks pass first, then completes on the grant', () => {
    const awaiting = given(parallelChecking()).when(PASSED, at(305)).then('AwaitingApproval', ['recordEvidence', 'audit', 'audit']);
    expect(awaiting.next.history.at(-1)?.message).toBe(`all checks passed after 1 measurement(s); approval requested at ${T0}`);

    given(awaiting.next).when(GRANTED, at(400)).then('Approving', ['audit', 'completeFleetGate']);
  });

  it('never completes a granted gate whose checks fail', () => {
    const granted = decideGate(parallelChecking(), GRANTED, at(301)).next;

    given(granted).when(evaluated(1, anEvaluation('nodes-ready', 'Failed')), at(305)).then('Failed', ['recordEvidence', 'audit', 'audit', 'stopRun', 'notify']);
  });

  it.each([
    { name: 'a reject stops the run at once', observation: { kind: 'approvalRejected', by: 'bob@contoso.com', comment: 'no' } as const, phase: 'Rejected' as const, actions: ['audit', 'stopRun', 'notify'] as const },
    { name: 'an expiry holds the gate (onExpire hold)', observation: { kind: 'approvalExpired' } as const, phase: 'Expired' as const, actions: ['audit', 'notify'] as const },
  ])('while checking, $name and late check results are ignored', ({ observation, phase, actions }) => {
    const decided = given(parallelChecking()).when(observation, at(302)).then(phase, actions);

    expect(decideGate(decided.next, PASSED, at(305))).toEqual({ next: decided.next, actions: [] });
  });
});

describe('decideGate: requireChecksFirst true (the default)', () => {
  it('requests approval only once the checks passed, and remembers when', () => {
    const soaking = given(anObservedGate({ policy: SEQUENTIAL })).when(TICK, T0).then('Soaking', ['audit']);
    const checking = decideGate(soaking.next, TICK, at(300)).next;

    const awaiting = given(checking).when(PASSED, at(305)).then('AwaitingApproval', ['recordEvidence', 'audit', 'audit', 'requestApproval']);

    expect(awaiting.next.approval).toEqual({ requestedAt: at(305) });
  });

  it('ignores a grant while the checks still run (nothing was requested yet)', () => {
    const checking = last(play(anObservedGate({ policy: SEQUENTIAL }), [[TICK, T0], [TICK, at(300)]]));

    expect(decideGate(checking, GRANTED, at(301))).toEqual({ next: checking, actions: [] });
  });
});
