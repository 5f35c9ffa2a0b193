import { queryTimespan } from '../../domain/checks/checkQuery';
import type { RunChecksAction } from '../../domain/gates/gateActions';
import { evaluateMeasurement } from '../../domain/gates/evaluateMeasurement';
import type { GateObservation } from '../../domain/gates/gateObservation';
import type { LogsQuery } from '../../ports';

/**
 * Carries out a runChecks action: one Log Analytics query per check, every gated cluster in it (the domain renders
 * the batched query), in parallel, each over its timespan (scan start to window end). A failed query is an Error evaluation, never a throw.
 */
export async function runGateChecks(logs: LogsQuery, workspaceId: string, action: RunChecksAction): Promise<GateObservation> {
  const results = await Promise.all(
    action.checks.map(async (check) => ({ checkName: check.spec.name, result: await logs.query(workspaceId, check.query.text, queryTimespan(check.query)) })),
  );
  return evaluateMeasurement(action, results);
}
