import type { KqlValue } from '../kql/kqlTypes';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('KubeEvents');
const WIDTH = TABLE_SCHEMAS.KubeEvents!.length;
/** Ongoing conditions are re-reported every 5 minutes (Count grows), as Kubernetes aggregates repeated events. */
export const EVENT_PERIOD_MS = 5 * 60_000;

/**
 * KubeEvents: NodeNotSchedulable (Normal) for a cordoned node, NodeNotReady (Warning) for a NotReady node,
 * BackOff (Warning) for each failed pod and ProvisioningFailed (Warning) for each pending PVC.
 */
export function generateEventRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const failedPods = [...model.pods].sort((a, b) => Number(a.system) - Number(b.system));
  forEachSample(ctx, (t, segment, index) => {
    if (ctx.intervalMs < EVENT_PERIOD_MS && t % EVENT_PERIOD_MS !== 0) return;
    const count = Math.floor((t - segment.fromMs) / EVENT_PERIOD_MS) + 1;
    const push = (computer: string, kind: string, namespace: string, name: string, reason: string, message: string, type: string, source: string): void => {
      const row: KqlValue[] = new Array<KqlValue>(WIDTH);
      row[C.TenantId!] = ctx.workspaceId;
      row[C.SourceSystem!] = 'Containers';
      row[C.TimeGenerated!] = t;
      row[C.Computer!] = computer;
      row[C.ClusterId!] = cluster.resourceId;
      row[C.ClusterName!] = cluster.name;
      row[C.ObjectKind!] = kind;
      row[C.Namespace!] = namespace;
      row[C.Name!] = name;
      row[C.Reason!] = reason;
      row[C.Message!] = message;
      row[C.KubeEventType!] = type;
      row[C.SourceComponent!] = source;
      row[C.FirstSeen!] = Math.max(segment.fromMs, t - (count - 1) * EVENT_PERIOD_MS);
      row[C.LastSeen!] = t;
      row[C.Count!] = count;
      row[C.Type!] = 'KubeEvents';
      row[C._ResourceId!] = model.resourceIdLower;
      out.push(row);
    };
    model.nodeNames.forEach((node, i) => {
      const s = timeline.nodeState(t, i, index);
      if (s.status === 'Ready,SchedulingDisabled') push(node, 'Node', 'default', node, 'NodeNotSchedulable', `Node ${node} status is now: NodeNotSchedulable`, 'Normal', 'kubelet');
      if (s.status === 'NotReady') push(node, 'Node', 'default', node, 'NodeNotReady', `Node ${node} status is now: NodeNotReady`, 'Warning', 'node-controller');
    });
    for (const pod of failedPods.slice(0, segment.health.failedPods)) {
      push(model.nodeNames[pod.nodeIndex] ?? '', 'Pod', pod.namespace, pod.name, 'BackOff', `Back-off restarting failed container ${pod.controllerName} in pod ${pod.name}_${pod.namespace}(${pod.uid})`, 'Warning', 'kubelet');
    }
    for (const pvc of model.pvcs.slice(0, segment.health.pendingPvcs)) {
      push('', 'PersistentVolumeClaim', pvc.namespace, pvc.pvcName, 'ProvisioningFailed', 'failed to provision volume with StorageClass "managed-csi": rpc error: code = ResourceExhausted desc = disk quota exceeded', 'Warning', 'disk.csi.azure.com');
    }
  });
}
