import type { StopRunAction } from './gateActions';
import { gateRef } from './gateIdentity';
import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { markCommandSent, notify, transition, type GateDecision } from './markGate';

/** Failed: stop the run (an idempotent command, re-sent until `runStopped` confirms it), notify, keep evidence. */
export function failGate(state: GateState, reason: GateReason, message: string, now: string): GateDecision {
  const stop: StopRunAction = { kind: 'stopRun', gate: gateRef(state.gate), reason, message };
  const decided = transition(state, { name: 'Failed', at: now }, reason, now, message, [stop, notify(state, 'error', reason, message)]);
  return { ...decided, next: markCommandSent(decided.next, stop, now) };
}

/** Inconclusive: hold the gate (never complete it), notify a human who can complete the gate or stop the run. */
export function holdGate(state: GateState, reason: GateReason, message: string, now: string): GateDecision {
  return transition(state, { name: 'Inconclusive', at: now }, reason, now, message, [
    notify(state, 'warning', reason, `${message}; the gate is held until someone completes it or stops the run`),
  ]);
}

/** All gating checks passed: ask for approval when the policy has one, else complete the Fleet gate. */
export function passChecks(state: GateState, message: string, now: string): GateDecision {
  const approval = state.policy.approval;
  if (approval !== undefined) {
    return transition(state, { name: 'AwaitingApproval', since: now }, GateReason.ChecksPassed, now, message, [
      { kind: 'requestApproval', gate: gateRef(state.gate), policyId: state.policy.id, approval, checks: state.checks },
    ]);
  }
  return approveGate(state, GateReason.ChecksPassed, message, now);
}

/** Approving: PATCH the Fleet gate to Completed, re-sent until `fleetGateCompleted` confirms it. */
export function approveGate(state: GateState, reason: GateReason, message: string, now: string): GateDecision {
  const complete = { kind: 'completeFleetGate', gate: gateRef(state.gate) } as const;
  const decided = transition(state, { name: 'Approving', since: now }, reason, now, message, [complete]);
  return { ...decided, next: markCommandSent(decided.next, complete, now) };
}
