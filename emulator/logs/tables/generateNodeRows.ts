import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import type { KqlValue } from '../kql/kqlTypes';
import type { NodeState } from './clusterTimeline';

const C = columnIndexes('KubeNodeInventory');
const WIDTH = TABLE_SCHEMAS.KubeNodeInventory!.length;

/**
 * KubeNodeInventory, one row per node per sample, as the agent writes it (microsoft/Docker-Provider@083f7b4
 * source/plugins/ruby/in_kube_nodes.rb:L467-L525, getNodeInventoryRecord; lines below are in that file): Status is
 * the comma-joined list of the node conditions whose status is "True" (L499-L517) — a healthy node `Ready`, a
 * NotReady node empty (initialised to "" at L476) — never `NotReady`; a cordoned node is not marked, as the record
 * never reads `spec.unschedulable`; LastTransitionTimeReady is the Ready condition's lastTransitionTime (L510-L512);
 * Labels is `[metadata.labels]` (L475; a string column per the Azure Monitor table reference); KubernetesProviderID
 * is the providerID's scheme (`azure`; L478-L493); KubeletVersion/KubeProxyVersion from nodeInfo (L518-L520).
 * During an upgrade the surge node is listed while it exists (AKS behaviour, not the agent's).
 */
export function generateNodeRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const created = timeline.segments[0]?.fromMs ?? 0;
  const push = (t: number, node: string, state: NodeState, createdMs: number): void => {
    const row: KqlValue[] = new Array<KqlValue>(WIDTH);
    row[C.TenantId!] = ctx.workspaceId;
    row[C.SourceSystem!] = 'Containers';
    row[C.TimeGenerated!] = t;
    row[C.Computer!] = node;
    row[C.ClusterName!] = cluster.name;
    row[C.ClusterId!] = model.clusterId;
    row[C.LastTransitionTimeReady!] = state.lastTransitionMs;
    row[C.Labels!] = JSON.stringify([{
      'kubernetes.io/hostname': node,
      'kubernetes.azure.com/cluster': `MC_${model.resourceGroup}_${cluster.name}_${cluster.location}`,
      'kubernetes.azure.com/node-image-version': state.nodeImageVersion,
      'kubernetes.azure.com/agentpool': 'nodepool1',
      'topology.kubernetes.io/region': cluster.location,
      'kubernetes.io/os': 'linux',
    }]);
    row[C.Status!] = state.ready ? 'Ready' : '';
    row[C.KubeletVersion!] = state.kubeletVersion;
    row[C.KubeProxyVersion!] = state.kubeletVersion;
    row[C.CreationTimeStamp!] = createdMs;
    row[C.DockerVersion!] = 'containerd://1.7.27-1';
    row[C.OperatingSystem!] = 'Ubuntu 22.04.5 LTS';
    row[C.KubernetesProviderID!] = 'azure';
    row[C.Type!] = 'KubeNodeInventory';
    row[C._ResourceId!] = model.resourceIdLower;
    out.push(row);
  };
  forEachSample(ctx, (t, _segment, index) => {
    model.nodeNames.forEach((node, i) => push(t, node, timeline.nodeState(t, i, index), created));
    const surge = timeline.surgeState(t, index);
    if (surge) push(t, model.surgeNodeName, surge, surge.createdMs);
  });
}
