import { approveGate } from './approveGate';
import { unchanged, type GateDecision } from './gateDecision';
import type { ApprovalVerdict, FleetSignal, GateObservation } from './gateObservation';
import type { GateState } from './gateState';
import { initializeGate } from './initializeGate';
import { measureGate, recordMeasurement, recoverHeldGate } from './measureGate';
import { resendCommand, settleGate } from './settleGate';
import { soakGate } from './soakGate';

/**
 * The gate state machine (docs/design.md §4) as a pure function, read top to bottom: given the stored state, one
 * observation and the time, returns the next state and the actions to carry out (journaled with the state, then
 * carried out through ports by the use case, `runChecks` included). Deterministic and idempotent: deciding a state
 * that already reflects an observation adds nothing; in particular completeFleetGate is sent once on entering
 * Approving and re-sent only after RETRY_AFTER_SECONDS without confirmation. `next === state` when nothing changed;
 * otherwise `next.version = state.version + 1`.
 *
 * Every time a gate waits for (end of soak, next measurement, unanswered request, recovery probe, unconfirmed
 * command) is in its state, so a tick from the reconcile timer is the only wake-up it needs.
 */
export function decideGate(state: GateState, observation: GateObservation, now: string): GateDecision {
  const decision = decide(state, observation, now);
  return decision.next === state ? decision : { ...decision, next: { ...decision.next, version: state.version + 1 } };
}

function decide(state: GateState, observation: GateObservation, now: string): GateDecision {
  // Fleet's word first, in any phase: it confirms a command, or the gate was completed, skipped or stopped around us.
  if (isFleetSignal(observation)) return settleGate(state, observation, now);
  const phase = state.phase;
  switch (phase.name) {
    case 'Observed':
      return observation.kind === 'tick' ? initializeGate(state, now) : unchanged(state);
    case 'Soaking':
      if (observation.kind === 'tick') return soakGate(state, phase, now);
      return isApprovalVerdict(observation) ? approveGate(state, observation, now) : unchanged(state);
    case 'Checking':
      if (observation.kind === 'tick') return measureGate(state, phase, now);
      if (observation.kind === 'checksEvaluated') return recordMeasurement(state, phase, observation.measurement, observation.evaluations, now);
      return approveGate(state, observation, now);
    case 'AwaitingApproval':
      return isApprovalVerdict(observation) ? approveGate(state, observation, now) : unchanged(state);
    case 'Approving':
    case 'Failed':
    case 'Rejected':
    case 'Expired':
      // Waiting for Fleet to confirm the complete / stop / skip sent on entry.
      return observation.kind === 'tick' ? resendCommand(state, now) : unchanged(state);
    case 'Inconclusive':
      // Held for a human; only a hold caused by query errors is probed again by itself.
      return observation.kind === 'tick' ? recoverHeldGate(state, phase, now) : unchanged(state);
    case 'Passed':
    case 'Bypassed':
    case 'Cancelled':
      return unchanged(state);
    default: {
      const unreachable: never = phase;
      return unreachable;
    }
  }
}

function isFleetSignal(observation: GateObservation): observation is FleetSignal {
  return observation.kind === 'fleetGateCompleted' || observation.kind === 'fleetGateSkipped' || observation.kind === 'runStopped';
}

function isApprovalVerdict(observation: GateObservation): observation is ApprovalVerdict {
  return observation.kind === 'approvalGranted' || observation.kind === 'approvalRejected' || observation.kind === 'approvalExpired';
}
