import type { KqlValue } from '../kql/kqlTypes';
import type { ClusterModel } from './clusterModel';
import type { ClusterTimeline } from './clusterTimeline';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('Usage');
const WIDTH = TABLE_SCHEMAS.Usage!.length;
const HOUR = 3_600_000;
const BYTES_PER_ROW: Readonly<Record<string, number>> = {
  KubeNodeInventory: 1600, KubePodInventory: 2100, KubePVInventory: 900, InsightsMetrics: 650, Heartbeat: 950, KubeEvents: 800,
};

/**
 * Usage: one row per completed hour per data type for the workspace, with the billed volume estimated from how many
 * rows the generators produce per hour (not from generating them). Only hours that ended by `toMs` are reported.
 */
export function generateUsageRows(
  workspaceId: string,
  clusters: readonly { model: ClusterModel; timeline: ClusterTimeline }[],
  fromMs: number, toMs: number, intervalMs: number, delaySeconds: number, out: KqlValue[][],
): void {
  const first = clusters[0]?.model;
  if (!first) return;
  const resourceUri = `/subscriptions/${first.subscriptionId}/resourcegroups/${first.resourceGroup.toLowerCase()}/providers/microsoft.operationalinsights/workspaces/${workspaceId}`;
  const samples = HOUR / intervalMs;
  for (let start = Math.floor(fromMs / HOUR) * HOUR; start + HOUR - 1000 <= toMs; start += HOUR) {
    const end = start + HOUR - 1000;
    const rows: Record<string, number> = { KubeNodeInventory: 0, KubePodInventory: 0, KubePVInventory: 0, InsightsMetrics: 0, Heartbeat: 0, KubeEvents: 0 };
    for (const { model, timeline } of clusters) {
      if (timeline.indexAt(end) < 0) continue;
      const nodes = model.nodeNames.length;
      rows.KubeNodeInventory! += nodes * samples;
      rows.KubePodInventory! += model.pods.length * samples;
      rows.KubePVInventory! += model.pvcs.length * samples;
      rows.InsightsMetrics! += (nodes + model.cluster.workloads.length + model.pvcs.length) * samples;
      rows.Heartbeat! += nodes * samples;
      rows.KubeEvents! += 1;
    }
    for (const [dataType, count] of Object.entries(rows)) {
      if (count === 0) continue;
      const row: KqlValue[] = new Array<KqlValue>(WIDTH);
      row[C.TenantId!] = workspaceId;
      row[C.Computer!] = 'Deprecated field: see http://aka.ms/LA-Usage';
      row[C.TimeGenerated!] = end;
      row[C.SourceSystem!] = 'OMS';
      row[C.StartTime!] = start;
      row[C.EndTime!] = end;
      row[C.ResourceUri!] = resourceUri;
      row[C.LinkedResourceUri!] = '';
      row[C.DataType!] = dataType;
      row[C.Solution!] = dataType === 'Heartbeat' ? 'LogManagement' : 'ContainerInsights';
      row[C.BatchesWithinSla!] = samples;
      row[C.BatchesOutsideSla!] = 0;
      row[C.BatchesCapped!] = 0;
      row[C.TotalBatches!] = samples;
      row[C.AvgLatencyInSeconds!] = delaySeconds;
      row[C.Quantity!] = Math.round((count * BYTES_PER_ROW[dataType]!) / 1e6 * 1e6) / 1e6;
      row[C.QuantityUnit!] = 'MBytes';
      row[C.IsBillable!] = true;
      row[C.MeterId!] = 'a4e29a95-5b4c-408b-80e3-113f9410566e';
      row[C.LinkedMeterId!] = '00000000-0000-0000-0000-000000000000';
      row[C.Type!] = 'Usage';
      out.push(row);
    }
  }
}
