import { evaluateCheck } from '../../domain/checks/evaluateCheck';
import type { CheckEvaluation } from '../../domain/checks/checkEvaluation';
import type { RunChecksAction } from '../../domain/gates/gateActions';
import type { LogsQuery } from '../../ports';

/**
 * Carries out a runChecks action: one Log Analytics query per check, every gated cluster in it (the domain renders
 * the batched query), then the verdicts. Queries run in parallel; a failed query is an Error evaluation, not a throw.
 */
export async function runGateChecks(logs: LogsQuery, workspaceId: string, action: RunChecksAction): Promise<readonly CheckEvaluation[]> {
  return Promise.all(
    action.checks.map(async (check) => {
      const result = await logs.query(workspaceId, check.query.text, check.query.window);
      return evaluateCheck({ spec: check.spec, clusters: action.clusters, query: check.query, result, defaults: check.defaults });
    }),
  );
}
