import { gateRef } from './gateIdentity';
import { GateReason } from './gateReasons';
import type { CompleteFleetGateAction, GateState } from './gateState';
import { notify, transitionWithCommand, type GateDecision } from './gateDecision';

/**
 * A named operator completes the Fleet gate despite the checks (safety invariant 1: the only way a gate passes
 * without every check passing). The gate ends Bypassed with who and why, the completion is sent (and re-sent
 * until Fleet confirms it), and the override is audited and notified. Undefined when the gate already passed or
 * was bypassed (nothing to override).
 */
export function overrideGate(state: GateState, input: { readonly by: string; readonly reason: string; readonly now: string }): GateDecision | undefined {
  const phase = state.phase.name;
  if (phase === 'Passed' || phase === 'Bypassed') return undefined;
  const complete: CompleteFleetGateAction = { kind: 'completeFleetGate', gate: gateRef(state.gate) };
  const message = `${input.by} overrode the gate while ${phase}: ${input.reason}`;
  return transitionWithCommand(
    { ...state, version: state.version + 1 },
    { name: 'Bypassed', at: input.now, by: input.by, reason: input.reason },
    GateReason.OperatorOverride,
    input.now,
    message,
    complete,
    [notify(state, 'warning', GateReason.OperatorOverride, message)],
  );
}
