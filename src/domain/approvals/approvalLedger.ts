import type { GateRef } from '../gates/gateIdentity';
import { addSeconds } from '../gates/gateTime';
import type { ApprovalPolicy, ApprovalPrincipal } from './approvalPolicy';

export type ApprovalDecisionKind = 'approve' | 'reject';
export type ApprovalOutcome = 'granted' | 'rejected' | 'expired';

/** Who decided, as recorded: the principal's name and object id (never taken from a link). */
export interface ApprovalDecider {
  readonly name: string;
  readonly objectId?: string;
}

/** One counted decision: who, what, when, the comment, and the evidence version the approver saw. */
export interface ApprovalDecisionRecord {
  readonly by: ApprovalDecider;
  readonly decision: ApprovalDecisionKind;
  readonly comment?: string;
  readonly at: string;
  readonly evidenceVersion: number;
}

/**
 * One approval request for one gate (the ledger): stored by the approvals store keyed by gate GUID, plain JSON.
 * `outcome` is set once (granted | rejected | expired) with `closedAt`; afterwards no decision changes it.
 */
export interface ApprovalLedger {
  /** Unique per request (the token's `requestId`): a new request for the same gate gets a new id. */
  readonly requestId: string;
  readonly gate: GateRef;
  readonly requestedAt: string;
  /** `requestedAt + policy.expiresAfterMinutes`. */
  readonly expiresAt: string;
  /** The approval policy as pinned in the gate state. */
  readonly policy: ApprovalPolicy;
  /** The evidence version shown when the request was made (the gate state version); approvers may see a later one. */
  readonly evidenceVersion: number;
  readonly decisions: readonly ApprovalDecisionRecord[];
  readonly outcome?: ApprovalOutcome;
  readonly closedAt?: string;
  /**
   * Keyed MAC over everything else (ledgerSealInput), set by the store wrapper on every write and verified on every
   * read: a row edited outside Conductor no longer matches and is refused.
   */
  readonly seal?: string;
}

/** A new, open request: expires `policy.expiresAfterMinutes` after `requestedAt`. */
export function openApprovalLedger(input: {
  readonly requestId: string;
  readonly gate: GateRef;
  readonly policy: ApprovalPolicy;
  readonly requestedAt: string;
  readonly evidenceVersion: number;
}): ApprovalLedger {
  const { requestId, gate, policy, requestedAt, evidenceVersion } = input;
  return { requestId, gate, requestedAt, expiresAt: addSeconds(requestedAt, policy.expiresAfterMinutes * 60), policy, evidenceVersion, decisions: [] };
}

/**
 * Whether two deciders are the same person: by object id when both have one, else by name (case-insensitive).
 * This is what makes "the same approver twice does not count twice".
 */
export function sameDecider(a: ApprovalDecider, b: ApprovalDecider): boolean {
  if (a.objectId !== undefined && b.objectId !== undefined) return a.objectId.toLowerCase() === b.objectId.toLowerCase();
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/** The decider as recorded from a principal (groups are used for the allow check only, not stored). */
export function deciderOf(principal: ApprovalPrincipal): ApprovalDecider {
  return { name: principal.name, ...(principal.objectId === undefined ? {} : { objectId: principal.objectId.toLowerCase() }) };
}

/** Distinct approvals so far (every recorded approve is by a distinct decider; see recordDecision). */
export function approvalsCounted(ledger: ApprovalLedger): number {
  return ledger.decisions.filter((decision) => decision.decision === 'approve').length;
}
