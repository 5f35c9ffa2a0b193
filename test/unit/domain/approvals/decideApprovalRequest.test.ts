import { describe, expect, it } from 'vitest';
import { approvalsCounted } from '../../../../src/domain/approvals/approvalLedger';
import { cleanComment, expire, recordDecision } from '../../../../src/domain/approvals/decideApprovalRequest';
import { ALICE, ALICE_OID, BOB, CAROL_IN_OPS, GATE, MALLORY, OPS_GROUP, T0, aLedger, aPolicy, at } from './approvalBuilders';

describe('openApprovalLedger', () => {
  it('opens a request that expires expiresAfterMinutes after it was made', () => {
    expect(aLedger()).toEqual({ requestId: 'req-1', gate: GATE, requestedAt: T0, expiresAt: at(3_600), policy: aPolicy(), evidenceVersion: 7, decisions: [] });
  });
});

describe('recordDecision', () => {
  it('grants with quorum 1 on the first approval, recording who (object id lowercased), when, comment and evidence seen', () => {
    const result = recordDecision(aLedger(), ALICE, 'approve', '  looks healthy\n', at(60), 8);

    const record = { by: { name: 'Alice@Contoso.com', objectId: ALICE_OID }, decision: 'approve', comment: 'looks healthy', at: at(60), evidenceVersion: 8 } as const;
    expect(result).toEqual({
      kind: 'recorded',
      next: { ...aLedger(), decisions: [record], outcome: 'granted', closedAt: at(60) },
      record,
      observation: { kind: 'approvalGranted', by: 'Alice@Contoso.com', comment: 'Alice@Contoso.com: looks healthy' },
    });
  });

  it('needs two distinct approvers for quorum 2', () => {
    const first = recordDecision(aLedger(aPolicy({ quorum: 2 })), ALICE, 'approve', undefined, at(60));
    const alice = { by: { name: 'Alice@Contoso.com', objectId: ALICE_OID }, decision: 'approve', at: at(60), evidenceVersion: 7 } as const;
    expect(first).toEqual({ kind: 'recorded', next: { ...aLedger(aPolicy({ quorum: 2 })), decisions: [alice] }, record: alice });

    const second = recordDecision(first.next, CAROL_IN_OPS, 'approve', 'ok', at(120));

    expect(second.kind === 'recorded' ? [second.next.outcome, second.next.closedAt, approvalsCounted(second.next), second.observation] : second.kind).toEqual([
      'granted',
      at(120),
      2,
      { kind: 'approvalGranted', by: 'Alice@Contoso.com, carol@contoso.com', comment: 'carol@contoso.com: ok' },
    ]);
  });

  it.each([
    { name: 'the same principal again', again: ALICE },
    { name: 'the same object id under another name and case', again: { name: 'alice.smith@contoso.com', objectId: ALICE_OID, groups: [] } },
    { name: 'the same person changing their mind (decisions are final)', again: ALICE, decision: 'reject' as const },
  ])('does not count $name twice: duplicate, returning the earlier decision', ({ again, decision }) => {
    const first = recordDecision(aLedger(aPolicy({ quorum: 2 })), ALICE, 'approve', 'first', at(60));

    const second = recordDecision(first.next, again, decision ?? 'approve', 'second', at(90));

    expect(second).toEqual({ kind: 'duplicate', next: first.next, earlier: first.next.decisions[0] });
  });

  it.each([
    { name: 'the same UPN under another object id', again: { name: 'ALICE@contoso.com', objectId: 'a11ce000-0000-4000-8000-0000000000ff', groups: [] }, reason: 'nameBoundToAnotherObjectId' },
    { name: 'no object id at all', again: { name: 'carol@contoso.com', groups: [OPS_GROUP] }, reason: 'noObjectId' },
  ])('one person is one approver: $name is refused (identityMismatch), nothing counted', ({ again, reason }) => {
    const first = recordDecision(aLedger(aPolicy({ quorum: 2 })), ALICE, 'approve', 'first', at(60));

    expect(recordDecision(first.next, again, 'approve', 'second', at(90))).toEqual({ kind: 'identityMismatch', next: first.next, reason });
  });

  it('checks the app role the policy names (Conductor.Approver): listed but without the role is notAllowed', () => {
    const ledger = aLedger(aPolicy({ approvers: { ...aPolicy().approvers, role: 'Conductor.Approver' } }));

    expect(recordDecision(ledger, ALICE, 'approve', undefined, at(60)).kind).toBe('notAllowed');
    expect(recordDecision(ledger, { ...ALICE, roles: ['Conductor.Approver'] }, 'approve', undefined, at(60)).kind).toBe('recorded');
  });

  it('rejects at once on one reject by an allowed approver, even with quorum 2 and an approval so far', () => {
    const approved = recordDecision(aLedger(aPolicy({ quorum: 2, onReject: 'skip' })), ALICE, 'approve', undefined, at(60)).next;

    const rejected = recordDecision(approved, BOB, 'reject', 'p99 latency doubled', at(90));

    expect(rejected).toMatchObject({
      kind: 'recorded',
      next: { outcome: 'rejected', closedAt: at(90) },
      observation: { kind: 'approvalRejected', by: 'bob@contoso.com', comment: 'bob@contoso.com: p99 latency doubled' },
    });
  });

  it.each([
    { name: 'someone not listed', principal: MALLORY, now: at(60), kind: 'notAllowed' },
    { name: 'someone not listed, after expiry (403 before anything else)', principal: MALLORY, now: at(7_200), kind: 'notAllowed' },
  ])('changes nothing for $name', ({ principal, now, kind }) => {
    const ledger = aLedger();

    expect(recordDecision(ledger, principal, 'approve', undefined, now)).toEqual({ kind, next: ledger });
  });

  it('expires the request when a decision arrives at or after expiresAt, counting nothing', () => {
    const ledger = aLedger();

    expect(recordDecision(ledger, ALICE, 'approve', undefined, at(3_600))).toEqual({
      kind: 'expired',
      next: { ...ledger, outcome: 'expired', closedAt: at(3_600) },
      observation: { kind: 'approvalExpired' },
    });
  });

  it.each([
    { outcome: 'granted' as const, kind: 'closed' },
    { outcome: 'rejected' as const, kind: 'closed' },
  ])('answers closed once $outcome', ({ outcome, kind }) => {
    const closed = { ...aLedger(), outcome, closedAt: at(10) };

    expect(recordDecision(closed, BOB, 'approve', undefined, at(20))).toEqual({ kind, next: closed, outcome });
  });

  it('answers expired without a second observation once expired', () => {
    const expired = { ...aLedger(), outcome: 'expired' as const, closedAt: at(3_600) };

    expect(recordDecision(expired, BOB, 'approve', undefined, at(3_700))).toEqual({ kind: 'expired', next: expired });
  });
});

