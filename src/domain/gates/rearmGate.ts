import { newTally } from './checkTally';
import type { ClusterSelection } from './clustersForGate';
import { gateRef } from './gateIdentity';
import { GateReason } from './gateReasons';
import type { GatePhaseName, GateState } from './gateState';
import type { GateDecision } from './gateDecision';

/** Phases an operator may re-arm: decided against the run, held, or cancelled by a stop. */
export const REARMABLE_PHASES: readonly GatePhaseName[] = ['Failed', 'Rejected', 'Expired', 'Cancelled', 'Inconclusive'];

/**
 * An operator starts a new decision cycle of a gate (resume of its run, or retry): the gate goes back to Observed
 * with fresh tallies, no approval and no pending command, observed now, with the clusters read from the run status
 * again. The earlier cycle is kept in `previousAttempts` and in the history; its evidence keeps its measurement
 * numbers because the new cycle numbers on from the last one. The caller reconciles the gate right away (soak,
 * checks, approval as the policy says). Returns undefined for a phase that is not re-armable.
 */
export function rearmGate(state: GateState, input: { readonly by: string; readonly reason: string; readonly selection: ClusterSelection; readonly now: string }): GateDecision | undefined {
  const phase = state.phase.name;
  if (!REARMABLE_PHASES.includes(phase)) return undefined;
  const attempt = (state.attempt ?? 1) + 1;
  const lastMeasurement = Math.max((state.firstMeasurement ?? 1) - 1, ...state.checks.map((c) => (state.firstMeasurement ?? 1) - 1 + c.count + c.errors), 0);
  const found = input.selection.kind === 'found' ? input.selection : { clusters: [], excluded: [], failed: [] };
  const message = `${input.by} re-armed the gate (attempt ${attempt}) from ${phase}: ${input.reason}`;
  const { pendingCommand: _pending, approval: _approval, targetNotFound: _missing, recoveryProbes: _probes, ...rest } = state;
  const next: GateState = {
    ...rest,
    version: state.version + 1,
    attempt,
    firstMeasurement: lastMeasurement + 1,
    observedAt: input.now,
    clusters: found.clusters,
    excludedMembers: found.excluded,
    failedMembers: found.failed,
    ...(input.selection.kind === 'targetNotFound' ? { targetNotFound: input.selection.message } : {}),
    phase: { name: 'Observed' },
    checks: state.policy.checks.map((spec) => newTally(spec.name, spec.dryRun ?? state.policy.analysis.dryRun)),
    previousAttempts: [
      ...(state.previousAttempts ?? []),
      { attempt: state.attempt ?? 1, observedAt: state.observedAt, endedPhase: phase, endedAt: input.now, lastMeasurement, rearmedBy: input.by, reason: input.reason },
    ],
    history: [...state.history, { at: input.now, from: phase, to: 'Observed', reason: GateReason.OperatorRearmed, message }],
  };
  return {
    next,
    actions: [{ kind: 'audit', event: { at: input.now, gate: gateRef(state.gate), from: phase, to: 'Observed', reason: GateReason.OperatorRearmed, message } }],
  };
}
