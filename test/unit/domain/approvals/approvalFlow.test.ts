import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from '../../../../src/domain/approvals/approvalPolicy';
import { openApprovalLedger } from '../../../../src/domain/approvals/approvalLedger';
import { expire, recordDecision } from '../../../../src/domain/approvals/decideApprovalRequest';
import type { GateState } from '../../../../src/domain/gates/gateState';
import { REF, T0, TICK, aPolicy, anApproval, anEvaluation, anObservedGate, at, evaluated, given, last, play } from '../gates/gateBuilders';
import { ALICE, BOB, CAROL_IN_OPS, MALLORY, OPS_GROUP } from './approvalBuilders';

/** Given a gate awaiting approval (checks passed at T0+305) and the ledger opened for its requestApproval action. */
function awaiting(overrides: Partial<ApprovalPolicy>) {
  const approval = anApproval({ approvers: { users: ['alice@contoso.com', 'bob@contoso.com'], objectIds: [], groups: [OPS_GROUP] }, ...overrides });
  const gate: GateState = last(play(anObservedGate({ policy: aPolicy({ approval }) }), [[TICK, T0], [TICK, at(300)], [evaluated(1, anEvaluation('nodes-ready', 'Successful')), at(305)]]));
  const ledger = openApprovalLedger({ requestId: 'req-1', gate: REF, policy: approval, requestedAt: at(305), evidenceVersion: gate.version });
  return { gate, ledger };
}

describe('approvals driving the gate state machine', () => {
  it('quorum 2: one approval (twice) does not complete the gate; a second distinct approver does', () => {
    const { gate, ledger } = awaiting({ quorum: 2 });

    const first = recordDecision(ledger, ALICE, 'approve', 'ok', at(400));
    const again = recordDecision(first.next, { ...ALICE, objectId: ALICE.objectId?.toLowerCase() }, 'approve', 'ok again', at(410));
    const second = recordDecision(again.next, CAROL_IN_OPS, 'approve', undefined, at(420));

    expect([first.kind, again.kind, second.kind]).toEqual(['recorded', 'duplicate', 'recorded']);
    expect(first.kind === 'recorded' ? first.observation : 'x').toBeUndefined();
    const observation = second.kind === 'recorded' ? second.observation : undefined;
    expect(observation).toEqual({ kind: 'approvalGranted', by: 'Alice@Contoso.com, carol@contoso.com', comment: 'Alice@Contoso.com: ok' });
    if (observation === undefined) return;
    const approving = given(gate).when(observation, at(420)).then('Approving', ['audit', 'completeFleetGate']);
    expect(approving.next.history.at(-1)?.message).toBe('approved by Alice@Contoso.com, carol@contoso.com');
  });

  it('a forwarded link cannot approve as someone else: the token names no one, the principal decides and is checked', () => {
    const { ledger } = awaiting({ quorum: 1 });

    // Mallory opens Alice's link: her own principal is used, and she is not an approver.
    expect(recordDecision(ledger, MALLORY, 'approve', undefined, at(400))).toEqual({ kind: 'notAllowed', next: ledger });
    // Bob opens Alice's link: it is recorded as Bob's decision, not Alice's.
    const bob = recordDecision(ledger, BOB, 'approve', undefined, at(401));
    expect(bob.kind === 'recorded' ? bob.record.by : bob.kind).toEqual({ name: 'bob@contoso.com', objectId: 'b0b00000-0000-4000-8000-000000000002' });
  });

  it.each([
    { onReject: 'stop' as const, actions: ['audit', 'stopRun', 'notify'] as const },
    { onReject: 'skip' as const, actions: ['audit', 'skipGateTarget', 'notify'] as const },
  ])('a reject applies onReject $onReject', ({ onReject, actions }) => {
    const { gate, ledger } = awaiting({ quorum: 2, onReject });

    const rejected = recordDecision(ledger, BOB, 'reject', 'error rate up', at(400));
    if (rejected.kind !== 'recorded' || rejected.observation === undefined) throw new Error(rejected.kind);

    const decided = given(gate).when(rejected.observation, at(400)).then('Rejected', actions);
    expect(decided.next.phase).toEqual({ name: 'Rejected', at: at(400), by: 'bob@contoso.com', comment: 'bob@contoso.com: error rate up' });
  });

  it.each([
    { onExpire: 'hold' as const, actions: ['audit', 'notify'] as const },
    { onExpire: 'stop' as const, actions: ['audit', 'stopRun', 'notify'] as const },
    { onExpire: 'skip' as const, actions: ['audit', 'skipGateTarget', 'notify'] as const },
  ])('expiry applies onExpire $onExpire', ({ onExpire, actions }) => {
    const { gate, ledger } = awaiting({ onExpire, expiresAfterMinutes: 5 });

    expect(expire(ledger, at(604)).kind).toBe('notDue');
    const expired = expire(ledger, at(605));
    if (expired.kind !== 'expired' || expired.observation === undefined) throw new Error(expired.kind);

    given(gate).when(expired.observation, at(605)).then('Expired', actions);
  });
});