describe('expire', () => {
  it.each([
    { name: 'before the deadline', ledger: aLedger(), now: at(3_599), result: { kind: 'notDue', next: aLedger() } },
    {
      name: 'at the deadline',
      ledger: aLedger(),
      now: at(3_600),
      result: { kind: 'expired', next: { ...aLedger(), outcome: 'expired', closedAt: at(3_600) }, observation: { kind: 'approvalExpired' } },
    },
    {
      name: 'again after it expired (idempotent, no second observation)',
      ledger: { ...aLedger(), outcome: 'expired' as const, closedAt: at(3_600) },
      now: at(9_999),
      result: { kind: 'expired', next: { ...aLedger(), outcome: 'expired', closedAt: at(3_600) } },
    },
    {
      name: 'after it was granted',
      ledger: { ...aLedger(), outcome: 'granted' as const, closedAt: at(60) },
      now: at(9_999),
      result: { kind: 'closed', next: { ...aLedger(), outcome: 'granted', closedAt: at(60) }, outcome: 'granted' },
    },
  ])('$name', ({ ledger, now, result }) => {
    expect(expire(ledger, now)).toEqual(result);
  });
});

describe('cleanComment', () => {
  it.each([
    { input: undefined, output: undefined },
    { input: ' \n\t ', output: undefined },
    { input: 'line 1\r\nline 2\u0000\u2028end', output: 'line 1 line 2 end' },
    { input: 'x'.repeat(1_500), output: `${'x'.repeat(999)}…` },
  ])('$input → $output', ({ input, output }) => {
    expect(cleanComment(input)).toBe(output);
  });
});
