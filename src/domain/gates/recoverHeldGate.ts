import { GateReason } from './gateReasons';
import type { GatePhase, GateState } from './gateState';
import { isDue } from './gateTime';
import { unchanged, type GateDecision } from './markGate';
import { resumeChecking } from './measureGate';

type Held = Extract<GatePhase, { name: 'Inconclusive' }>;

/**
 * A tick on a gate held only by query errors (a Log Analytics outage): once `nextProbeAt` is due, measure again.
 * The checks held by errors go back to Running one error short of their limit, so one more error holds the gate
 * again at once (with the next, longer backoff, until the policy's recoveryProbes are used up), while a real answer
 * counts as usual: Successful towards `count`, Failed fails, no data stays Inconclusive. Nothing passes without data.
 */
export function recoverHeldGate(state: GateState, phase: Held, now: string): GateDecision {
  const recovery = phase.recovery;
  if (recovery === undefined || !isDue(now, recovery.nextProbeAt)) return unchanged(state);
  const probe = (state.recoveryProbes ?? 0) + 1;
  const limit = state.policy.analysis.consecutiveErrorLimit;
  const checks = state.checks.map((tally) =>
    tally.phase === 'Inconclusive' && tally.reason === GateReason.ConsecutiveErrorLimitExceeded
      ? (({ reason: _reason, ...rest }) => ({ ...rest, phase: 'Running' as const, consecutiveErrors: limit }))(tally)
      : tally,
  );
  const probing: GateState = { ...state, checks, recoveryProbes: probe };
  return resumeChecking(probing, recovery.lastMeasurement + 1, now, GateReason.RecoveryProbe, `measuring again after query errors (recovery probe ${probe})`);
}
