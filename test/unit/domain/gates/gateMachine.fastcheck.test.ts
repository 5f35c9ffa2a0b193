import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../../../src/domain/checks/checkEvaluation';
import { decideGate } from '../../../../src/domain/gates/decideGate';
import type { GateDecision } from '../../../../src/domain/gates/gateDecision';
import type { GateObservation } from '../../../../src/domain/gates/gateObservation';
import type { GatePolicy } from '../../../../src/domain/gates/gatePolicy';
import type { GateState } from '../../../../src/domain/gates/gateState';
import { NODES_READY, PODS_HEALTHY, T0, aPolicy, anApproval, anEvaluation, anObservedGate } from './gateBuilders';

// Property-based (fast-check): arbitrary policies and arbitrary sequences of observations — ticks at arbitrary
// times, results for the requested or a stale measurement with any outcome per check (or missing), approval verdicts
// and Fleet's word — fed to decideGate. Safety invariant 1 must hold after every step. A failure prints its seed and
// the shrunk sequence.
// FC_RUNS=25000 explores further (raise --testTimeout); a failure prints the seed and path to replay.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 400) };
// Mostly passing, so lives get far (holds that recover, approvals); every outcome stays frequent enough to matter.
const outcome: fc.Arbitrary<CheckOutcome> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('Successful' as const) },
  { weight: 1, arbitrary: fc.constant('Failed' as const) },
  { weight: 1, arbitrary: fc.constant('Inconclusive' as const) },
  { weight: 2, arbitrary: fc.constant('Error' as const) },
);

const policy: fc.Arbitrary<GatePolicy> = fc
  .record({
    checks: fc.constantFrom([NODES_READY], [NODES_READY, PODS_HEALTHY], [NODES_READY, { ...PODS_HEALTHY, dryRun: true }], []),
    count: fc.integer({ min: 1, max: 3 }),
    failureLimit: fc.integer({ min: 0, max: 1 }),
    inconclusiveLimit: fc.integer({ min: 0, max: 1 }),
    consecutiveErrorLimit: fc.integer({ min: 0, max: 2 }),
    recoveryProbes: fc.integer({ min: 0, max: 2 }),
    initialDelaySeconds: fc.constantFrom(0, 300),
    approval: fc.option(fc.record({ requireChecksFirst: fc.boolean(), onReject: fc.constantFrom('stop' as const, 'skip' as const), onExpire: fc.constantFrom('stop' as const, 'skip' as const, 'hold' as const) }), { nil: undefined }),
  })
  .map(({ checks, approval, ...analysis }) => aPolicy({ checks, analysis: { ...analysis, intervalSeconds: 60 }, ...(approval ? { approval: anApproval(approval) } : {}) }));

/** A step of the world: resolved against the state at the time, so results can answer the measurement asked for. */
type Step =
  | { readonly kind: 'tick'; readonly seconds: number }
  | { readonly kind: 'results'; readonly stale: boolean; readonly outcomes: readonly (CheckOutcome | undefined)[]; readonly seconds: number }
  | { readonly kind: 'verdict'; readonly verdict: 'approvalGranted' | 'approvalRejected' | 'approvalExpired' }
  | { readonly kind: 'fleet'; readonly signal: 'fleetGateCompleted' | 'fleetGateSkipped' | 'runStopped' };

const tick = fc.record({ kind: fc.constant('tick' as const), seconds: fc.integer({ min: 0, max: 900 }) });
const results = fc.record({
  kind: fc.constant('results' as const),
  stale: fc.constant(false),
  outcomes: fc.array(fc.option(outcome, { nil: undefined, freq: 8 }), { minLength: 2, maxLength: 2 }),
  seconds: fc.integer({ min: 0, max: 30 }),
});
// A Log Analytics outage: every query fails.
const outage = fc.constant<Step>({ kind: 'results', stale: false, outcomes: ['Error', 'Error'], seconds: 1 });
// Late or duplicated delivery of the previous measurement, all passing: must change nothing.
const stale = fc.constant<Step>({ kind: 'results', stale: true, outcomes: ['Successful', 'Successful'], seconds: 1 });
const verdict = fc.record({ kind: fc.constant('verdict' as const), verdict: fc.constantFrom('approvalGranted' as const, 'approvalRejected' as const, 'approvalExpired' as const) });

