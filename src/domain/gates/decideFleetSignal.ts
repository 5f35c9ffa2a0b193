import type { GateObservation } from './gateObservation';
import { GateReason } from './gateReasons';
import type { GateState } from './gateState';
import { markCommandSettled, notify, transition, unchanged, type GateDecision } from './markGate';

type FleetSignal = Extract<GateObservation, { kind: 'fleetGateCompleted' | 'fleetGateSkipped' | 'runStopped' }>;

/**
 * What Fleet says about the gate or its run, in any phase:
 * - fleetGateCompleted: confirms Approving → Passed; in Passed/Bypassed/Cancelled nothing; in any other phase
 *   someone completed the gate outside Conductor → Bypassed (audited, notified).
 * - fleetGateSkipped: confirms a pending skip; in a phase still deciding (or held) → Cancelled.
 * - runStopped: confirms a pending stop; in a phase still deciding (or held) → Cancelled.
 */
export function decideFleetSignal(state: GateState, signal: FleetSignal, now: string): GateDecision {
  const phase = state.phase.name;
  switch (signal.kind) {
    case 'fleetGateCompleted': {
      if (phase === 'Passed' || phase === 'Bypassed' || phase === 'Cancelled') return unchanged(state);
      const settled = markCommandSettled(state);
      if (phase === 'Approving') {
        return transition(settled, { name: 'Passed', at: now }, GateReason.FleetGateCompleted, now, 'Fleet gate completed', [
          notify(state, 'info', GateReason.FleetGateCompleted, 'gate passed; the run continues'),
        ]);
      }
      const message = `Fleet gate completed outside Conductor while ${phase}`;
      return transition(settled, { name: 'Bypassed', at: now }, GateReason.FleetGateCompletedExternally, now, message, [
        notify(state, 'warning', GateReason.FleetGateCompletedExternally, message),
      ]);
    }
    case 'fleetGateSkipped':
      return confirmOrCancel(state, 'skipGateTarget', GateReason.FleetGateSkipped, 'Fleet gate skipped', now);
    case 'runStopped':
      return confirmOrCancel(state, 'stopRun', GateReason.RunStopped, 'update run stopped', now);
    default: {
      const unreachable: never = signal;
      return unreachable;
    }
  }
}

function confirmOrCancel(state: GateState, confirms: 'stopRun' | 'skipGateTarget', reason: GateReason, message: string, now: string): GateDecision {
  if (state.pendingCommand?.action.kind === confirms) return { next: markCommandSettled(state), actions: [] };
  if (!stillDeciding(state)) return unchanged(state);
  return transition(markCommandSettled(state), { name: 'Cancelled', at: now }, reason, now, `${message} while ${state.phase.name}`, [
    notify(state, 'warning', reason, `${message} before the gate was decided`),
  ]);
}

/** Phases where Conductor would still act on the gate by itself (or holds it for a human). */
function stillDeciding(state: GateState): boolean {
  switch (state.phase.name) {
    case 'Observed':
    case 'Soaking':
    case 'Checking':
    case 'AwaitingApproval':
    case 'Approving':
    case 'Inconclusive':
      return true;
    case 'Expired':
      return state.phase.onExpire === 'hold';
    case 'Passed':
    case 'Failed':
    case 'Rejected':
    case 'Bypassed':
    case 'Cancelled':
      return false;
    default: {
      const unreachable: never = state.phase;
      return unreachable;
    }
  }
}
