import type { StopRunAction } from './gateActions';
import { gateRef } from './gateIdentity';
import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { markCommandSent, notify, transition, type GateDecision } from './markGate';
import { requestApprovalAction } from './requestApproval';

/** Failed: stop the run (an idempotent command, re-sent until `runStopped` confirms it), notify, keep evidence. */
export function failGate(state: GateState, reason: GateReason, message: string, now: string): GateDecision {
  const stop: StopRunAction = { kind: 'stopRun', gate: gateRef(state.gate), reason, message };
  const decided = transition(state, { name: 'Failed', at: now }, reason, now, message, [stop, notify(state, 'error', reason, message)]);
  return { ...decided, next: markCommandSent(decided.next, stop, now) };
}

/**
 * Inconclusive: hold the gate (never complete it), notify a human who can retry, override or stop. With `recovery`
 * (only query errors held it) the gate is also measured again at `recovery.nextProbeAt` (recoverHeldGate).
 */
export function holdGate(state: GateState, reason: GateReason, message: string, now: string, recovery?: { readonly nextProbeAt: string; readonly lastMeasurement: number }): GateDecision {
  const then = recovery ? `; measured again at ${recovery.nextProbeAt} in case the queries recover` : '';
  return transition(state, { name: 'Inconclusive', at: now, ...(recovery ? { recovery } : {}) }, reason, now, `${message}${then}`, [
    notify(state, 'warning', reason, `${message}; the gate is held until it is measured again successfully, or an operator retries, overrides or stops the run${then}`),
  ]);
}

/**
 * All gating checks passed. No approval in the policy → complete the Fleet gate. Otherwise the gate completes
 * only when checks passed AND the approval was granted: already granted (requested in parallel) → Approving;
 * already requested → AwaitingApproval (no second request); else AwaitingApproval and request it now.
 */
export function passChecks(state: GateState, message: string, now: string): GateDecision {
  const action = requestApprovalAction(state);
  if (action === undefined) return approveGate(state, GateReason.ChecksPassed, message, now);
  const progress = state.approval;
  if (progress?.granted !== undefined) {
    const by = progress.granted.by === undefined ? '' : ` by ${progress.granted.by}`;
    return approveGate(state, GateReason.ChecksPassed, `${message}; approval already granted${by} at ${progress.granted.at}`, now);
  }
  const awaiting = { name: 'AwaitingApproval', since: now } as const;
  if (progress !== undefined) {
    return transition(state, awaiting, GateReason.ChecksPassed, now, `${message}; approval requested at ${progress.requestedAt}`);
  }
  return transition({ ...state, approval: { requestedAt: now } }, awaiting, GateReason.ChecksPassed, now, message, [action]);
}

/** Approving: PATCH the Fleet gate to Completed, re-sent until `fleetGateCompleted` confirms it. */
export function approveGate(state: GateState, reason: GateReason, message: string, now: string): GateDecision {
  const complete = { kind: 'completeFleetGate', gate: gateRef(state.gate) } as const;
  const decided = transition(state, { name: 'Approving', since: now }, reason, now, message, [complete]);
  return { ...decided, next: markCommandSent(decided.next, complete, now) };
}
