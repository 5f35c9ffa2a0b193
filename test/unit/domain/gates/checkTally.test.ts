import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../../../src/domain/checks/checkEvaluation';
import { newTally, tallyMeasurement, type CheckTally } from '../../../../src/domain/gates/checkTally';
import { DEFAULT_ANALYSIS, type AnalysisSettings } from '../../../../src/domain/gates/gatePolicy';

function run(outcomes: readonly CheckOutcome[], analysis: Partial<AnalysisSettings> = {}): CheckTally {
  const settings = { ...DEFAULT_ANALYSIS, ...analysis };
  return outcomes.reduce((tally, outcome) => tallyMeasurement(tally, outcome, settings), newTally('nodes-ready', false));
}

describe('tallyMeasurement', () => {
  it.each([
    { name: 'one success with count 1 succeeds', outcomes: ['Successful'], analysis: {}, phase: 'Successful', reason: 'ChecksPassed' },
    { name: 'one failure with failureLimit 0 fails (failed 1 > 0)', outcomes: ['Failed'], analysis: {}, phase: 'Failed', reason: 'CheckFailed' },
    { name: 'failures up to failureLimit are tolerated', outcomes: ['Failed', 'Successful', 'Successful'], analysis: { count: 3, failureLimit: 1 }, phase: 'Successful', reason: 'ChecksPassed' },
    { name: 'the failure beyond failureLimit fails', outcomes: ['Failed', 'Successful', 'Failed'], analysis: { count: 3, failureLimit: 1 }, phase: 'Failed', reason: 'CheckFailed' },
    { name: 'one inconclusive with inconclusiveLimit 0 is held', outcomes: ['Inconclusive'], analysis: {}, phase: 'Inconclusive', reason: 'InconclusiveLimitExceeded' },
    { name: 'inconclusives within the limit still allow success at count', outcomes: ['Inconclusive', 'Successful'], analysis: { count: 2, inconclusiveLimit: 1 }, phase: 'Successful', reason: 'ChecksPassed' },
    { name: 'errors up to consecutiveErrorLimit keep running', outcomes: ['Error', 'Error', 'Error', 'Error'], analysis: {}, phase: 'Running', reason: undefined },
    { name: 'one error beyond consecutiveErrorLimit is held as inconclusive', outcomes: ['Error', 'Error', 'Error', 'Error', 'Error'], analysis: {}, phase: 'Inconclusive', reason: 'ConsecutiveErrorLimitExceeded' },
    { name: 'a measurement between errors resets the streak', outcomes: ['Error', 'Error', 'Inconclusive', 'Error', 'Error'], analysis: { consecutiveErrorLimit: 2, inconclusiveLimit: 5, count: 9 }, phase: 'Running', reason: undefined },
    { name: 'errors do not count toward count', outcomes: ['Successful', 'Error'], analysis: { count: 2 }, phase: 'Running', reason: undefined },
    { name: 'count is reached by non-error measurements only', outcomes: ['Successful', 'Error', 'Successful'], analysis: { count: 2 }, phase: 'Successful', reason: 'ChecksPassed' },
    { name: 'failure limit is checked before count', outcomes: ['Successful', 'Failed'], analysis: { count: 2 }, phase: 'Failed', reason: 'CheckFailed' },
    { name: 'a tolerated inconclusive that reaches count does not pass: no data never passes', outcomes: ['Inconclusive'], analysis: { count: 1, inconclusiveLimit: 3 }, phase: 'Running', reason: undefined },
    { name: 'after tolerated inconclusives, the first success passes', outcomes: ['Inconclusive', 'Inconclusive', 'Successful'], analysis: { count: 1, inconclusiveLimit: 3 }, phase: 'Successful', reason: 'ChecksPassed' },
    { name: 'a tolerated failure that reaches count does not pass', outcomes: ['Successful', 'Failed'], analysis: { count: 2, failureLimit: 1 }, phase: 'Running', reason: undefined },
  ] as const)('$name', ({ outcomes, analysis, phase, reason }) => {
    const tally = run(outcomes, analysis);

    expect([tally.phase, tally.reason]).toEqual([phase, reason]);
  });

  it('keeps exact counters', () => {
    expect(run(['Successful', 'Error', 'Failed', 'Error', 'Error', 'Inconclusive'], { count: 9, failureLimit: 5, inconclusiveLimit: 5 })).toEqual({
      name: 'nodes-ready',
      dryRun: false,
      phase: 'Running',
      count: 3,
      successful: 1,
      failed: 1,
      inconclusive: 1,
      errors: 3,
      consecutiveErrors: 0,
      lastOutcome: 'Inconclusive',
    });
  });

  it('leaves a settled check unchanged', () => {
    const failed = run(['Failed']);

    expect(tallyMeasurement(failed, 'Successful', DEFAULT_ANALYSIS)).toBe(failed);
  });
});
