import type { KqlValue } from '../kql/kqlTypes';
import { hash32 } from './clusterModel';
import { collectsNamespace, forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { PodFailures } from './podFailures';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('InsightsMetrics');
const WIDTH = TABLE_SCHEMAS.InsightsMetrics!.length;

/**
 * InsightsMetrics, per sample: disk used_percent per reachable node (container.azm.ms/disk), ready replicas per
 * Deployment (`kube_deployment_status_replicas_ready`, container.azm.ms/kubestate: microsoft/Docker-Provider@066de7f
 * source/plugins/ruby/constants.rb:L25, L28; kubestate names are defined for Deployments and HPAs only, L24-L44, so
 * no StatefulSet metric) and pvUsedBytes per bound PVC (container.azm.ms/pv, tags podUid, pvCapacityBytes: constants.rb
 * L16-L21, L66; `volumeName` is not in that version). Disk used_percent comes from the agent's Telegraf input, which
 * these Ruby files do not define.
 * Tags is a JSON string (docs/azure-apis.md §8).
 */
export function generateMetricRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const base = { 'container.azm.ms/clusterId': model.clusterId, 'container.azm.ms/clusterName': cluster.name };
  const nodeTags = model.nodeNames.map((hostName) => JSON.stringify({ ...base, hostName, device: 'sda1', fstype: 'ext4', mode: 'rw', path: '/' }));
  const workloads = cluster.workloads;
  const pvcTags = model.pvcs.map((p, i) => JSON.stringify({
    podUid: model.pods[i % Math.max(1, model.pods.length)]?.uid ?? '', podName: p.pvcName.replace(/^data-/, ''), pvcName: p.pvcName,
    pvcNamespace: p.namespace, pvCapacityBytes: p.capacityBytes, volumeName: p.pvName, 'container.azm.ms/clusterId': model.clusterId,
    'container.azm.ms/clusterName': cluster.name,
  }));
  const failures = new PodFailures(model, timeline);
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
      if (!timeline.nodeState(t, i, index).ready) return;
      push(t, node, 'container.azm.ms/disk', 'used_percent', 20 + (hash32(`${node}/${Math.floor(t / 3_600_000)}`) % 4000) / 100, nodeTags[i]!);
    });
    for (const w of workloads) {
      if (w.controllerKind !== 'ReplicaSet' || !collectsNamespace(segment, w.namespace)) continue;
      let failing = 0;
      model.pods.forEach((pod, p) => {
        if (pod.namespace === w.namespace && pod.workloadName === w.controllerName && failures.failureOf(p, index)) failing += 1;
      });
      push(t, firstNode, 'container.azm.ms/kubestate', 'kube_deployment_status_replicas_ready', w.replicas - failing,
        JSON.stringify({ ...base, deployment: w.controllerName, k8sNamespace: w.namespace, deploymentStrategy: 'RollingUpdate', spec_replicas: String(w.replicas), status_replicas_available: String(w.replicas - failing) }));
    }
    model.pvcs.forEach((p, i) => {
      if (i < segment.health.pendingPvcs) return;
      push(t, firstNode, 'container.azm.ms/pv', 'pvUsedBytes', Math.round(p.capacityBytes * 0.25), pvcTags[i]!);
    });
  });
}
