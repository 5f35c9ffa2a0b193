import type { CheckEvaluation } from '../checks/checkEvaluation';
import { renderCheckQuery } from '../checks/renderCheckQuery';
import { passChecks } from './approveGate';
import { tallyMeasurement, type CheckTally } from './checkTally';
import { windowFloor } from './firstMeasurementAt';
import type { PlannedCheck, RecordEvidenceAction, RunChecksAction } from './gateActions';
import { RETRY_AFTER_SECONDS, audit, enterPhase, unchanged, type GateDecision } from './gateDecision';
import { gateRef } from './gateIdentity';
import { DEFAULT_ANALYSIS } from './gatePolicy';
import { GateReason } from './gateReasons';
import type { GatePhase, GateState } from './gateState';
import { addSeconds, isDue, later } from './gateTime';
import { failGate, holdGate } from './settleGate';

type Checking = Extract<GatePhase, { name: 'Checking' }>;
type Held = Extract<GatePhase, { name: 'Inconclusive' }>;

/** Soak is over: enter Checking and request measurement 1 now (or pass straight on when there are no checks). */
export function startChecking(state: GateState, now: string, message: string): GateDecision {
  if (state.checks.length === 0) return passChecks(state, `${message}; the policy has no checks`, now);
  return enterChecking(state, state.firstMeasurement ?? 1, now, GateReason.SoakElapsed, message);
}

/**
 * Checking, on a tick: request the current measurement when it is due; re-send an unanswered request after
 * RETRY_AFTER_SECONDS with the SAME window (so the query text is identical); otherwise do nothing.
 */
export function measureGate(state: GateState, phase: Checking, now: string): GateDecision {
  if (phase.windowEnd !== undefined && phase.requestedAt !== undefined) {
    if (!isDue(now, addSeconds(phase.requestedAt, RETRY_AFTER_SECONDS))) return unchanged(state);
    return requestMeasurement(state, phase, phase.windowEnd, now);
  }
  return isDue(now, phase.plannedAt) ? requestMeasurement(state, phase, now, now) : unchanged(state);
}

/**
 * Checking, results for measurement `measurement` arrived. Ignored unless that measurement was requested and not yet
 * recorded (so duplicate or late deliveries change nothing). Otherwise: every Running check is tallied (a Running
 * check missing from `evaluations` counts as Error), evidence is recorded, and:
 * - a non-dry-run check Failed        → Failed (stop the run)
 * - a non-dry-run check Inconclusive  → Inconclusive (held)
 * - every non-dry-run check Successful and no dry-run check still Running → checks passed (passChecks)
 * - otherwise the next measurement is planned `intervalSeconds` after this one was due.
 * Dry-run checks are measured and recorded like the others but never decide the gate.
 */
export function recordMeasurement(state: GateState, phase: Checking, measurement: number, evaluations: readonly CheckEvaluation[], now: string): GateDecision {
  if (phase.measurement !== measurement || phase.requestedAt === undefined) return unchanged(state);
  const analysis = state.policy.analysis;
  const checks = state.checks.map((tally) => {
    const evaluation = evaluations.find((candidate) => candidate.checkName === tally.name);
    return tallyMeasurement(tally, evaluation?.outcome ?? 'Error', analysis);
  });
  const tallied: GateState = { ...state, checks };
  // The measurement asked only for the checks still Running; an answer for a check that had already settled was not
  // asked for and is not counted, so it is not recorded either: the evidence of a measurement is what decided it.
  const asked = new Set(state.checks.filter((tally) => tally.phase === 'Running').map((tally) => tally.name));
  const counted = evaluations.filter((evaluation) => asked.has(evaluation.checkName));
  const evidence: RecordEvidenceAction = { kind: 'recordEvidence', gate: gateRef(state.gate), measurement, at: now, evaluations: counted };
  const recorded = audit(state, phase, GateReason.MeasurementRecorded, now, `measurement ${measurement}: ${describe(checks)}`);
  const decided = judge(tallied, phase, measurement, now);
  return { next: decided.next, actions: [evidence, recorded, ...decided.actions] };
}

