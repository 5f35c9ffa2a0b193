import type { ApprovalDecisionKind, ApprovalOutcome } from '../../domain/approvals/approvalLedger';
import { approvalLinks } from '../../domain/approvals/approvalLinks';
import { signToken } from '../../domain/approvals/approvalToken';
import type { GateState } from '../../domain/gates/gateState';
import type { ApprovalWiring } from '../approvals/approvalWiring';
import { linkSigner } from '../approvals/tokenSigners';

/** One approval request of a run's gate, as the run detail and the run page show it. */
export interface ApprovalView {
  readonly gateId: string;
  readonly gate: string;
  readonly policyId: string;
  readonly requestId: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  /** Channels the request went to (`teams`, `webhook`). */
  readonly channels: readonly string[];
  /** Who was asked: users, Entra object ids and groups, and how many approvals are needed. */
  readonly asked: { readonly users: readonly string[]; readonly objectIds: readonly string[]; readonly groups: readonly string[]; readonly quorum: number };
  /** The evidence version (gate state version) shown when it was requested. */
  readonly evidenceVersion: number;
  readonly outcome?: ApprovalOutcome;
  readonly closedAt?: string;
  readonly decisions: readonly {
    readonly by: string;
    readonly objectId?: string;
    readonly decision: ApprovalDecisionKind;
    readonly at: string;
    readonly comment?: string;
    /** The evidence version the approver saw when deciding. */
    readonly evidenceVersion: number;
  }[];
  /** The landing-page link of a pending request: only for operators (it lets its holder's principal decide). */
  readonly link?: string;
}

/**
 * The approval requests of a run's gates with every decision, read from the approvals store (one ledger per gate:
 * a re-armed gate's earlier request is replaced, and remains in the audit trail). With `includeLinks` (the caller is
 * an operator) a pending, unexpired request carries its landing-page link, signed as the channels' one was.
 */
export async function approvalHistory(
  approvals: ApprovalWiring | undefined,
  gates: readonly GateState[],
  options: { readonly includeLinks: boolean; readonly now: string },
): Promise<ApprovalView[]> {
  if (!approvals) return [];
  // Every gate's ledger read at once (one round trip, not one per gate), then the views in the gates' order.
  const ledgers = await Promise.all(gates.map(async (gate) => (gate.policy.approval ? (await approvals.store.getLedger(gate.gate.fleetId, gate.gate.gateId))?.ledger : undefined)));
  const views: ApprovalView[] = [];
  for (const [i, gate] of gates.entries()) {
    const ledger = ledgers[i];
    if (!ledger) continue;
    const { approvers, quorum, channels } = ledger.policy;
    const pending = ledger.outcome === undefined && Date.parse(ledger.expiresAt) > Date.parse(options.now);
    const { signer, publicBaseUrl } = approvals;
    const link =
      options.includeLinks && pending && signer && publicBaseUrl
        ? approvalLinks(publicBaseUrl, signToken({ v: 1, ...ledger.gate, requestId: ledger.requestId, exp: Math.floor(Date.parse(ledger.expiresAt) / 1000) }, linkSigner(signer))).page
        : undefined;
    views.push({
      gateId: gate.gate.gateId,
      gate: gate.gate.displayName,
      policyId: gate.policy.id,
      requestId: ledger.requestId,
      requestedAt: ledger.requestedAt,
      expiresAt: ledger.expiresAt,
      channels: Object.keys(channels ?? {}),
      asked: { users: approvers.users, objectIds: approvers.objectIds, groups: approvers.groups, quorum },
      evidenceVersion: ledger.evidenceVersion,
      ...(ledger.outcome ? { outcome: ledger.outcome } : {}),
      ...(ledger.closedAt ? { closedAt: ledger.closedAt } : {}),
      decisions: ledger.decisions.map((d) => ({
        by: d.by.name,
        ...(d.by.objectId ? { objectId: d.by.objectId } : {}),
        decision: d.decision,
        at: d.at,
        ...(d.comment ? { comment: d.comment } : {}),
        evidenceVersion: d.evidenceVersion,
      })),
      ...(link ? { link } : {}),
    });
  }
  return views;
}
