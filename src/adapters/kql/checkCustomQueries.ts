import type { ConductorConfig } from '../../domain/config/conductorConfig';
import { queryPreamble } from '../../domain/checks/checkQuery';
import type { ConfigIssue } from '../../domain/gates/configIssue';
import { kqlErrors } from './KustoQueryAnalyzer';

const SAMPLE_CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const SAMPLE_WINDOW = { start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T00:10:00.000Z' };

/**
 * Analyses every custom check's query, after the `let` preamble Conductor prepends, with Microsoft's Kusto language
 * service against the declared Container Insights schema. An unknown table, column or function, a syntax or a type
 * error is a config issue at `gatePolicies[i].checks[j].query`, so a query that would fail in Azure is refused at
 * load instead of erroring on every gate. The service is loaded only when a custom check exists.
 */
export function checkCustomQueries(config: ConductorConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.gatePolicies.forEach((policy, p) => {
    policy.checks.forEach((check, c) => {
      if (check.type !== 'custom') return;
      const preamble = `${queryPreamble([SAMPLE_CLUSTER], SAMPLE_WINDOW)}\n`;
      for (const error of kqlErrors(preamble + check.query.trim())) {
        const offset = Math.max(0, error.start - preamble.length);
        issues.push({ path: `gatePolicies[${p}].checks[${c}].query`, message: `${error.message} (${error.code}, at character ${offset + 1} of the query)` });
      }
    });
  });
  return issues;
}
