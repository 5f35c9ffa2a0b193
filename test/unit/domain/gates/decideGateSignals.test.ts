import { describe, expect, it } from 'vitest';
import type { GateState } from '../../../../src/domain/gates/gateState';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import { REF, T0, TICK, aGateIdentity, aPolicy, anApproval, anEvaluation, anObservedGate, at, checkingGate, evaluated, given, last, play } from './gateBuilders';

describe('decideGate: approval outcomes (onReject, onExpire)', () => {
  function awaiting(approval: { onReject: 'stop' | 'skip'; onExpire: 'stop' | 'skip' | 'hold' }, group?: string): GateState {
    const gate = aGateIdentity(group === undefined ? {} : { group });
    const policy = aPolicy({ approval: anApproval(approval) });
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
      const checking = checkingGate(aPolicy({ approval: anApproval() }));

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
    const policy = aPolicy({ approval: anApproval({ onReject: 'skip' }) });
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

describe('decideGate: a gate first seen after a human already completed it', () => {
  it('records the gate as Bypassed instead of measuring', () => {
    given(anObservedGate()).when({ kind: 'fleetGateCompleted' }, T0).then('Bypassed', ['audit', 'notify']);
  });
});
