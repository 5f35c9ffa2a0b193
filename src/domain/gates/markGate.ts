import type { AuditAction, GateAction, NotifyAction } from './gateActions';
import { gateRef } from './gateIdentity';
import type { GateReason } from './gateReasons';
import type { GatePhase, GateState, PendingCommand } from './gateState';
import { addSeconds, isDue } from './gateTime';

/** What decideGate returns: the next state (the same object when nothing changed) and the actions to carry out. */
export interface GateDecision {
  readonly next: GateState;
  readonly actions: readonly GateAction[];
}

/** Seconds after which an unconfirmed idempotent command (complete, stop, skip) or unanswered runChecks is re-sent. */
export const RETRY_AFTER_SECONDS = 120;

/** No change, no actions. */
export function unchanged(state: GateState): GateDecision {
  return { next: state, actions: [] };
}

/** Pure transform: moves to `phase` and appends a history entry. */
export function markPhase(state: GateState, phase: GatePhase, reason: GateReason, now: string, message: string): GateState {
  return {
    ...state,
    phase,
    history: [...state.history, { at: now, from: state.phase.name, to: phase.name, reason, message }],
  };
}

/** Pure transform: remembers an idempotent command until an observation confirms it. */
export function markCommandSent(state: GateState, action: PendingCommand['action'], now: string): GateState {
  return { ...state, pendingCommand: { action, sentAt: now } };
}

/** Pure transform: forgets the pending command (confirmed, or overtaken by events). */
export function markCommandSettled(state: GateState): GateState {
  const { pendingCommand: _settled, ...rest } = state;
  return rest;
}

/** A transition with its audit event first, then `actions`. */
export function transition(
  state: GateState,
  phase: GatePhase,
  reason: GateReason,
  now: string,
  message: string,
  actions: readonly GateAction[] = [],
): GateDecision {
  return { next: markPhase(state, phase, reason, now, message), actions: [audit(state, phase, reason, now, message), ...actions] };
}

export function audit(state: GateState, to: GatePhase, reason: GateReason, now: string, message: string): AuditAction {
  return { kind: 'audit', event: { at: now, gate: gateRef(state.gate), from: state.phase.name, to: to.name, reason, message } };
}

export function notify(state: GateState, severity: NotifyAction['severity'], reason: GateReason, message: string): NotifyAction {
  const { displayName, stage, group, runName } = state.gate;
  const where = group === undefined ? `stage ${stage}` : `group ${group} of stage ${stage}`;
  return { kind: 'notify', gate: gateRef(state.gate), severity, reason, message: `${displayName} (${where}, run ${runName}): ${message}` };
}

/** Re-sends the pending command when it has gone unconfirmed for RETRY_AFTER_SECONDS. */
export function retryPendingCommand(state: GateState, now: string, reason: GateReason): GateDecision {
  const pending = state.pendingCommand;
  if (pending === undefined || !isDue(now, addSeconds(pending.sentAt, RETRY_AFTER_SECONDS))) return unchanged(state);
  const message = `${pending.action.kind} not confirmed since ${pending.sentAt}; sending it again`;
  return {
    next: markCommandSent(state, pending.action, now),
    actions: [audit(state, state.phase, reason, now, message), pending.action, wakeUp(state, addSeconds(now, RETRY_AFTER_SECONDS))],
  };
}

export function wakeUp(state: GateState, at: string): GateAction {
  return { kind: 'scheduleWakeUp', gate: gateRef(state.gate), at };
}