/** Steps of Conductor's own world: time, query results, approvers. */
const calmStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: tick },
  { weight: 8, arbitrary: results },
  { weight: 1, arbitrary: outage },
  { weight: 1, arbitrary: stale },
  { weight: 1, arbitrary: verdict },
);

/** ... and Fleet's word: stops, skips, completions (confirming ours, or someone else's). */
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 150, arbitrary: calmStep },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fleet' as const), signal: fc.constantFrom('fleetGateCompleted' as const, 'fleetGateSkipped' as const, 'runStopped' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fleet' as const), signal: fc.constant('fleetGateCompleted' as const) }) },
);

interface Played {
  readonly policy: GatePolicy;
  readonly steps: readonly { readonly before: GateState; readonly observation: GateObservation; readonly decision: GateDecision }[];
}

function play(gatePolicy: GatePolicy, steps: readonly Step[]): Played {
  let state = anObservedGate({ policy: gatePolicy });
  let now = Date.parse(T0);
  const played: Played['steps'][number][] = [];
  for (const s of steps) {
    let observation: GateObservation;
    if (s.kind === 'tick') {
      now += s.seconds * 1000;
      observation = { kind: 'tick' };
    } else if (s.kind === 'results') {
      now += s.seconds * 1000;
      const asked = state.phase.name === 'Checking' ? state.phase.measurement : 1;
      const evaluations = gatePolicy.checks.flatMap((spec, i) => {
        const outcome = s.outcomes[i];
        return outcome === undefined ? [] : [anEvaluation(spec.name, outcome, spec.dryRun ?? false)];
      });
      observation = { kind: 'checksEvaluated', measurement: s.stale ? asked - 1 : asked, evaluations };
    } else if (s.kind === 'verdict') {
      observation = { kind: s.verdict, ...(s.verdict === 'approvalExpired' ? {} : { by: 'alice@contoso.com' }) };
    } else {
      observation = { kind: s.signal };
    }
    const decision = decideGate(state, observation, new Date(now).toISOString());
    played.push({ before: state, observation, decision });
    state = decision.next;
  }
  return { policy: gatePolicy, steps: played };
}

const lives = fc.tuple(policy, fc.array(step, { minLength: 20, maxLength: 60, size: 'max' })).map(([p, steps]) => play(p, steps));

/** Lives that begin with an outage long enough to hold the gate, with recovery probes allowed: then anything calm. */
const heldLives = fc
  .tuple(policy, fc.array(calmStep, { minLength: 10, maxLength: 40, size: 'max' }))
  .map(([p, steps]) => play({ ...p, analysis: { ...p.analysis, consecutiveErrorLimit: 0, recoveryProbes: 2 } }, [{ kind: 'tick', seconds: 300 }, { kind: 'results', stale: false, outcomes: ['Error', 'Error'], seconds: 1 }, ...steps]));

const sendsComplete = (decision: GateDecision): boolean => decision.actions.some((action) => action.kind === 'completeFleetGate');
/** The decision that completes the gate: completeFleetGate on entering Approving (re-sends while Approving repeat it). */
const completes = (step: { readonly before: GateState; readonly decision: GateDecision }): boolean => sendsComplete(step.decision) && step.before.phase.name !== 'Approving';
const gating = (state: GateState) => state.checks.filter((tally) => !tally.dryRun);

