import type { QueryResult } from '../checks/checkEvaluation';
import { evaluateCheck } from '../checks/evaluateCheck';
import type { RunChecksAction } from './gateActions';
import type { GateObservation } from './gateObservation';

/** What the LogsQuery port returned for one planned check of a runChecks action. */
export interface CheckQueryResult {
  readonly checkName: string;
  readonly result: QueryResult;
}

/**
 * Turns the answers to a runChecks action into the `checksEvaluated` observation to feed back to decideGate.
 * A planned check without an answer is evaluated as a failed query (Error), never skipped.
 */
export function evaluateMeasurement(action: RunChecksAction, results: readonly CheckQueryResult[]): GateObservation {
  const evaluations = action.checks.map((planned) => {
    const answer = results.find((candidate) => candidate.checkName === planned.spec.name);
    const result: QueryResult = answer?.result ?? { error: { code: 'NoResult', message: 'the query was not run or its result was lost' } };
    return evaluateCheck({ spec: planned.spec, clusters: action.clusters, query: planned.query, result, defaults: planned.defaults });
  });
  return { kind: 'checksEvaluated', measurement: action.measurement, evaluations };
}
