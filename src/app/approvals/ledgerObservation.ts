import type { ApprovalLedger } from '../../domain/approvals/approvalLedger';
import type { ApprovalObservation } from '../../domain/approvals/decideApprovalRequest';

/**
 * The observation a closed ledger means for its gate (undefined while open). Read on every reconcile of a gate
 * awaiting approval, so a decision whose gate update lost a race or crashed still reaches the gate (level-triggered);
 * the gate ignores it once it moved on.
 */
export function ledgerObservation(ledger: ApprovalLedger): ApprovalObservation | undefined {
  switch (ledger.outcome) {
    case undefined:
      return undefined;
    case 'expired':
      return { kind: 'approvalExpired' };
    case 'granted':
      return summarize('approvalGranted', ledger.decisions.filter((d) => d.decision === 'approve'));
    case 'rejected':
      return summarize('approvalRejected', ledger.decisions.filter((d) => d.decision === 'reject'));
    default: {
      const unreachable: never = ledger.outcome;
      return unreachable;
    }
  }
}

function summarize(kind: 'approvalGranted' | 'approvalRejected', records: ApprovalLedger['decisions']): ApprovalObservation {
  const comments = records.filter((r) => r.comment !== undefined).map((r) => `${r.by.name}: ${r.comment}`);
  return { kind, by: records.map((r) => r.by.name).join(', '), ...(comments.length === 0 ? {} : { comment: comments.join('; ') }) };
}
