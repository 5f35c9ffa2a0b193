import type { ApprovalDecisionRecord, ApprovalLedger } from '../../domain/approvals/approvalLedger';
import { deciderOf, sameDecider } from '../../domain/approvals/approvalLedger';
import { isAllowedApprover, type ApprovalPrincipal } from '../../domain/approvals/approvalPolicy';
import { verifyToken, type ApprovalTokenClaims, type TokenRejection } from '../../domain/approvals/approvalToken';
import type { ClusterCheckSummary } from '../../domain/approvals/clusterCheckSummary';
import type { GateState } from '../../domain/gates/gateState';
import { LedgerIntegrityError, type StoredApprovalLedger } from '../../ports';
import { reportTamperedLedger } from './reportTamperedLedger';
import type { ApprovalDeps } from './approvalDeps';
import { requireSigner } from './approvalWiring';
import { evidenceShown } from './evidenceShown';
import { approvalFormToken } from './approvalFormToken';
import { linkSigner } from './tokenSigners';

/** What the landing page shows: the gate, the evidence, the decisions so far and what this principal may do. */
export interface ApprovalPageView {
  readonly claims: ApprovalTokenClaims;
  readonly fleetName: string;
  readonly ledger: ApprovalLedger;
  readonly gate: GateState | undefined;
  readonly checks: readonly string[];
  readonly clusters: readonly ClusterCheckSummary[];
  /** The gate state version the approver sees (posted back, recorded with the decision). */
  readonly evidenceVersion: number;
  readonly allowed: boolean;
  /** This principal's earlier decision (decisions are final). */
  readonly yourDecision: ApprovalDecisionRecord | undefined;
  /** CSRF token for the form, bound to this token and this principal. */
  readonly formToken: string;
}

export type ApprovalPageOutcome =
  | { readonly kind: 'tokenRejected'; readonly reason: TokenRejection }
  | { readonly kind: 'unknownRequest' }
  | { readonly kind: 'ledgerTampered' }
  | { readonly kind: 'page'; readonly view: ApprovalPageView };

/** Reads everything the landing page shows for a verified token; changes nothing. */
export async function getApprovalPage(deps: ApprovalDeps, token: string, principal: ApprovalPrincipal): Promise<ApprovalPageOutcome> {
  const signer = requireSigner(deps.approvals);
  const verified = verifyToken(token, linkSigner(signer), deps.clock.nowIso());
  if (!verified.ok) return { kind: 'tokenRejected', reason: verified.reason };
  const { claims } = verified;
  let stored: StoredApprovalLedger | undefined;
  try {
    stored = await deps.approvals.store.getLedger(claims.fleetId, claims.gateId);
  } catch (error) {
    if (!(error instanceof LedgerIntegrityError)) throw error;
    await reportTamperedLedger(deps, claims, error, `the landing page shown to ${principal.name}`);
    return { kind: 'ledgerTampered' };
  }
  if (stored === undefined || stored.ledger.requestId !== claims.requestId) return { kind: 'unknownRequest' };
  const { ledger } = stored;
  const gate = (await deps.gates.getGate(claims.fleetId, claims.gateId))?.state;
  const shown = await evidenceShown(deps, ledger.gate);
  const me = deciderOf(principal);
  return {
    kind: 'page',
    view: {
      claims,
      fleetName: deps.config.fleets.find((f) => f.fleetId.toLowerCase() === claims.fleetId.toLowerCase())?.name ?? claims.fleetId,
      ledger,
      gate,
      checks: shown.checks,
      clusters: shown.clusters,
      evidenceVersion: gate?.version ?? ledger.evidenceVersion,
      allowed: isAllowedApprover(ledger.policy, principal),
      yourDecision: ledger.decisions.find((d) => sameDecider(d.by, me)),
      formToken: approvalFormToken(signer, token, principal),
    },
  };
}