/**
 * Inconclusive, on a tick: a gate held only by query errors (a Log Analytics outage) is measured again once
 * `nextProbeAt` is due. The checks held by errors go back to Running one error short of their limit, so one more
 * error holds the gate again at once (with the next, longer backoff, until the policy's recoveryProbes are used up),
 * while a real answer counts as usual: Successful towards `count`, Failed fails, no data stays Inconclusive. Nothing
 * passes without data.
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
  return enterChecking(probing, recovery.lastMeasurement + 1, now, GateReason.RecoveryProbe, `measuring again after query errors (recovery probe ${probe})`);
}

/** Into Checking at `measurement`, requesting it now. */
function enterChecking(state: GateState, measurement: number, now: string, reason: GateReason, message: string): GateDecision {
  const phase: Checking = { name: 'Checking', measurement, plannedAt: now };
  const measured = requestMeasurement(enterPhase(state, phase, reason, now, message), phase, now, now);
  return { next: measured.next, actions: [audit(state, phase, reason, now, message), ...measured.actions] };
}

function requestMeasurement(state: GateState, phase: Checking, windowEnd: string, now: string): GateDecision {
  const next: GateState = { ...state, phase: { ...phase, windowEnd, requestedAt: now } };
  return { next, actions: [runChecksAction(state, phase.measurement, windowEnd)] };
}

/** The runChecks action for the checks still Running, every query ending at `windowEnd`, starting after the upgrades. */
function runChecksAction(state: GateState, measurement: number, windowEnd: string): RunChecksAction {
  const clusters = state.clusters.map((cluster) => cluster.clusterId);
  const { noDataPolicy, dryRun } = state.policy.analysis;
  const planned: PlannedCheck[] = state.checks
    .filter((tally) => tally.phase === 'Running')
    .flatMap((tally) => state.policy.checks.filter((spec) => spec.name === tally.name))
    .map((spec) => ({ spec, query: renderCheckQuery(spec, clusters, windowEnd, windowFloor(state)), defaults: { noDataPolicy, dryRun } }));
  const start = planned.map((check) => check.query.window.start).sort()[0] ?? windowEnd;
  return { kind: 'runChecks', gate: gateRef(state.gate), measurement, clusters, window: { start, end: windowEnd }, checks: planned };
}

function judge(state: GateState, phase: Checking, measurement: number, now: string): GateDecision {
  const gating = state.checks.filter((tally) => !tally.dryRun);
  const failed = gating.filter((tally) => tally.phase === 'Failed');
  if (failed.length > 0) return failGate(state, GateReason.CheckFailed, `check failed: ${names(failed)}`, now);
  const held = gating.filter((tally) => tally.phase === 'Inconclusive');
  const first = held[0];
  if (first !== undefined) {
    return holdGate(state, first.reason ?? GateReason.InconclusiveLimitExceeded, `checks could not decide: ${names(held)}`, now, recoveryPlan(state, held, measurement, now));
  }
  if (state.checks.every((tally) => (tally.dryRun ? tally.phase !== 'Running' : tally.phase === 'Successful'))) {
    return passChecks(state, `all checks passed after ${measurement} measurement(s)`, now);
  }
  // The next measurement is due `intervalSeconds` after this one was; the Checking phase carries when.
  const plannedAt = later(addSeconds(phase.plannedAt, state.policy.analysis.intervalSeconds), now);
  return { next: { ...state, phase: { name: 'Checking', measurement: phase.measurement + 1, plannedAt } }, actions: [] };
}

// Backoff of recovery probes: intervalSeconds × 2^n, at most an hour apart.
const MAX_PROBE_BACKOFF_SECONDS = 3600;

/**
 * Only query errors held the gate (no check was inconclusive on data): plan the next recovery probe, unless the
 * policy's recoveryProbes are used up. Inconclusive data never earns a probe: it is an answer, not an outage.
 */
function recoveryPlan(state: GateState, held: readonly CheckTally[], measurement: number, now: string): { nextProbeAt: string; lastMeasurement: number } | undefined {
  if (!held.every((tally) => tally.reason === GateReason.ConsecutiveErrorLimitExceeded)) return undefined;
  const done = state.recoveryProbes ?? 0;
  if (done >= (state.policy.analysis.recoveryProbes ?? DEFAULT_ANALYSIS.recoveryProbes ?? 0)) return undefined;
  const backoff = Math.min(state.policy.analysis.intervalSeconds * 2 ** done, MAX_PROBE_BACKOFF_SECONDS);
  return { nextProbeAt: addSeconds(now, backoff), lastMeasurement: measurement };
}

function names(tallies: readonly CheckTally[]): string {
  return tallies.map((tally) => `${tally.name} (${tally.reason ?? tally.phase})`).join(', ');
}

function describe(checks: readonly CheckTally[]): string {
  return checks.map((tally) => `${tally.name}=${tally.lastOutcome ?? 'not measured'}${tally.dryRun ? ' (dry run)' : ''}`).join(', ');
}
