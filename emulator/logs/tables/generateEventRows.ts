import type { KqlValue } from '../kql/kqlTypes';
import { podIdentity } from './clusterModel';
import { SURGE } from './clusterTimeline';
import { collectsNamespace, COST_OPTIMIZED_INTERVAL_MS, forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { PodFailures } from './podFailures';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('KubeEvents');
const WIDTH = TABLE_SCHEMAS.KubeEvents!.length;
/** Ongoing conditions are re-reported every 5 minutes (Count grows), as Kubernetes aggregates repeated events. */
export const EVENT_PERIOD_MS = 5 * 60_000;

/**
 * KubeEvents holds Warning events only: the agent lists `events?fieldSelector=type!=Normal` unless
 * AZMON_CLUSTER_COLLECT_ALL_KUBE_EVENTS is set to other than "false" (microsoft/Docker-Provider@69eeda6
 * source/plugins/ruby/in_kube_events.rb:L59-L68 in start, L112-L115 in enumerate), and writes involvedObject
 * kind/namespace/name, reason, message, type, source component, first/last timestamps and count (L194-L211,
 * parse_and_emit_records). Modelled Warnings: BackOff for crash-looping pods, Failed + BackOff for image pulls,
 * FailedScheduling for unschedulable pods, ProvisioningFailed for claims that cannot get a volume (reasons as
 * Kubernetes emits them; no agent line). Node NotReady is a Normal event in Kubernetes (node lifecycle controller)
 * and so never appears. An event is first written when its condition starts, then again every 5 minutes while it
 * lasts: the agent writes an event again only when its count changes (`eventId = uid/count`, L174-L178).
 *
 * TimeGenerated is the event object's metadata.creationTimestamp, not the collection time
 * (`record["TimeGenerated"] = items["metadata"]["creationTimestamp"]`, L194-L211): every re-write of one event keeps
 * the TimeGenerated of its first occurrence while LastSeen and Count move on. Whether the event object expires and
 * is re-created with a new creationTimestamp while its condition lasts (kube-apiserver `--event-ttl`, default 1 h,
 * against an object updated every few minutes) is settled by no source we have; the harsher reading for health
 * checks is taken: the object keeps its original creationTimestamp for as long as the condition lasts, so an old
 * condition's rows are all stamped at its start (a check selecting events by TimeGenerated in a recent window
 * misses them).
 *
 * A row is written at sample time t (its batch becomes visible t + ingestion delay) but stamped earlier, so the
 * writes are scanned from ctx.fromMs up to now and kept when their TimeGenerated falls in [fromMs, toMs].
 */
export function generateEventRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const failures = new PodFailures(model, timeline);
  const writes: GenerationContext = { ...ctx, toMs: Math.max(ctx.toMs, ctx.nowMs) };
  forEachSample(writes, (t, segment, index) => {
    const interval = segment.health.collectionPreset === 'cost-optimized' ? COST_OPTIMIZED_INTERVAL_MS : ctx.intervalMs;
    const push = (since: number, computer: string, kind: string, namespace: string, name: string, reason: string, message: string, source: string): void => {
      const elapsed = t - since;
      if (elapsed < 0 || elapsed % EVENT_PERIOD_MS >= interval) return;
      if (since < ctx.fromMs || since > ctx.toMs) return;
      if (!collectsNamespace(segment, namespace)) return;
      const row: KqlValue[] = new Array<KqlValue>(WIDTH);
      row[C.TenantId!] = ctx.workspaceId;
      row[C.SourceSystem!] = 'Containers';
      row[C.TimeGenerated!] = since;
      row[C.Computer!] = computer;
      row[C.ClusterId!] = model.clusterId;
      row[C.ClusterName!] = cluster.name;
      row[C.ObjectKind!] = kind;
      row[C.Namespace!] = namespace;
      row[C.Name!] = name;
      row[C.Reason!] = reason;
      row[C.Message!] = message;
      row[C.KubeEventType!] = 'Warning';
      row[C.SourceComponent!] = source;
      row[C.FirstSeen!] = since;
      row[C.LastSeen!] = t;
      row[C.Count!] = Math.floor(elapsed / EVENT_PERIOD_MS) + 1;
      row[C.Type!] = 'KubeEvents';
      row[C._ResourceId!] = model.resourceIdLower;
      out.push(row);
    };
    model.pods.forEach((pod, p) => {
      const failure = failures.failureOf(p, index);
      if (!failure) return;
      const place = timeline.placement(t, pod.nodeIndex);
      const { name, uid } = podIdentity(pod, place.generation);
      const since = Math.max(failures.failingSince(p, index), place.createdMs ?? -Infinity);
      const node = place.host === SURGE ? model.surgeNodeName : model.nodeNames[place.host] ?? '';
      const container = pod.containers.find((c) => c.role === 'main')?.name ?? pod.workloadName;
      if (failure === 'crashLoop') {
        push(since, node, 'Pod', pod.namespace, name, 'BackOff', `Back-off restarting failed container ${container} in pod ${name}_${pod.namespace}(${uid})`, 'kubelet');
      } else if (failure === 'imagePull') {
        const image = `contoso.azurecr.io/${pod.workloadName}:missing`;
        push(since, node, 'Pod', pod.namespace, name, 'Failed', `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`, 'kubelet');
        push(since, node, 'Pod', pod.namespace, name, 'BackOff', `Back-off pulling image "${image}"`, 'kubelet');
      } else {
        const n = model.nodeNames.length;
        push(since, '', 'Pod', pod.namespace, name, 'FailedScheduling',
          `0/${n} nodes are available: ${n} Insufficient cpu. preemption: 0/${n} nodes are available: ${n} No preemption victims found for incoming pod.`, 'default-scheduler');
      }
    });
    const drain = segment.upgrading ? segment.blockedDrain : undefined;
    if (drain) {
      // AKS's upgrader writes its events on the node, in the default namespace, with source `upgrader` and reasons
      // Surge, Drain, Update (Upgrade in older docs' output) and Delete (azure-aks-docs upgrade-aks-cluster.md, "View
      // upgrade events"); the documented ones are Normal, which the agent does not collect. No source settles
      // what, if anything, is written while an eviction is refused. Harsher reading for the diagnosis: a Warning
      // `Drain` event quoting the eviction error AKS reports at the end (error-code-poddrainfailure), whose reason
      // Conductor must not rely on, re-written every 5 minutes with a growing Count and its first TimeGenerated.
      const node = model.nodeNames[0] ?? model.surgeNodeName;
      const pod = model.pods.find((x) => x.namespace === drain.namespace);
      const podName = pod ? podIdentity(pod, timeline.placement(t, pod.nodeIndex).generation).name : `${drain.pdb}-0`;
      push(drain.sinceMs, node, 'Node', 'default', node, 'Drain',
        `Drain node ${node} failed when evicting pod ${podName}: Cannot evict pod as it would violate the pod's disruption budget. PDB debug info: ${drain.namespace}/${podName} blocked by pdb ${drain.pdb} with 0 unready pods`, 'upgrader');
    }
    model.pvcs.slice(0, segment.health.pendingPvcs).forEach((pvc) => {
      let j = index;
      while (j > 0 && timeline.segments[j - 1]!.health.pendingPvcs >= segment.health.pendingPvcs) j--;
      push(timeline.segments[j]!.fromMs, '', 'PersistentVolumeClaim', pvc.namespace, pvc.pvcName, 'ProvisioningFailed',
        'failed to provision volume with StorageClass "managed-csi": rpc error: code = ResourceExhausted desc = disk quota exceeded', 'disk.csi.azure.com');
    });
  });
}
