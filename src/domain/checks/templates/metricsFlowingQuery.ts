import type { ContainerInsightsTable, MetricsFlowingCheck } from '../checkSpec';
import { eventsInWindow, scopedTable } from '../checkQuery';

/**
 * Body of `metrics-flowing`: rows received per cluster from the listed Container Insights tables in the window.
 * Columns: ClusterId, Value (rows), LastSeen. A silent cluster has no row and is evaluated as 0. A KubeEvents row is
 * written when its event changes but stamped with the event object's creation time, so it counts by LastSeen
 * (eventsInWindow); the inventory tables count by TimeGenerated.
 */
export function metricsFlowingQuery(spec: MetricsFlowingCheck): string {
  // Table names come from a closed list (CONTAINER_INSIGHTS_TABLES), never from free text.
  const tables: readonly ContainerInsightsTable[] = spec.tables.length > 0 ? spec.tables : ['KubeNodeInventory'];
  const inventory = tables.filter((table) => table !== 'KubeEvents');
  const legs: string[] = [];
  if (inventory.length > 0) {
    const source = inventory.length === 1 ? (inventory[0] ?? 'KubeNodeInventory') : `union ${inventory.join(', ')}`;
    legs.push(`${scopedTable(source)}\n| project ClusterId, Seen = TimeGenerated`);
  }
  if (tables.includes('KubeEvents')) legs.push(`${eventsInWindow()}\n| project ClusterId, Seen = LastSeen`);
  const rows = legs.length === 1 ? (legs[0] ?? '') : `union ${legs.map((leg) => `(${leg})`).join(', ')}`;
  return [rows, '| summarize Value = count(), LastSeen = max(Seen) by ClusterId'].join('\n');
}
