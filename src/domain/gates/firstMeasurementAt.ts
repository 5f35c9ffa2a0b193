import { collectionOf } from './gatePolicy';
import type { GateState } from './gateState';
import { minimumLookbackMinutes } from '../checks/collection';
import { addSeconds } from './gateTime';

/** When the last gated cluster finished upgrading (undefined when none has a completion time, e.g. before-gates). */
export function upgradesFinishedAt(state: GateState): string | undefined {
  return state.clusters.map((cluster) => cluster.upgradedAt).filter((at): at is string => at !== undefined).sort().at(-1);
}

/**
 * Where a gate's measurement windows start: no earlier than the gated clusters finished upgrading and, in an attempt
 * an operator re-armed (resume, retry), no earlier than the re-arm. A new attempt judges the clusters as they are
 * now; the failure it was re-armed from stays in the earlier attempt's evidence. No row after the floor is still no
 * data, never a pass.
 */
export function windowFloor(state: GateState): string | undefined {
  const finished = upgradesFinishedAt(state);
  if ((state.attempt ?? 1) === 1) return finished;
  // rearmGate sets observedAt to the moment of the re-arm.
  return finished === undefined || state.observedAt > finished ? state.observedAt : finished;
}

/**
 * The earliest instant at which a measurement can hold what every check of the gate needs, or undefined when the
 * windows are not cut at an upgrade's end. Windows start no earlier than their floor (see windowFloor), so before
 * `floor + minimumLookbackMinutes` (one collection interval plus the worst-case ingestion delay; two intervals
 * for growth checks) a window can hold no queryable post-upgrade sample: measuring then would hold the gate
 * Inconclusive on latency alone. Waiting changes no verdict: no data still never passes.
 */
export function firstMeasurementAt(state: GateState): string | undefined {
  const finished = windowFloor(state);
  if (finished === undefined || state.policy.checks.length === 0) return undefined;
  const collection = collectionOf(state.policy.analysis);
  const minutes = Math.max(...state.policy.checks.map((spec) => minimumLookbackMinutes(spec.type, collection)));
  return addSeconds(finished, minutes * 60);
}
