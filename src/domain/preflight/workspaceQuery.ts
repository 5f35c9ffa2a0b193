import { lookbackWindow, queryPreamble, type KqlQuery } from '../checks/checkQuery';
import type { CheckSpec } from '../checks/checkSpec';

/**
 * The table expected from every member whatever the gates check: the node inventory, which every collection preset
 * sends each interval (the agent is alive and the cadence shows the preset). Pod tables are expected only when a
 * check reads them: Cost-optimized sends no kube-system pods, so a cluster with only system pods has none.
 */
export const BASELINE_TABLES = ['KubeNodeInventory'] as const;

/** How far back the freshness query looks; rows older than FRESH_MINUTES inside it are reported as stale, with their age. */
export const LOOKBACK_MINUTES = 120;
/**
 * Data older than this is stale. Container Insights sends inventories every minute with the Standard preset and every
 * 5 minutes with Cost-optimized (Microsoft Learn, "Configure data collection in Container Insights"), plus ingestion
 * latency of a few minutes; 15 minutes leaves room for both and still catches an agent that stopped.
 */
export const FRESH_MINUTES = 15;

/** The Container Insights tables a check needs rows in from every member (undefined: a custom query, whose tables Conductor cannot know). */
export function tablesOfCheck(spec: CheckSpec): readonly string[] | undefined {
  switch (spec.type) {
    case 'nodes-ready':
      return ['KubeNodeInventory'];
    case 'pods-healthy':
    case 'pods-pending':
    case 'critical-workloads':
    case 'restarts':
      return ['KubePodInventory'];
    case 'pvc-bound':
      // KubePVInventory has rows only where volumes exist and KubeEvents only when something warns: no rows is not
      // missing data for this check, so it expects no table.
      return [];
    case 'metrics-flowing':
      return spec.tables;
    case 'custom':
      return undefined;
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}

/**
 * ONE query for the whole fleet: per (table, cluster) over the lookback window, the last and first row times and the
 * number of distinct sample times (a sample's rows share its TimeGenerated), from which the collection interval follows. `_ResourceId` is
 * the column every Container Insights table carries (InsightsMetrics has no ClusterId).
 */
export function renderWorkspaceQuery(tables: readonly string[], clusterResourceIds: readonly string[], now: string): KqlQuery {
  const window = lookbackWindow(now, LOOKBACK_MINUTES);
  const text = [
    queryPreamble(clusterResourceIds.map((c) => c.toLowerCase()), window),
    `union withsource=SourceTable ${tables.join(', ')}`,
    '| where TimeGenerated between (windowStart .. windowEnd)',
    '| where _ResourceId in~ (clusters)',
    '| summarize LastSeen = max(TimeGenerated), FirstSeen = min(TimeGenerated), Samples = dcount(TimeGenerated) by SourceTable, ResourceId = tolower(_ResourceId)',
  ].join('\n');
  return { text, window };
}
