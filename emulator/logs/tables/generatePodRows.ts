import type { KqlValue } from '../kql/kqlTypes';
import { hash32, podIdentity, type ContainerModel, type PodModel } from './clusterModel';
import { CONTAINER_CREATING_MS, SURGE } from './clusterTimeline';
import { collectsNamespace, forEachSample, type GenerationContext, type RowSink } from './GenerationContext';
import { crashLoopRestarts, PodFailures, type PodFailure } from './podFailures';
import { columnIndexes, TABLE_SCHEMAS } from './tableSchemas';

const C = columnIndexes('KubePodInventory');
const WIDTH = TABLE_SCHEMAS.KubePodInventory!.length;

/** What one container row says: ContainerStatus (the state key, lower case), its reason, restarts, last state. */
interface ContainerState {
  readonly status: string;
  readonly reason: string;
  readonly restarts: number;
  readonly lastStatus: string;
}

const RUNNING: ContainerState = { status: 'running', reason: '', restarts: 0, lastStatus: '{}' };
const COMPLETED: ContainerState = { status: 'terminated', reason: 'Completed', restarts: 0, lastStatus: '{}' };
const CREATING: ContainerState = { status: 'waiting', reason: 'ContainerCreating', restarts: 0, lastStatus: '{}' };
const INITIALIZING: ContainerState = { status: 'waiting', reason: 'PodInitializing', restarts: 0, lastStatus: '{}' };
const PULL_BACKOFF: ContainerState = { status: 'waiting', reason: 'ImagePullBackOff', restarts: 0, lastStatus: '{}' };
/**
 * ContainerLastStatus as the agent writes it: `{lastState, reason, startedAt, finishedAt}`
 * (microsoft/Docker-Provider@093dc0b source/plugins/ruby/in_kube_podinventory.rb:L637-L667).
 */
function lastError(t: number): string {
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
  return JSON.stringify({ lastState: 'terminated', reason: 'Error', startedAt: iso(t - 12_000), finishedAt: iso(t - 10_000) });
}

/**
 * KubePodInventory as the agent writes it (docs/azure-apis.md §8). Agent source: microsoft/Docker-Provider@093dc0b
 * source/plugins/ruby/in_kube_podinventory.rb:L481-L706 (getPodInventoryRecords); lines below are in that file:
 * - one row per container AND per init container: `containerStatuses` + `initContainerStatuses` (L571-L578), one
 *   record per entry (L686-L687); a finished init container reads `terminated`/`Completed`, a native sidecar
 *   `running` (Kubernetes pod status, not the agent); ContainerName is `<podUid>/<container>` (L597);
 * - PodStatus is `status.phase` (L532), or `Terminating` while `metadata.deletionTimestamp` is set (L529-L530;
 *   constants.rb@066de7f:L91), or `Unknown` for a NodeLost pod whose Ready condition is False (L517-L527);
 * - ContainerStatus is the first key of `state` (L620; Kubernetes spells the keys `running`/`waiting`/`terminated`);
 *   ContainerStatusReason is that state's `reason`, left empty for `running` (L608, L624-L629);
 * - ContainerRestartCount is the container's `restartCount` (L602-L603); PodRestartCount their sum (L686,
 *   L697-L701);
 * - a pod with no container statuses yet (unscheduled) still gets one row, with empty container columns (L689-L690);
 * - ControllerKind/ControllerName are `ownerReferences[0]` (L546-L548); that a Deployment pod's owner is the
 *   ReplicaSet `<deployment>-<pod-template-hash>` is Kubernetes' naming, not the agent's;
 * - PodLabel is `[labels]` (L506; a string column per the Azure Monitor table reference); ContainerID is the id
 *   after the runtime scheme, empty when absent (L587-L592); ContainerLastStatus is `{lastState, reason, startedAt,
 *   finishedAt}` of `lastState`, else `{}` (L637-L667).
 * Modelled behaviour: draining a node replaces its pods (new name and UID) on another node, the old pod listed as
 * Terminating for the grace period; crash-looping pods stay Running with the container waiting in CrashLoopBackOff
 * and restart counts growing at the kubelet's back-off; image pulls failing leave the pod Pending with the container
 * waiting in ImagePullBackOff; unschedulable pods are Pending with no node; Job pods have Succeeded. Under the
 * cost-optimized preset, kube-system pods are not collected.
 * Shortcuts (documented): Job pods are never evicted; an unschedulable slot shows its current pod as Pending rather
 * than evicting it first; health.restarts (legacy) is spread evenly over the scenario's pods.
 */
