import { lookbackWindow, queryPreamble, type KqlQuery } from '../checks/checkQuery';
import type { CheckSpec } from '../checks/checkSpec';

/** The tables every gate reads (node and pod inventories); present for any Container Insights collection preset that gates can use. */
export const BASELINE_TABLES = ['KubeNodeInventory', 'KubePodInventory'] as const;

/** How far back the freshness query looks; rows older than FRESH_MINUTES inside it are reported as stale, with their age. */
export const LOOKBACK_MINUTES = 120;
/**
 * Data older than this is stale. Container Insights sends inventories every minute with the Standard preset and every
 * 5 minutes with Cost-optimized (Microsoft Learn, "Configure data collection in Container Insights"), plus ingestion
 * latency of a few minutes; 15 minutes leaves room for both and still catches an agent that stopped.
 */
export const FRESH_MINUTES = 15;

/** The Container Insights tables a check type reads (undefined: a custom query, whose tables Conductor cannot know). */
export function tablesOfCheck(spec: CheckSpec): readonly string[] | undefined {
  switch (spec.type) {
    case 'nodes-ready':
      return ['KubeNodeInventory'];
    case 'pods-healthy':
    case 'critical-workloads':
    case 'restarts':
      return ['KubePodInventory'];
    case 'pvc-bound':
      return ['KubePVInventory'];
    case 'metrics-flowing':
      return spec.tables;
    case 'custom':
      return undefined;
  }
}

/**
 * ONE query for the whole fleet: the last row time per (table, cluster) over the lookback window. `_ResourceId` is
 * the column every Container Insights table carries (InsightsMetrics has no ClusterId).
 */
export function renderWorkspaceQuery(tables: readonly string[], clusterResourceIds: readonly string[], now: string): KqlQuery {
  const window = lookbackWindow(now, LOOKBACK_MINUTES);
  const text = [
    queryPreamble(clusterResourceIds.map((c) => c.toLowerCase()), window),
    `union withsource=SourceTable ${tables.join(', ')}`,
    '| where TimeGenerated between (windowStart .. windowEnd)',
    '| where _ResourceId in~ (clusters)',
    '| summarize LastSeen = max(TimeGenerated) by SourceTable, ResourceId = tolower(_ResourceId)',
  ].join('\n');
  return { text, window };
}
