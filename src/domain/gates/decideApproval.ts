import type { GateAction } from './gateActions';
import { gateRef } from './gateIdentity';
import type { GateObservation } from './gateObservation';
import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { audit, markCommandSent, notify, transition, unchanged, type GateDecision } from './markGate';
import { approveGate } from './settleGate';

type ApprovalObservation = Extract<GateObservation, { kind: 'approvalGranted' | 'approvalRejected' | 'approvalExpired' }>;

/**
 * Approval outcomes (quorum, identities and deadlines are the approvals module's job; it reports the result).
 * Meaningful while AwaitingApproval, and also while Soaking/Checking once approval was requested in parallel
 * (`requireChecksFirst: false`); ignored in every other phase and when the policy has no approval.
 * - granted  → Approving (complete the Fleet gate); before the checks passed it is only remembered in
 *              `state.approval.granted` and the gate completes when they pass (checks passed AND quorum)
 * - rejected → Rejected, then stop the run or skip the gated group/stage per `approval.onReject`
 * - expired  → Expired, then stop, skip or hold per `approval.onExpire`
 */
export function decideApproval(state: GateState, observation: ApprovalObservation, now: string): GateDecision {
  const approval = state.policy.approval;
  if (approval === undefined || !(state.phase.name === 'AwaitingApproval' || requestedEarly(state))) return unchanged(state);
  switch (observation.kind) {
    case 'approvalGranted':
      if (state.phase.name !== 'AwaitingApproval') return rememberGrant(state, observation, now);
      return approveGate(state, GateReason.ApprovalGranted, `approved${by(observation.by)}`, now);
    case 'approvalRejected': {
      const message = `rejected${by(observation.by)}${observation.comment === undefined ? '' : `: ${observation.comment}`}`;
      const phase = { name: 'Rejected', at: now, ...pick(observation) } as const;
      return withConsequence(state, transition(state, phase, GateReason.ApprovalRejected, now, message), approval.onReject, GateReason.ApprovalRejected, message, now);
    }
    case 'approvalExpired': {
      const message = `approval expired (policy: ${approval.onExpire})`;
      const decided = transition(state, { name: 'Expired', at: now, onExpire: approval.onExpire }, GateReason.ApprovalExpired, now, message);
      return withConsequence(state, decided, approval.onExpire, GateReason.ApprovalExpired, message, now);
    }
    default: {
      const unreachable: never = observation;
      return unreachable;
    }
  }
}

/** Approval was requested in parallel with the checks, which are still running (Soaking or Checking). */
function requestedEarly(state: GateState): boolean {
  return state.approval !== undefined && (state.phase.name === 'Soaking' || state.phase.name === 'Checking');
}

/** A grant before the checks passed: remember it (once) and audit it; no phase change. */
function rememberGrant(state: GateState, observation: { readonly by?: string; readonly comment?: string }, now: string): GateDecision {
  const progress = state.approval;
  if (progress === undefined || progress.granted !== undefined) return unchanged(state);
  const next: GateState = { ...state, approval: { ...progress, granted: { at: now, ...pick(observation) } } };
  const message = `approved${by(observation.by)}; the gate completes once the checks pass`;
  return { next, actions: [audit(state, state.phase, GateReason.ApprovalGranted, now, message)] };
}

function withConsequence(
  state: GateState,
  decided: GateDecision,
  policy: 'stop' | 'skip' | 'hold',
  reason: GateReason,
  message: string,
  now: string,
): GateDecision {
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
  return { next: markCommandSent(decided.next, command, now), actions: [...decided.actions, command, alert] };
}

function by(who: string | undefined): string {
  return who === undefined ? '' : ` by ${who}`;
}

function pick(observation: { readonly by?: string; readonly comment?: string }): { by?: string; comment?: string } {
  return {
    ...(observation.by === undefined ? {} : { by: observation.by }),
    ...(observation.comment === undefined ? {} : { comment: observation.comment }),
  };
}
