import type { GateAction, RequestApprovalAction } from './gateActions';
import { audit, commandSent, notify, transition, transitionWithCommand, unchanged, type GateDecision } from './gateDecision';
import { gateRef } from './gateIdentity';
import type { ApprovalVerdict } from './gateObservation';
import { GateReason } from './gateReasons';
import type { CompleteFleetGateAction, GateState } from './gateState';

/**
 * Approval verdicts (quorum, identities and deadlines are the approvals module's job; it reports the result).
 * Meaningful while AwaitingApproval, and also while Soaking/Checking once approval was requested in parallel
 * (`requireChecksFirst: false`); ignored in every other phase and when the policy has no approval.
 * - granted  → Approving (complete the Fleet gate); before the checks passed it is only remembered in
 *              `state.approval.granted` and the gate completes when they pass (checks passed AND quorum)
 * - rejected → Rejected, then stop the run or skip the gated group/stage per `approval.onReject`
 * - expired  → Expired, then stop, skip or hold per `approval.onExpire`
 */
export function approveGate(state: GateState, verdict: ApprovalVerdict, now: string): GateDecision {
  const approval = state.policy.approval;
  if (approval === undefined || !(state.phase.name === 'AwaitingApproval' || requestedEarly(state))) return unchanged(state);
  switch (verdict.kind) {
    case 'approvalGranted':
      if (state.phase.name !== 'AwaitingApproval') return rememberGrant(state, verdict, now);
      return enterApproving(state, GateReason.ApprovalGranted, `approved${by(verdict.by)}`, now);
    case 'approvalRejected': {
      const message = `rejected${by(verdict.by)}${verdict.comment === undefined ? '' : `: ${verdict.comment}`}`;
      const phase = { name: 'Rejected', at: now, ...pick(verdict) } as const;
      return withConsequence(state, transition(state, phase, GateReason.ApprovalRejected, now, message), approval.onReject, GateReason.ApprovalRejected, message, now);
    }
    case 'approvalExpired': {
      const message = `approval expired (policy: ${approval.onExpire})`;
      const decided = transition(state, { name: 'Expired', at: now, onExpire: approval.onExpire }, GateReason.ApprovalExpired, now, message);
      return withConsequence(state, decided, approval.onExpire, GateReason.ApprovalExpired, message, now);
    }
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}

/**
 * All gating checks passed. No approval in the policy → complete the Fleet gate. Otherwise the gate completes
 * only when checks passed AND the approval was granted: already granted (requested in parallel) → Approving;
 * already requested → AwaitingApproval (no second request); else AwaitingApproval and request it now.
 */
export function passChecks(state: GateState, message: string, now: string): GateDecision {
  const action = requestApprovalAction(state);
  if (action === undefined) return enterApproving(state, GateReason.ChecksPassed, message, now);
  const progress = state.approval;
  if (progress?.granted !== undefined) {
    const grantedBy = progress.granted.by === undefined ? '' : ` by ${progress.granted.by}`;
    return enterApproving(state, GateReason.ChecksPassed, `${message}; approval already granted${grantedBy} at ${progress.granted.at}`, now);
  }
  const awaiting = { name: 'AwaitingApproval', since: now } as const;
  if (progress !== undefined) {
    return transition(state, awaiting, GateReason.ChecksPassed, now, `${message}; approval requested at ${progress.requestedAt}`);
  }
  return transition({ ...state, approval: { requestedAt: now } }, awaiting, GateReason.ChecksPassed, now, message, [action]);
}

/**
 * `requireChecksFirst: false`: ask for approval now, in parallel with the checks (no phase change; audited as
 * ApprovalRequested). Returns `decision` unchanged when the policy has no approval, asks for checks first, or
 * approval was already requested. Applied to the state a decision ends in, so it composes after initializeGate.
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

/** Approving: PATCH the Fleet gate to Completed, re-sent until `fleetGateCompleted` confirms it. */
function enterApproving(state: GateState, reason: GateReason, message: string, now: string): GateDecision {
  const complete: CompleteFleetGateAction = { kind: 'completeFleetGate', gate: gateRef(state.gate) };
  return transitionWithCommand(state, { name: 'Approving', since: now }, reason, now, message, complete);
}

/** The requestApproval action for a gate whose policy has an approval (undefined otherwise). */
function requestApprovalAction(state: GateState): RequestApprovalAction | undefined {
  const approval = state.policy.approval;
  if (approval === undefined) return undefined;
  return { kind: 'requestApproval', gate: gateRef(state.gate), policyId: state.policy.id, approval, checks: state.checks };
}

/** Approval was requested in parallel with the checks, which are still running (Soaking or Checking). */
function requestedEarly(state: GateState): boolean {
  return state.approval !== undefined && (state.phase.name === 'Soaking' || state.phase.name === 'Checking');
}

/** A grant before the checks passed: remember it (once) and audit it; no phase change. */
function rememberGrant(state: GateState, verdict: { readonly by?: string; readonly comment?: string }, now: string): GateDecision {
  const progress = state.approval;
  if (progress === undefined || progress.granted !== undefined) return unchanged(state);
  const next: GateState = { ...state, approval: { ...progress, granted: { at: now, ...pick(verdict) } } };
  const message = `approved${by(verdict.by)}; the gate completes once the checks pass`;
  return { next, actions: [audit(state, state.phase, GateReason.ApprovalGranted, now, message)] };
}

function withConsequence(state: GateState, decided: GateDecision, policy: 'stop' | 'skip' | 'hold', reason: GateReason, message: string, now: string): GateDecision {
  const alert = notify(state, 'warning', reason, message);
  if (policy === 'hold') return { ...decided, actions: [...decided.actions, alert] };
  const command: Extract<GateAction, { kind: 'stopRun' | 'skipGateTarget' }> =
    policy === 'stop'
      ? { kind: 'stopRun', gate: gateRef(state.gate), reason, message }
      : {
          kind: 'skipGateTarget',
          gate: gateRef(state.gate),
          target: state.gate.group === undefined ? { type: 'Stage', name: state.gate.stage } : { type: 'Group', name: state.gate.group },
          reason,
        };
  return { next: commandSent(decided.next, command, now), actions: [...decided.actions, command, alert] };
}

function by(who: string | undefined): string {
  return who === undefined ? '' : ` by ${who}`;
}

function pick(verdict: { readonly by?: string; readonly comment?: string }): { by?: string; comment?: string } {
  return {
    ...(verdict.by === undefined ? {} : { by: verdict.by }),
    ...(verdict.comment === undefined ? {} : { comment: verdict.comment }),
  };
}
