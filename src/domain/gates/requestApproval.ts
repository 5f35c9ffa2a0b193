import type { RequestApprovalAction } from './gateActions';
import { gateRef } from './gateIdentity';
import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { audit, type GateDecision } from './markGate';

/** The requestApproval action for a gate whose policy has an approval (undefined otherwise). */
export function requestApprovalAction(state: GateState): RequestApprovalAction | undefined {
  const approval = state.policy.approval;
  if (approval === undefined) return undefined;
  return { kind: 'requestApproval', gate: gateRef(state.gate), policyId: state.policy.id, approval, checks: state.checks };
}

/**
 * `requireChecksFirst: false`: ask for approval now, in parallel with the checks (no phase change; audited as
 * ApprovalRequested). Returns `decision` unchanged when the policy has no approval, asks for checks first, or
 * approval was already requested. Applied to the state a decision ends in, so it composes after startGate.
 */
export function requestApprovalEarly(decision: GateDecision, now: string): GateDecision {
  const state = decision.next;
  const action = requestApprovalAction(state);
  // `!== false`: a policy pinned before requireChecksFirst existed (no such field) keeps asking after the checks.
  if (action === undefined || action.approval.requireChecksFirst !== false || state.approval !== undefined) return decision;
  const message = 'approval requested in parallel with the checks (requireChecksFirst: false)';
  const next: GateState = { ...state, approval: { requestedAt: now } };
  return { next, actions: [...decision.actions, audit(state, state.phase, GateReason.ApprovalRequested, now, message), action] };
}
