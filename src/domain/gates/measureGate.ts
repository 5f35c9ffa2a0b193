import { renderCheckQuery } from '../checks/renderCheckQuery';
import type { PlannedCheck, RunChecksAction } from './gateActions';
import { windowFloor } from './firstMeasurementAt';
import { gateRef } from './gateIdentity';
import { GateReason } from './gateReasons';
import type { GatePhase, GateState } from './gateState';
import { addSeconds, isDue } from './gateTime';
import { RETRY_AFTER_SECONDS, audit, markPhase, unchanged, wakeUp, type GateDecision } from './markGate';
import { passChecks } from './settleGate';

type Checking = Extract<GatePhase, { name: 'Checking' }>;

/** Soak is over: enter Checking and request measurement 1 now (or pass straight on when there are no checks). */
export function startChecking(state: GateState, now: string, message: string): GateDecision {
  if (state.checks.length === 0) return passChecks(state, `${message}; the policy has no checks`, now);
  const phase: Checking = { name: 'Checking', measurement: state.firstMeasurement ?? 1, plannedAt: now };
  const entered = markPhase(state, phase, GateReason.SoakElapsed, now, message);
  const measured = requestMeasurement(entered, phase, now, now);
  return { next: measured.next, actions: [audit(state, phase, GateReason.SoakElapsed, now, message), ...measured.actions] };
}

/**
 * A tick while Checking: request the current measurement when it is due; re-send an unanswered request after
 * RETRY_AFTER_SECONDS with the SAME window (so the query text is identical); otherwise do nothing.
 */
export function tickChecking(state: GateState, phase: Checking, now: string): GateDecision {
  if (phase.windowEnd !== undefined && phase.requestedAt !== undefined) {
    if (!isDue(now, addSeconds(phase.requestedAt, RETRY_AFTER_SECONDS))) return unchanged(state);
    return requestMeasurement(state, phase, phase.windowEnd, now);
  }
  return isDue(now, phase.plannedAt) ? requestMeasurement(state, phase, now, now) : unchanged(state);
}

/** Back to Checking at `measurement` (a recovery probe), requesting it now. */
export function resumeChecking(state: GateState, measurement: number, now: string, reason: GateReason, message: string): GateDecision {
  const phase: Checking = { name: 'Checking', measurement, plannedAt: now };
  const entered = markPhase(state, phase, reason, now, message);
  const measured = requestMeasurement(entered, phase, now, now);
  return { next: measured.next, actions: [audit(state, phase, reason, now, message), ...measured.actions] };
}

function requestMeasurement(state: GateState, phase: Checking, windowEnd: string, now: string): GateDecision {
  const action = runChecksAction(state, phase.measurement, windowEnd);
  const next: GateState = { ...state, phase: { ...phase, windowEnd, requestedAt: now } };
  return { next, actions: [action, wakeUp(state, addSeconds(now, RETRY_AFTER_SECONDS))] };
}

/** The runChecks action for the checks still Running, every query ending at `windowEnd`, starting after the upgrades. */
export function runChecksAction(state: GateState, measurement: number, windowEnd: string): RunChecksAction {
  const clusters = state.clusters.map((cluster) => cluster.clusterId);
  const { noDataPolicy, dryRun } = state.policy.analysis;
  const planned: PlannedCheck[] = state.checks
    .filter((tally) => tally.phase === 'Running')
    .flatMap((tally) => state.policy.checks.filter((spec) => spec.name === tally.name))
    .map((spec) => ({ spec, query: renderCheckQuery(spec, clusters, windowEnd, windowFloor(state)), defaults: { noDataPolicy, dryRun } }));
  const start = planned.map((check) => check.query.window.start).sort()[0] ?? windowEnd;
  return { kind: 'runChecks', gate: gateRef(state.gate), measurement, clusters, window: { start, end: windowEnd }, checks: planned };
}
