import { unchanged, type GateDecision } from './gateDecision';
import type { GatePhase, GateState } from './gateState';
import { isDue } from './gateTime';
import { startChecking } from './measureGate';

type Soaking = Extract<GatePhase, { name: 'Soaking' }>;

/** Soaking, on a tick: start checking once the soak is over (`until`, set by initializeGate); until then nothing. */
export function soakGate(state: GateState, phase: Soaking, now: string): GateDecision {
  return isDue(now, phase.until) ? startChecking(state, now, 'initial delay elapsed') : unchanged(state);
}
