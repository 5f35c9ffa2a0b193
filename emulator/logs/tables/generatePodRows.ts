import type { KqlValue } from '../kql/kqlTypes';
import { hash32 } from './clusterModel';
import { forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('KubePodInventory');
const WIDTH = TABLE_SCHEMAS.KubePodInventory!.length;
// Shared (never mutated) dynamic values: rows only read them.
const LAST_STATUS_ERROR = { reason: 'Error', exitCode: 1 };
const LAST_STATUS_NONE = {};

/**
 * KubePodInventory: one row per pod (one container each) per sample. health.failedPods pods (scenario workloads
 * first) are Failed; pods on a drained node move to the next schedulable node, DaemonSet pods of a drained node vanish;
 * health.restarts accumulate in ContainerRestartCount, spread evenly over the scenario workloads' pods.
 */
export function generatePodRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const pods = model.pods;
  const n = model.nodeNames.length;
  const created = timeline.segments[0]?.fromMs ?? 0;
  // Failure order: scenario workloads first, then system pods.
  const failOrder = [...pods.keys()].sort((a, b) => Number(pods[a]!.system) - Number(pods[b]!.system));
  const failRank = new Array<number>(pods.length);
  failOrder.forEach((podIndex, rank) => (failRank[podIndex] = rank));
  // Restarts go to the scenario's workloads (crash-looping apps), or to every pod when the scenario has none.
  const appPods = pods.filter((p) => !p.system).length;
  const restartTargets = appPods > 0 ? appPods : pods.length;
  const labels = pods.map((p) => [{ app: p.controllerName }]);
  const containerIds = pods.map((p) => `containerd://${hash32(p.uid).toString(16).padStart(8, '0')}${hash32(p.name).toString(16).padStart(8, '0')}`);
  // Per-pod constant cells are filled once; each sample copies the template and sets the cells that change.
  const templates = pods.map((pod, p) => {
    const row: KqlValue[] = new Array<KqlValue>(WIDTH);
    row[C.TenantId!] = ctx.workspaceId;
    row[C.SourceSystem!] = 'Containers';
    row[C.ClusterId!] = cluster.resourceId;
    row[C.ContainerCreationTimeStamp!] = created;
    row[C.PodUid!] = pod.uid;
    row[C.PodCreationTimeStamp!] = created;
    row[C.PodStartTime!] = created;
    row[C.ContainerStartTime!] = created;
    row[C.ServiceName!] = '';
    row[C.ControllerKind!] = pod.controllerKind;
    row[C.ControllerName!] = pod.controllerName;
    row[C.ContainerID!] = containerIds[p]!;
    row[C.ContainerName!] = `${pod.uid}/${pod.controllerName}`;
    row[C.Name!] = pod.name;
    row[C.PodLabel!] = labels[p]!;
    row[C.Namespace!] = pod.namespace;
    row[C.ClusterName!] = cluster.name;
    row[C.PodIp!] = pod.ip;
    row[C.Type!] = 'KubePodInventory';
    row[C._ResourceId!] = model.resourceIdLower;
    return row;
  });
  forEachSample(ctx, (t, segment, index) => {
    const usable = model.nodeNames.map((_, i) => {
      const s = timeline.nodeState(t, i, index);
      return !s.draining && s.status === 'Ready';
    });
    const restarts = timeline.restartsAt(t, index);
    const perPod = restartTargets ? Math.floor(restarts / restartTargets) : 0;
    const extra = restartTargets ? restarts % restartTargets : 0;
    for (let p = 0; p < pods.length; p++) {
      const pod = pods[p]!;
      let node = pod.nodeIndex;
      if (n > 0 && !usable[node]) {
        if (pod.controllerKind === 'DaemonSet') continue;
        for (let k = 1; k < n; k++) if (usable[(node + k) % n]) { node = (node + k) % n; break; }
      }
      const failed = failRank[p]! < segment.health.failedPods;
      const rank = failRank[p]!;
      const restartCount = rank < restartTargets ? perPod + (rank < extra ? 1 : 0) : 0;
      const row = templates[p]!.slice();
      row[C.TimeGenerated!] = t;
      row[C.Computer!] = model.nodeNames[node] ?? '';
      row[C.ContainerRestartCount!] = restartCount;
      row[C.PodRestartCount!] = restartCount;
      row[C.ContainerStatus!] = failed ? 'terminated' : 'running';
      row[C.PodStatus!] = failed ? 'Failed' : 'Running';
      row[C.ContainerStatusReason!] = failed ? 'Error' : '';
      row[C.ContainerLastStatus!] = restartCount > 0 ? LAST_STATUS_ERROR : LAST_STATUS_NONE;
      out.push(row);
    }
  });
}
