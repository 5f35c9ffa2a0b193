import type { KqlValue } from '../kql/kqlTypes';
import { hashGuid } from './clusterModel';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('Heartbeat');
const WIDTH = TABLE_SCHEMAS.Heartbeat!.length;

/** Heartbeat: one row per node per sample from the monitoring agent; a NotReady node (reimaging, failed) sends none. */
export function generateHeartbeatRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const ids = model.nodeNames.map((n) => hashGuid(`${model.cluster.resourceId}/${n}`));
  forEachSample(ctx, (t, _segment, index) => {
    model.nodeNames.forEach((node, i) => {
      if (!timeline.nodeState(t, i, index).ready) return;
      const row: KqlValue[] = new Array<KqlValue>(WIDTH);
      row[C.TenantId!] = ctx.workspaceId;
      row[C.SourceSystem!] = 'Linux';
      row[C.TimeGenerated!] = t;
      row[C.SourceComputerId!] = ids[i]!;
      row[C.ComputerIP!] = `10.224.0.${(i % 250) + 4}`;
      row[C.Computer!] = node;
      row[C.Category!] = 'Azure Monitor Agent';
      row[C.OSType!] = 'Linux';
      row[C.OSName!] = 'Ubuntu';
      row[C.OSMajorVersion!] = '22';
      row[C.OSMinorVersion!] = '04';
      row[C.Version!] = '1.33.2';
      row[C.ComputerEnvironment!] = 'Azure';
      row[C.Solutions!] = '';
      row[C.ResourceId!] = model.cluster.resourceId;
      row[C.ResourceGroup!] = model.resourceGroup;
      row[C.SubscriptionId!] = model.subscriptionId;
      row[C.ResourceProvider!] = 'Microsoft.ContainerService';
      row[C.Resource!] = model.cluster.name;
      row[C.ResourceType!] = 'managedClusters';
      row[C.Type!] = 'Heartbeat';
      row[C._ResourceId!] = model.resourceIdLower;
      out.push(row);
    });
  });
}