describe('gate state machine properties (fast-check)', () => {
  it('completes a gate only after every gating check passed (and the approval was granted when the policy has one)', () => {
    fc.assert(
      fc.property(lives, ({ policy: p, steps }) => {
        for (const { before, observation, decision } of steps.filter(completes)) {
          expect(decision.next.phase.name).toBe('Approving');
          expect(gating(decision.next).every((tally) => tally.phase === 'Successful')).toBe(true);
          expect(steps.filter((s) => sendsComplete(s.decision) && !completes(s)).every((s) => s.before.phase.name === 'Approving')).toBe(true);
          // Granted now (the checks had passed), or granted earlier and remembered (requireChecksFirst: false).
          const granted = (before.phase.name === 'AwaitingApproval' && observation.kind === 'approvalGranted') || decision.next.approval?.granted !== undefined;
          if (p.approval !== undefined) expect(granted).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never completes a gate whose last measurement of a gating check was not Successful', () => {
    fc.assert(
      fc.property(lives, ({ steps }) => {
        for (const { decision } of steps.filter(completes)) {
          for (const tally of gating(decision.next)) expect(tally.lastOutcome === undefined ? 'no checks' : tally.lastOutcome).toMatch(/^(Successful|no checks)$/);
        }
      }),
      RUNS,
    );
  });

  it('ends Passed only from Approving, confirmed by Fleet; any other completion in Fleet is recorded as Bypassed', () => {
    fc.assert(
      fc.property(lives, ({ steps }) => {
        for (const { before, observation, decision } of steps) {
          if (decision.next.phase.name === 'Passed' && before.phase.name !== 'Passed') {
            expect([before.phase.name, observation.kind]).toEqual(['Approving', 'fleetGateCompleted']);
          }
          if (observation.kind === 'fleetGateCompleted' && !['Approving', 'Passed', 'Bypassed', 'Cancelled'].includes(before.phase.name)) {
            expect(decision.next.phase.name).toBe('Bypassed');
          }
        }
      }),
      RUNS,
    );
  });

  it('never completes a held (Inconclusive) gate without new data that passes', () => {
    fc.assert(
      fc.property(fc.oneof(lives, heldLives), ({ steps }) => {
        let heldAt: number | undefined;
        steps.forEach((played, i) => {
          if (played.decision.next.phase.name === 'Inconclusive') heldAt = i;
          if (heldAt === undefined || !completes(played) || i <= heldAt) return;
          // Every gating check that had not passed when the gate was held was measured again since, and its last
          // measurement passed. (A later measurement may ask only for dry-run checks: gating ones that already passed
          // are not measured again, so "the last evidence" alone would not say it.)
          const unsettled = gating(steps[heldAt]!.decision.next).filter((tally) => tally.phase !== 'Successful');
          expect(unsettled.length).toBeGreaterThan(0);
          const evaluations = steps.slice(heldAt + 1, i + 1).flatMap((s) => s.decision.actions.flatMap((a) => (a.kind === 'recordEvidence' ? a.evaluations : [])));
          for (const tally of unsettled) expect(evaluations.filter((e) => e.checkName === tally.name).at(-1)?.outcome).toBe('Successful');
        });
      }),
      RUNS,
    );
  });

  it('never decides on stale or repeated results, and moves the version by exactly one per change', () => {
    fc.assert(
      fc.property(lives, ({ steps }) => {
        for (const { before, observation, decision } of steps) {
          if (decision.next === before) expect(decision.actions).toEqual([]);
          else expect(decision.next.version).toBe(before.version + 1);
          if (observation.kind === 'checksEvaluated' && (before.phase.name !== 'Checking' || before.phase.measurement !== observation.measurement)) {
            expect(decision.next).toBe(before);
          }
        }
      }),
      RUNS,
    );
  });

  it('reaches completion, failure, holds and approvals from the generated lives, so the properties above are not vacuous', () => {
    const sample = fc.sample(lives, { numRuns: 400, seed: 7 });
    const phases = new Set(sample.flatMap((life) => life.steps.map((s) => s.decision.next.phase.name)));
    expect([...phases].sort()).toEqual(expect.arrayContaining(['Soaking', 'Checking', 'Approving', 'Passed', 'Failed', 'Inconclusive', 'AwaitingApproval', 'Rejected', 'Expired', 'Bypassed', 'Cancelled']));
    // A hold that recovered (a probe after query errors) and then completed: the path the hold property guards.
    const recovered = fc.sample(heldLives, { numRuns: 200, seed: 7 }).filter((life) => {
      const held = life.steps.findIndex((s) => s.decision.next.phase.name === 'Inconclusive');
      return held >= 0 && life.steps.slice(held + 1).some(completes);
    });
    expect(recovered.length).toBeGreaterThan(0);
  });
});
