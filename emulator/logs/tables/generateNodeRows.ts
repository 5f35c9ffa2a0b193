import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import type { KqlValue } from '../kql/kqlTypes';

const C = columnIndexes('KubeNodeInventory');
const WIDTH = TABLE_SCHEMAS.KubeNodeInventory!.length;

/** KubeNodeInventory: one row per node per sample, Status from the node's Ready condition (upgrade drains, health). */
export function generateNodeRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const created = timeline.segments[0]?.fromMs ?? 0;
  forEachSample(ctx, (t, _segment, index) => {
    model.nodeNames.forEach((node, i) => {
      const state = timeline.nodeState(t, i, index);
      const row: KqlValue[] = new Array<KqlValue>(WIDTH);
      row[C.TenantId!] = ctx.workspaceId;
      row[C.SourceSystem!] = 'Containers';
      row[C.TimeGenerated!] = t;
      row[C.Computer!] = node;
      row[C.ClusterName!] = cluster.name;
      row[C.ClusterId!] = cluster.resourceId;
      row[C.LastTransitionTimeReady!] = state.lastTransitionMs;
      row[C.Labels!] = [{
        'kubernetes.io/hostname': node,
        'kubernetes.azure.com/cluster': `MC_${model.resourceGroup}_${cluster.name}_${cluster.location}`,
        'kubernetes.azure.com/node-image-version': state.nodeImageVersion,
        'kubernetes.azure.com/agentpool': 'nodepool1',
        'topology.kubernetes.io/region': cluster.location,
        'kubernetes.io/os': 'linux',
      }];
      row[C.Status!] = state.status;
      row[C.KubeletVersion!] = state.kubeletVersion;
      row[C.KubeProxyVersion!] = state.kubeletVersion;
      row[C.CreationTimeStamp!] = created;
      row[C.DockerVersion!] = 'containerd://1.7.27-1';
      row[C.OperatingSystem!] = 'Ubuntu 22.04.5 LTS';
      row[C.KubernetesProviderID!] = model.nodeProviderIds[i]!;
      row[C.Type!] = 'KubeNodeInventory';
      row[C._ResourceId!] = model.resourceIdLower;
      out.push(row);
    });
  });
}
