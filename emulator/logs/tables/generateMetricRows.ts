import type { KqlValue } from '../kql/kqlTypes';
import { hash32 } from './clusterModel';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('InsightsMetrics');
const WIDTH = TABLE_SCHEMAS.InsightsMetrics!.length;

/**
 * InsightsMetrics, per sample: disk used_percent per reachable node (container.azm.ms/disk), ready replicas per
 * workload (container.azm.ms/kubestate) and pvUsedBytes per bound PVC (container.azm.ms/pv). Tags is a JSON string.
 */
export function generateMetricRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const base = { 'container.azm.ms/clusterId': cluster.resourceId, 'container.azm.ms/clusterName': cluster.name };
  const nodeTags = model.nodeNames.map((hostName) => JSON.stringify({ ...base, hostName, device: 'sda1', fstype: 'ext4', mode: 'rw', path: '/' }));
  const workloads = cluster.workloads;
  const pvcTags = model.pvcs.map((p, i) => JSON.stringify({
    podUID: model.pods[i % Math.max(1, model.pods.length)]?.uid ?? '', podName: p.pvcName.replace(/^data-/, ''), pvcName: p.pvcName,
    pvcNamespace: p.namespace, capacityBytes: String(p.capacityBytes), 'container.azm.ms/clusterId': cluster.resourceId,
    'container.azm.ms/clusterName': cluster.name,
  }));
  const push = (t: number, computer: string, namespace: string, name: string, val: number, tags: string): void => {
    const row: KqlValue[] = new Array<KqlValue>(WIDTH);
    row[C.TenantId!] = ctx.workspaceId;
    row[C.SourceSystem!] = 'Insights.container/metrics';
    row[C.TimeGenerated!] = t;
    row[C.Computer!] = computer;
    row[C.Origin!] = 'container.azm.ms/telegraf';
    row[C.Namespace!] = namespace;
    row[C.Name!] = name;
    row[C.Val!] = val;
    row[C.Tags!] = tags;
    row[C.AgentId!] = '';
    row[C.Type!] = 'InsightsMetrics';
    row[C._ResourceId!] = model.resourceIdLower;
    out.push(row);
  };
  forEachSample(ctx, (t, segment, index) => {
    const firstNode = model.nodeNames[0] ?? cluster.name;
    model.nodeNames.forEach((node, i) => {
      if (timeline.nodeState(t, i, index).status === 'NotReady') return;
      push(t, node, 'container.azm.ms/disk', 'used_percent', 20 + (hash32(`${node}/${Math.floor(t / 3_600_000)}`) % 4000) / 100, nodeTags[i]!);
    });
    let failedLeft = segment.health.failedPods;
    for (const w of workloads) {
      // Pods fail in workload order (see generatePodRows); DaemonSets have one pod per node and no kubestate row here.
      const replicas = w.controllerKind === 'DaemonSet' ? model.nodeNames.length : w.replicas;
      const failed = Math.min(failedLeft, replicas);
      failedLeft -= failed;
      if (w.controllerKind === 'DaemonSet') continue;
      const name = w.controllerKind === 'StatefulSet' ? 'kube_statefulset_status_replicas_ready' : 'kube_deployment_status_replicas_ready';
      const key = w.controllerKind === 'StatefulSet' ? 'statefulset' : 'deployment';
      push(t, firstNode, 'container.azm.ms/kubestate', name, w.replicas - failed,
        JSON.stringify({ ...base, [key]: w.controllerName, k8sNamespace: w.namespace, spec_replicas: String(w.replicas) }));
    }
    model.pvcs.forEach((p, i) => {
      if (i < segment.health.pendingPvcs) return;
      push(t, firstNode, 'container.azm.ms/pv', 'pvUsedBytes', Math.round(p.capacityBytes * 0.25), pvcTags[i]!);
    });
  });
}