export function generatePodRows(ctx: GenerationContext, out: RowSink): void {
  const { model, timeline } = ctx;
  const cluster = model.cluster;
  const pods = model.pods;
  const created = timeline.segments[0]?.fromMs ?? 0;
  const failures = new PodFailures(model, timeline);
  // Legacy health.restarts go to the scenario's workloads (crash-looping apps), or to every pod when it has none.
  const appPods = pods.filter((p) => !p.system).length;
  const restartTargets = appPods > 0 ? appPods : pods.length;
  let nextRank = 0;
  const restartRank = pods.map((p) => (appPods === 0 || !p.system ? nextRank++ : -1));
  const n = model.nodeNames.length;

  const emit = (t: number, pod: PodModel, identity: { name: string; uid: string }, node: string, podStatus: string, podCreated: number,
    states: readonly ContainerState[] | undefined): void => {
    const base: KqlValue[] = new Array<KqlValue>(WIDTH);
    base[C.TenantId!] = ctx.workspaceId;
    base[C.SourceSystem!] = 'Containers';
    base[C.TimeGenerated!] = t;
    base[C.Computer!] = node;
    base[C.ClusterId!] = model.clusterId;
    base[C.PodUid!] = identity.uid;
    base[C.PodCreationTimeStamp!] = podCreated;
    base[C.PodStartTime!] = node === '' ? null : podCreated;
    base[C.ServiceName!] = '';
    base[C.ControllerKind!] = pod.controllerKind;
    base[C.ControllerName!] = pod.controllerName;
    base[C.Name!] = identity.name;
    base[C.PodLabel!] = podLabel(pod);
    base[C.Namespace!] = pod.namespace;
    base[C.PodStatus!] = podStatus;
    base[C.ClusterName!] = cluster.name;
    base[C.PodIp!] = node === '' ? '' : pod.ip;
    base[C.InstanceName!] = '';
    base[C.Type!] = 'KubePodInventory';
    base[C._ResourceId!] = model.resourceIdLower;
    if (!states) {
      // Unscheduled: no container statuses, one row with the pod's own columns only.
      base[C.ContainerCreationTimeStamp!] = null;
      base[C.ContainerStartTime!] = null;
      base[C.ContainerRestartCount!] = null;
      base[C.PodRestartCount!] = 0;
      base[C.ContainerStatus!] = '';
      base[C.ContainerStatusReason!] = '';
      base[C.ContainerID!] = '';
      base[C.ContainerName!] = '';
      base[C.ContainerLastStatus!] = '';
      out.push(base);
      return;
    }
    const podRestarts = states.reduce((sum, s) => sum + s.restarts, 0);
    pod.containers.forEach((container: ContainerModel, i) => {
      const state = states[i]!;
      const row = base.slice();
      const started = state.status === 'waiting' && state.restarts === 0 ? null : podCreated;
      row[C.ContainerCreationTimeStamp!] = podCreated;
      row[C.ContainerStartTime!] = started;
      row[C.ContainerRestartCount!] = state.restarts;
      row[C.PodRestartCount!] = podRestarts;
      row[C.ContainerStatus!] = state.status;
      row[C.ContainerStatusReason!] = state.reason;
      // The agent keeps what follows the runtime scheme, empty before the container exists
      // (microsoft/Docker-Provider@093dc0b source/plugins/ruby/in_kube_podinventory.rb:L587-L592).
      row[C.ContainerID!] = state.status === 'waiting' && state.restarts === 0 ? '' : `${hash32(`${identity.uid}/${container.name}`).toString(16).padStart(8, '0')}${hash32(identity.name).toString(16).padStart(8, '0')}`;
      row[C.ContainerName!] = `${identity.uid}/${container.name}`;
      row[C.ContainerLastStatus!] = state.lastStatus;
      out.push(row);
    });
  };

  forEachSample(ctx, (t, segment, index) => {
    const legacyRestarts = timeline.restartsAt(t, index);
    const perPod = restartTargets ? Math.floor(legacyRestarts / restartTargets) : 0;
    const extra = restartTargets ? legacyRestarts % restartTargets : 0;
    const surge = timeline.surgeState(t, index);
    const nodeName = (host: number): string => (host === SURGE ? model.surgeNodeName : model.nodeNames[host] ?? '');
    for (let p = 0; p < pods.length; p++) {
      const pod = pods[p]!;
      if (!collectsNamespace(segment, pod.namespace)) continue;
      const rank = restartRank[p]!;
      const legacy = rank >= 0 ? perPod + (rank < extra ? 1 : 0) : 0;
      if (pod.controllerKind === 'DaemonSet') {
        emit(t, pod, podIdentity(pod, 0), nodeName(pod.nodeIndex), 'Running', created, pod.containers.map((c) => (c.role === 'init' ? COMPLETED : legacyState(legacy, t))));
        if (surge && pod.nodeIndex === 0) {
          const onSurge = { ...pod, seed: `${pod.seed}/surge/${surge.ordinal}` };
          emit(t, onSurge, podIdentity(onSurge, 1), model.surgeNodeName, 'Running', surge.createdMs, pod.containers.map((c) => (c.role === 'init' ? COMPLETED : RUNNING)));
        }
        continue;
      }
      if (pod.controllerKind === 'Job') {
        emit(t, pod, podIdentity(pod, 0), nodeName(pod.nodeIndex), 'Succeeded', created, pod.containers.map(() => COMPLETED));
        continue;
      }
      const place = n > 0 ? timeline.placement(t, pod.nodeIndex) : { generation: 0, host: 0 };
      if (place.terminating) {
        emit(t, pod, podIdentity(pod, place.terminating.generation), nodeName(place.terminating.host), 'Terminating', created, pod.containers.map((c) => (c.role === 'init' ? COMPLETED : RUNNING)));
      }
      const podCreated = place.createdMs ?? created;
      const failure = failures.failureOf(p, index);
      const identity = podIdentity(pod, place.generation);
      if (failure === 'unschedulable') {
        emit(t, pod, identity, '', 'Pending', podCreated, undefined);
        continue;
      }
      const node = nodeName(place.host);
      if (place.createdMs !== undefined && t - place.createdMs < CONTAINER_CREATING_MS) {
        const hasInit = pod.containers.some((c) => c.role !== 'main');
        emit(t, pod, identity, node, 'Pending', podCreated, pod.containers.map((c) => (c.role === 'main' && hasInit ? INITIALIZING : CREATING)));
        continue;
      }
      emit(t, pod, identity, node, failure === 'imagePull' ? 'Pending' : 'Running', podCreated,
        mainStates(pod, failure, t, Math.max(podCreated, failures.failingSince(p, index)), legacy));
    }
  });
}

