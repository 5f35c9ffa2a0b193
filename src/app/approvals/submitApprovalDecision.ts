import { decisionAuditEvent, type DecisionAttempt } from '../../domain/approvals/approvalAuditEvent';
import type { ApprovalDecisionKind, ApprovalLedger } from '../../domain/approvals/approvalLedger';
import type { ApprovalPrincipal } from '../../domain/approvals/approvalPolicy';
import { recordDecision, type RecordDecisionResult } from '../../domain/approvals/decideApprovalRequest';
import type { GateRef } from '../../domain/gates/gateIdentity';
import { ConcurrencyError, LedgerIntegrityError, type StoredApprovalLedger } from '../../ports';
import type { ApprovalDeps } from './approvalDeps';
import { reportTamperedLedger } from './reportTamperedLedger';

export interface DecisionInput {
  readonly gate: GateRef;
  /** The request the decider was shown (from the verified token or callback); a different one is refused. */
  readonly requestId: string;
  readonly principal: ApprovalPrincipal;
  readonly decision: ApprovalDecisionKind;
  readonly comment?: string;
  readonly evidenceVersion?: number;
  readonly via: DecisionAttempt['via'];
  /** What the decider was shown (digest and summary), recorded with the decision in the audit trail. */
  readonly evidenceShown?: { readonly digest: string; readonly summary: Readonly<Record<string, unknown>> };
}

export type SubmitDecisionOutcome =
  /** No ledger for the gate, or it holds another (newer) request: nothing recorded. */
  | { readonly kind: 'unknownRequest' }
  /** The stored ledger failed its integrity check (edited outside Conductor): nothing recorded, the refusal is audited. */
  | { readonly kind: 'ledgerTampered' }
  | { readonly kind: 'decided'; readonly result: RecordDecisionResult; readonly ledger: ApprovalLedger };

const ATTEMPTS = 5;

/**
 * Records one decision in the gate's ledger (ETag-guarded; a lost race decides again on the fresh ledger) and
 * audits it with who, when, the comment and the evidence version seen, refusals included. The caller feeds the
 * gate afterwards (reconcile reads the closed ledger, so a crash here is recovered by the timer).
 */
export async function submitApprovalDecision(deps: Pick<ApprovalDeps, 'approvals' | 'audit' | 'clock' | 'log'>, input: DecisionInput): Promise<SubmitDecisionOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let stored: StoredApprovalLedger | undefined;
    try {
      stored = await deps.approvals.store.getLedger(input.gate.fleetId, input.gate.gateId);
    } catch (error) {
      if (!(error instanceof LedgerIntegrityError)) throw error;
      await reportTamperedLedger(deps, input.gate, error, `a ${input.decision} by ${input.principal.name} via ${input.via.channel}`);
      return { kind: 'ledgerTampered' };
    }
    if (stored === undefined || stored.ledger.requestId !== input.requestId) return { kind: 'unknownRequest' };
    const now = deps.clock.nowIso();
    const result = recordDecision(stored.ledger, input.principal, input.decision, input.comment, now, input.evidenceVersion);
    let ledger = stored.ledger;
    if (result.next !== stored.ledger) {
      try {
        ledger = (await deps.approvals.store.replaceLedger(result.next, stored.etag)).ledger;
      } catch (error) {
        if (error instanceof ConcurrencyError) continue;
        throw error;
      }
    }
    const attemptRecord: DecisionAttempt = {
      principal: input.principal,
      decision: input.decision,
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      via: input.via,
      evidence: { version: input.evidenceVersion ?? stored.ledger.evidenceVersion, ...(input.evidenceShown === undefined ? {} : { digest: input.evidenceShown.digest }) },
    };
    const event = decisionAuditEvent(stored.ledger, attemptRecord, result, now);
    const shown = input.evidenceShown === undefined ? {} : { evidenceShown: input.evidenceShown.summary };
    await deps.audit.appendAuditEvents([{ ...event, data: { ...event.data, ...shown } }]);
    return { kind: 'decided', result, ledger };
  }
  throw new ConcurrencyError(`Approval ledger of gate ${input.gate.gateId} keeps changing`);
}
