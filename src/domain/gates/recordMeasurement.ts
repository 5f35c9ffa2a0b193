import type { CheckEvaluation } from '../checks/checkEvaluation';
import type { RecordEvidenceAction } from './gateActions';
import { gateRef } from './gateIdentity';
import { GateReason } from './gateReasons';
import type { GatePhase, GateState } from './gateState';
import { tallyMeasurement, type CheckTally } from './checkTally';
import { addSeconds, later } from './gateTime';
import { audit, unchanged, wakeUp, type GateDecision } from './markGate';
import { failGate, holdGate, passChecks } from './settleGate';
import { DEFAULT_ANALYSIS } from './gatePolicy';

type Checking = Extract<GatePhase, { name: 'Checking' }>;

/**
 * Results for measurement `measurement` arrived. Ignored unless the gate is Checking, that measurement was
 * requested and not yet recorded (so duplicate or late deliveries change nothing). Otherwise: every Running
 * check is tallied (a Running check missing from `evaluations` counts as Error), evidence is recorded, and:
 * - a non-dry-run check Failed        → Failed (stop the run)
 * - a non-dry-run check Inconclusive  → Inconclusive (held)
 * - every non-dry-run check Successful and no dry-run check still Running → checks passed
 * - otherwise the next measurement is planned `intervalSeconds` after this one was due.
 * Dry-run checks are measured and recorded like the others but never decide the gate.
 */
export function recordMeasurement(
  state: GateState,
  measurement: number,
  evaluations: readonly CheckEvaluation[],
  now: string,
): GateDecision {
  const phase = state.phase;
  if (phase.name !== 'Checking' || phase.measurement !== measurement || phase.requestedAt === undefined) return unchanged(state);
  const analysis = state.policy.analysis;
  const checks = state.checks.map((tally) => {
    const evaluation = evaluations.find((candidate) => candidate.checkName === tally.name);
    return tallyMeasurement(tally, evaluation?.outcome ?? 'Error', analysis);
  });
  const tallied: GateState = { ...state, checks };
  const evidence: RecordEvidenceAction = { kind: 'recordEvidence', gate: gateRef(state.gate), measurement, at: now, evaluations };
  const recorded = audit(state, phase, GateReason.MeasurementRecorded, now, `measurement ${measurement}: ${describe(checks)}`);

  const decided = settle(tallied, phase, measurement, now);
  return { next: decided.next, actions: [evidence, recorded, ...decided.actions] };
}

function settle(state: GateState, phase: Checking, measurement: number, now: string): GateDecision {
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
  return planNext(state, phase, now);
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

function planNext(state: GateState, phase: Checking, now: string): GateDecision {
  const plannedAt = later(addSeconds(phase.plannedAt, state.policy.analysis.intervalSeconds), now);
  const next: GateState = { ...state, phase: { name: 'Checking', measurement: phase.measurement + 1, plannedAt } };
  return { next, actions: [wakeUp(state, plannedAt)] };
}

function names(tallies: readonly CheckTally[]): string {
  return tallies.map((tally) => `${tally.name} (${tally.reason ?? tally.phase})`).join(', ');
}

function describe(checks: readonly CheckTally[]): string {
  return checks.map((tally) => `${tally.name}=${tally.lastOutcome ?? 'not measured'}${tally.dryRun ? ' (dry run)' : ''}`).join(', ');
}
