import type { AuditAction, GateAction, NotifyAction } from './gateActions';
import { gateRef } from './gateIdentity';
import type { GateReason } from './gateReasons';
import type { FleetCommand, GatePhase, GateState } from './gateState';

/**
 * What decideGate returns: the next state (the same object when nothing changed) and the actions to carry out,
 * in order. The actions are the decision's only effects: the use case journals them with `next` and carries every
 * one of them out, `runChecks` included (its results come back as a `checksEvaluated` observation).
 */
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

/** Moves to `phase` and appends a history entry (no actions: for transitions whose audit is composed by the caller). */
export function enterPhase(state: GateState, phase: GatePhase, reason: GateReason, now: string, message: string): GateState {
  return {
    ...state,
    phase,
    history: [...state.history, { at: now, from: state.phase.name, to: phase.name, reason, message }],
  };
}

/** A transition: the new phase with its history entry, its audit event first, then `actions`. */
export function transition(
  state: GateState,
  phase: GatePhase,
  reason: GateReason,
  now: string,
  message: string,
  actions: readonly GateAction[] = [],
): GateDecision {
  return { next: enterPhase(state, phase, reason, now, message), actions: [audit(state, phase, reason, now, message), ...actions] };
}

/** The same, and `command` is sent and remembered until Fleet confirms it (re-sent on ticks after RETRY_AFTER_SECONDS). */
export function transitionWithCommand(
  state: GateState,
  phase: GatePhase,
  reason: GateReason,
  now: string,
  message: string,
  command: FleetCommand,
  alsoDo: readonly GateAction[] = [],
): GateDecision {
  const decided = transition(state, phase, reason, now, message, [command, ...alsoDo]);
  return { ...decided, next: commandSent(decided.next, command, now) };
}

/** Remembers an idempotent command until an observation confirms it. */
export function commandSent(state: GateState, command: FleetCommand, now: string): GateState {
  return { ...state, pendingCommand: { action: command, sentAt: now } };
}

/** Forgets the pending command (confirmed, or overtaken by events). */
export function commandSettled(state: GateState): GateState {
  const { pendingCommand: _settled, ...rest } = state;
  return rest;
}

export function audit(state: GateState, to: GatePhase, reason: GateReason, now: string, message: string): AuditAction {
  return { kind: 'audit', event: { at: now, gate: gateRef(state.gate), from: state.phase.name, to: to.name, reason, message } };
}

export function notify(state: GateState, severity: NotifyAction['severity'], reason: GateReason, message: string): NotifyAction {
  const { displayName, stage, group, runName } = state.gate;
  const where = group === undefined ? `stage ${stage}` : `group ${group} of stage ${stage}`;
  return { kind: 'notify', gate: gateRef(state.gate), severity, reason, message: `${displayName} (${where}, run ${runName}): ${message}` };
}
