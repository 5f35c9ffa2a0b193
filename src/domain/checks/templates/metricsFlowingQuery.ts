import type { MetricsFlowingCheck } from '../checkSpec';
import { scopedTable } from '../checkQuery';

/**
 * Body of `metrics-flowing`: rows received per cluster from the listed Container Insights tables in the window.
 * Columns: ClusterId, Value (rows), LastSeen. A silent cluster has no row and is evaluated as 0.
 */
export function metricsFlowingQuery(spec: MetricsFlowingCheck): string {
  // Table names come from a closed list (CONTAINER_INSIGHTS_TABLES), never from free text.
  const source = spec.tables.length === 1 ? (spec.tables[0] ?? 'KubeNodeInventory') : `union ${spec.tables.join(', ')}`;
  return [scopedTable(source), '| summarize Value = count(), LastSeen = max(TimeGenerated) by ClusterId'].join('\n');
}
