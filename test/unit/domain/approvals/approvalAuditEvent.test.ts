import { describe, expect, it } from 'vitest';
import { decisionAuditEvent, expiryAuditEvent, type DecisionAttempt } from '../../../../src/domain/approvals/approvalAuditEvent';
import { expire, recordDecision } from '../../../../src/domain/approvals/decideApprovalRequest';
import { ALICE, ALICE_OID, FLEET, GATE_ID, MALLORY, aLedger, at } from './approvalBuilders';

const ATTEMPT: DecisionAttempt = {
  principal: ALICE,
  decision: 'approve',
  comment: 'latency flat\n',
  via: { channel: 'landingPage' },
  evidence: { version: 8, digest: 'sha256:ab12' },
};

describe('decisionAuditEvent', () => {
  it('records who, when, the comment, the evidence seen and the outcome of a counted decision', () => {
    const ledger = aLedger();
    const result = recordDecision(ledger, ALICE, 'approve', ATTEMPT.comment, at(60), 8);

    expect(decisionAuditEvent(ledger, ATTEMPT, result, at(60))).toEqual({
      id: `approval:req-1:${ALICE_OID}:${at(60)}:recorded`,
      at: at(60),
      fleetId: FLEET,
      runName: 'k8s-1-33-4',
      gateId: GATE_ID,
      kind: 'ApprovalDecision',
      actor: 'Alice@Contoso.com',
      message: `Alice@Contoso.com (${ALICE_OID}) approved; request granted`,
      data: {
        requestId: 'req-1',
        decision: 'approve',
        result: 'recorded',
        by: { name: 'Alice@Contoso.com', objectId: ALICE_OID },
        comment: 'latency flat',
        evidence: { version: 8, digest: 'sha256:ab12' },
        via: { channel: 'landingPage' },
        outcome: 'granted',
      },
    });
  });

  it('audits a refused attempt (403) without counting it', () => {
    const ledger = aLedger();
    const attempt: DecisionAttempt = { principal: MALLORY, decision: 'reject', via: { channel: 'callback', decisionId: 'd-1' }, evidence: { version: 7 } };

    const event = decisionAuditEvent(ledger, attempt, recordDecision(ledger, MALLORY, 'reject', undefined, at(60)), at(60));

    expect([event.kind, event.message, event.data]).toEqual([
      'ApprovalDecisionRefused',
      'mallory@contoso.com (ba000000-0000-4000-8000-000000000666) could not reject: notAllowed',
      { requestId: 'req-1', decision: 'reject', result: 'notAllowed', by: { name: 'mallory@contoso.com', objectId: 'ba000000-0000-4000-8000-000000000666' }, evidence: { version: 7 }, via: { channel: 'callback', decisionId: 'd-1' } },
    ]);
  });
});

describe('expiryAuditEvent', () => {
  it('is produced once, when expire() closes the request', () => {
    const ledger = aLedger();
    const expired = expire(ledger, at(3_600));

    expect(expiryAuditEvent(ledger, expired, at(3_600))).toEqual({
      id: 'approval:req-1:expired',
      at: at(3_600),
      fleetId: FLEET,
      runName: 'k8s-1-33-4',
      gateId: GATE_ID,
      kind: 'ApprovalExpired',
      actor: 'fleet-conductor',
      message: `approval expired at ${at(3_600)} with 0 decision(s); policy: hold`,
      data: { requestId: 'req-1', expiresAt: at(3_600), decisions: [], onExpire: 'hold' },
    });
    expect(expiryAuditEvent(expired.next, expire(expired.next, at(3_700)), at(3_700))).toBeUndefined();
    expect(expiryAuditEvent(ledger, expire(ledger, at(10)), at(10))).toBeUndefined();
  });
});
