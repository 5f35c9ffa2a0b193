import { gateRef } from './gateIdentity';
import type { FleetSignal } from './gateObservation';
import { GateReason } from './gateReasons';
import type { GatePhase, GateState, StopRunAction } from './gateState';
import { addSeconds, isDue } from './gateTime';
import { RETRY_AFTER_SECONDS, audit, commandSent, commandSettled, notify, transition, transitionWithCommand, unchanged, type GateDecision } from './gateDecision';

/**
 * Settling a gate: where it ends, and what Fleet says about it.
 * - failGate / holdGate: the ends Conductor decides against the run (Failed stops it; Inconclusive holds it).
 * - settleGate: Fleet's word, in ANY phase, decided before the phase's own step (decideGate):
 *   - fleetGateCompleted confirms Approving → Passed; in Passed/Bypassed/Cancelled nothing; in any other phase
 *     someone completed the gate outside Conductor → Bypassed (audited, notified);
 *   - fleetGateSkipped / runStopped confirm a pending skip / stop; in a phase still deciding (or held) → Cancelled.
 * - resendCommand: a command Fleet has not confirmed after RETRY_AFTER_SECONDS is sent again (Approving and the
 *   decided-against phases, on a tick).
 */
export function settleGate(state: GateState, signal: FleetSignal, now: string): GateDecision {
  const phase = state.phase.name;
  switch (signal.kind) {
    case 'fleetGateCompleted': {
      if (phase === 'Passed' || phase === 'Bypassed' || phase === 'Cancelled') return unchanged(state);
      const settled = commandSettled(state);
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

/** Failed: stop the run (an idempotent command, re-sent until `runStopped` confirms it), notify, keep evidence. */
export function failGate(state: GateState, reason: GateReason, message: string, now: string): GateDecision {
  const stop: StopRunAction = { kind: 'stopRun', gate: gateRef(state.gate), reason, message };
  return transitionWithCommand(state, { name: 'Failed', at: now }, reason, now, message, stop, [notify(state, 'error', reason, message)]);
}

/**
 * Inconclusive: hold the gate (never complete it), notify a human who can retry, override or stop. With `recovery`
 * (only query errors held it) the gate is also measured again at `recovery.nextProbeAt` (recoverHeldGate).
 */
export function holdGate(state: GateState, reason: GateReason, message: string, now: string, recovery?: HeldRecovery): GateDecision {
  const then = recovery ? `; measured again at ${recovery.nextProbeAt} in case the queries recover` : '';
  return transition(state, { name: 'Inconclusive', at: now, ...(recovery ? { recovery } : {}) }, reason, now, `${message}${then}`, [
    notify(state, 'warning', reason, `${message}; the gate is held until it is measured again successfully, or an operator retries, overrides or stops the run${then}`),
  ]);
}

type HeldRecovery = NonNullable<Extract<GatePhase, { name: 'Inconclusive' }>['recovery']>;

/** Re-sends the pending command when it has gone unconfirmed for RETRY_AFTER_SECONDS. */
export function resendCommand(state: GateState, now: string): GateDecision {
  const pending = state.pendingCommand;
  if (pending === undefined || !isDue(now, addSeconds(pending.sentAt, RETRY_AFTER_SECONDS))) return unchanged(state);
  const message = `${pending.action.kind} not confirmed since ${pending.sentAt}; sending it again`;
  return { next: commandSent(state, pending.action, now), actions: [audit(state, state.phase, GateReason.CommandRetried, now, message), pending.action] };
}

function confirmOrCancel(state: GateState, confirms: 'stopRun' | 'skipGateTarget', reason: GateReason, message: string, now: string): GateDecision {
  if (state.pendingCommand?.action.kind === confirms) return { next: commandSettled(state), actions: [] };
  if (!stillDeciding(state)) return unchanged(state);
  return transition(commandSettled(state), { name: 'Cancelled', at: now }, reason, now, `${message} while ${state.phase.name}`, [
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