function legacyState(restarts: number, t: number): ContainerState {
  return restarts > 0 ? { status: 'running', reason: '', restarts, lastStatus: lastError(t) } : RUNNING;
}

/** Container states of a scheduled pod: init containers completed, sidecars running, the first main container failing. */
function mainStates(pod: PodModel, failure: PodFailure, t: number, failingSince: number, legacyRestarts: number): ContainerState[] {
  let firstMain = true;
  return pod.containers.map((c) => {
    if (c.role === 'init') return COMPLETED;
    if (c.role === 'sidecar') return RUNNING;
    const first = firstMain;
    firstMain = false;
    if (!first) return RUNNING;
    if (failure === 'imagePull') return PULL_BACKOFF;
    if (failure === 'crashLoop') {
      const restarts = crashLoopRestarts(t - failingSince) + legacyRestarts;
      return { status: 'waiting', reason: 'CrashLoopBackOff', restarts, lastStatus: lastError(t) };
    }
    return legacyState(legacyRestarts, t);
  });
}

const labelCache = new WeakMap<PodModel, string>();
/**
 * PodLabel: the agent writes `[metadata.labels]` (microsoft/Docker-Provider@093dc0b
 * source/plugins/ruby/in_kube_podinventory.rb:L506); the column is a string (Azure Monitor table reference).
 */
function podLabel(pod: PodModel): string {
  let label = labelCache.get(pod);
  if (label === undefined) {
    const labels: Record<string, string> = { app: pod.workloadName };
    if (pod.controllerKind === 'ReplicaSet') labels['pod-template-hash'] = pod.controllerName.slice(pod.workloadName.length + 1);
    if (pod.controllerKind === 'Job') labels['job-name'] = pod.workloadName;
    label = JSON.stringify([labels]);
    labelCache.set(pod, label);
  }
  return label;
}
