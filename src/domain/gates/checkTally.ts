import type { CheckOutcome } from '../checks/checkEvaluation';
import type { AnalysisSettings } from './gatePolicy';
import { GateReason } from './gateReasons';

/** Where one check stands. Only `Running` checks are measured again. */
export type CheckPhase = 'Running' | 'Successful' | 'Failed' | 'Inconclusive';

/** Per-check counters, Argo AnalysisRun `MetricResult` style. Plain JSON, stored in the gate state. */
export interface CheckTally {
  readonly name: string;
  readonly dryRun: boolean;
  readonly phase: CheckPhase;
  /** Measurements that were not Error (Successful + Failed + Inconclusive). */
  readonly count: number;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly errors: number;
  readonly consecutiveErrors: number;
  readonly lastOutcome?: CheckOutcome;
  /** Set when the check left Running. */
  readonly reason?: GateReason;
}

/** A fresh tally for a check that has not been measured. */
export function newTally(name: string, dryRun: boolean): CheckTally {
  return { name, dryRun, phase: 'Running', count: 0, successful: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 };
}

/**
 * Adds one measurement to a Running check and re-assesses it. Exact semantics (Argo Rollouts AnalysisRun):
 * - Successful / Failed / Inconclusive each add 1 to `count` and to their own counter, and reset `consecutiveErrors` to 0.
 * - Error adds 1 to `errors` and `consecutiveErrors` and does NOT add to `count` (an error is not a measurement).
 * - Then, first match wins:
 *   1. `failed > failureLimit`                   → Failed        (reason CheckFailed)
 *   2. `inconclusive > inconclusiveLimit`        → Inconclusive  (reason InconclusiveLimitExceeded)
 *   3. `consecutiveErrors > consecutiveErrorLimit` → Inconclusive (reason ConsecutiveErrorLimitExceeded)
 *   4. `count >= analysis.count` and THIS measurement was Successful → Successful (reason ChecksPassed;
 *      tolerated failures and inconclusives within their limits do not prevent success, but they never conclude
 *      it: a check whose count is reached by an Inconclusive or a tolerated Failed keeps measuring — a gate must
 *      not pass on missing or failing data, safety invariant 1; Argo would succeed here)
 *   5. otherwise                                 → Running (measured again after `intervalSeconds`)
 * So with the defaults (failureLimit 0, inconclusiveLimit 0, consecutiveErrorLimit 4, count 1): the first Failed
 * fails, the first Inconclusive holds, the 5th error in a row holds, the first Successful passes.
 * A tally that is not Running is returned unchanged.
 */
export function tallyMeasurement(tally: CheckTally, outcome: CheckOutcome, analysis: AnalysisSettings): CheckTally {
  if (tally.phase !== 'Running') return tally;
  const counted = outcome === 'Error'
    ? { ...tally, errors: tally.errors + 1, consecutiveErrors: tally.consecutiveErrors + 1 }
    : {
        ...tally,
        count: tally.count + 1,
        consecutiveErrors: 0,
        successful: tally.successful + (outcome === 'Successful' ? 1 : 0),
        failed: tally.failed + (outcome === 'Failed' ? 1 : 0),
        inconclusive: tally.inconclusive + (outcome === 'Inconclusive' ? 1 : 0),
      };
  const next = { ...counted, lastOutcome: outcome };
  if (next.failed > analysis.failureLimit) return { ...next, phase: 'Failed', reason: GateReason.CheckFailed };
  if (next.inconclusive > analysis.inconclusiveLimit) {
    return { ...next, phase: 'Inconclusive', reason: GateReason.InconclusiveLimitExceeded };
  }
  if (next.consecutiveErrors > analysis.consecutiveErrorLimit) {
    return { ...next, phase: 'Inconclusive', reason: GateReason.ConsecutiveErrorLimitExceeded };
  }
  if (next.count >= analysis.count && outcome === 'Successful') return { ...next, phase: 'Successful', reason: GateReason.ChecksPassed };
  return next;
}
