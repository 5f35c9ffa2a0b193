import type { GateObservation } from './gateObservation';
import { recoverHeldGate } from './recoverHeldGate';
import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { decideApproval } from './decideApproval';
import { decideFleetSignal } from './decideFleetSignal';
import { retryPendingCommand, unchanged, type GateDecision } from './markGate';
import { tickChecking } from './measureGate';
import { recordMeasurement } from './recordMeasurement';
import { startGate, tickSoaking } from './startGate';

/**
 * The gate state machine (docs/design.md §4) as a pure function: given the stored state, one observation and the time,
 * returns the next state and the actions to carry out (through ports, then save with the ETag).
 * Deterministic and idempotent: deciding a state that already reflects an observation adds nothing; in
 * particular completeFleetGate is sent once on entering Approving and re-sent only after RETRY_AFTER_SECONDS
 * without confirmation. `next === state` when nothing changed; otherwise `next.version = state.version + 1`.
 */
export function decideGate(state: GateState, observation: GateObservation, now: string): GateDecision {
  const decision = decide(state, observation, now);
  return decision.next === state ? decision : { ...decision, next: { ...decision.next, version: state.version + 1 } };
}

function decide(state: GateState, observation: GateObservation, now: string): GateDecision {
  switch (observation.kind) {
    case 'tick':
      return tick(state, now);
    case 'checksEvaluated':
      return recordMeasurement(state, observation.measurement, observation.evaluations, now);
    case 'fleetGateCompleted':
    case 'fleetGateSkipped':
    case 'runStopped':
      return decideFleetSignal(state, observation, now);
    case 'approvalGranted':
    case 'approvalRejected':
    case 'approvalExpired':
      return decideApproval(state, observation, now);
    default: {
      const unreachable: never = observation;
      return unreachable;
    }
  }
}

function tick(state: GateState, now: string): GateDecision {
  const phase = state.phase;
  switch (phase.name) {
    case 'Observed':
      return startGate(state, now);
    case 'Soaking':
      return tickSoaking(state, phase.until, now);
    case 'Checking':
      return tickChecking(state, phase, now);
    case 'AwaitingApproval':
      return unchanged(state);
    case 'Approving':
    case 'Failed':
    case 'Rejected':
    case 'Expired':
      return retryPendingCommand(state, now, GateReason.CommandRetried);
    case 'Inconclusive':
      return recoverHeldGate(state, phase, now);
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
