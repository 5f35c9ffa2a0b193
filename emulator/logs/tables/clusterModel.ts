import type { TelemetryCluster, TelemetryWorkload } from '../../telemetrySource';

/** FNV-1a: deterministic ids and names from a cluster's resource id. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function hashGuid(text: string): string {
  const hex = [0, 1, 2, 3].map((i) => hash32(`${i}:${text}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ALPHANUM = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(seed: string, length: number): string {
  let h = hash32(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHANUM[h % ALPHANUM.length];
    h = Math.floor(h / ALPHANUM.length) || hash32(seed + out);
  }
  return out;
}

/**
 * One container of a pod as the agent lists it: main containers, then init containers (sidecars are init containers):
 * `containerStatuses` + `initContainerStatuses` (microsoft/Docker-Provider@093dc0b
 * source/plugins/ruby/in_kube_podinventory.rb:L571-L578). `sidecar` is Kubernetes' native sidecar, not an agent rule.
 */
export interface ContainerModel {
  readonly name: string;
  /** `init` runs to completion (terminated/Completed); `sidecar` is an init container with restartPolicy Always. */
  readonly role: 'main' | 'init' | 'sidecar';
}

/**
 * A pod slot: one replica of a workload. The pod filling it is replaced (new name and UID) each time it is evicted;
 * `seed` + the eviction count give the replacement's identity.
 */
export interface PodModel {
  readonly seed: string;
  /** Name of the first pod; replacements of Deployment/DaemonSet pods get a new random suffix (StatefulSets keep it). */
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
  /**
   * The pod's owner as the agent writes ControllerName, `ownerReferences[0].name` (microsoft/Docker-Provider@093dc0b
   * source/plugins/ruby/in_kube_podinventory.rb:L546-L548): the ReplicaSet (`<deployment>-<hash>`, Kubernetes'
   * naming), StatefulSet, DaemonSet or Job.
   */
  readonly controllerName: string;
  readonly controllerKind: TelemetryWorkload['controllerKind'];
  /** The workload's own name (Deployment name for ReplicaSet pods), used for the `app` label. */
  readonly workloadName: string;
  /** DaemonSet pods are pinned to this node; other pods start here and are replaced elsewhere when it is drained. */
  readonly nodeIndex: number;
  readonly system: boolean;
  readonly ip: string;
  readonly containers: readonly ContainerModel[];
}

export interface PvcModel {
  readonly pvName: string;
  readonly pvcName: string;
  readonly namespace: string;
  readonly capacityBytes: number;
}

export interface ClusterModel {
  readonly cluster: TelemetryCluster;
  /** ClusterId as the agent writes it (KubernetesApiClient.getClusterId, AKS_RESOURCE_ID: `resourcegroups` in lower case). */
  readonly clusterId: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly resourceIdLower: string;
  readonly vmssName: string;
  readonly nodeNames: readonly string[];
  /** The buffer node an upgrade adds (max surge 1) and deletes at its end. */
  readonly surgeNodeName: string;
  readonly nodeProviderIds: readonly string[];
  readonly pods: readonly PodModel[];
  readonly pvcs: readonly PvcModel[];
}

/** Pods every AKS cluster with Container Insights runs, besides the scenario's workloads. */
const SYSTEM_WORKLOADS: readonly TelemetryWorkload[] = [
  { namespace: 'kube-system', controllerName: 'coredns', controllerKind: 'ReplicaSet', replicas: 2 },
  { namespace: 'kube-system', controllerName: 'metrics-server', controllerKind: 'ReplicaSet', replicas: 2, containers: ['metrics-server', 'metrics-server-vpa'] },
  { namespace: 'kube-system', controllerName: 'kube-proxy', controllerKind: 'DaemonSet', replicas: 0, initContainers: ['kube-proxy-bootstrap'] },
  { namespace: 'kube-system', controllerName: 'ama-logs', controllerKind: 'DaemonSet', replicas: 0, containers: ['ama-logs', 'ama-logs-prometheus'] },
];

/** Random-looking pod-name suffix for the nth pod a slot has had. */
export function podSuffix(seed: string, generation: number): string {
  return suffix(generation === 0 ? seed : `${seed}#${generation}`, 5);
}

/** The name and UID of the pod filling a slot after `generation` evictions. */
export function podIdentity(pod: PodModel, generation: number): { name: string; uid: string } {
  if (generation === 0) return { name: pod.name, uid: pod.uid };
  // A pure function of (pod, generation), asked for at every sample: hashed once per pod and generation.
  let known = identities.get(pod);
  if (!known) {
    known = new Map<number, PodIdentity>();
    identities.set(pod, known);
  }
  let identity = known.get(generation);
  if (!identity) {
    const uid = hashGuid(`${pod.seed}#${generation}`);
    identity = pod.controllerKind === 'StatefulSet' ? { name: pod.name, uid } : { name: `${pod.controllerName}-${podSuffix(pod.seed, generation)}`, uid };
    known.set(generation, identity);
  }
  return identity;
}
type PodIdentity = { readonly name: string; readonly uid: string };
const identities = new WeakMap<PodModel, Map<number, PodIdentity>>();

/** The static shape of a cluster: node names, pod slots, PVCs — derived deterministically from its resource id. */
export function buildClusterModel(cluster: TelemetryCluster): ClusterModel {
  const parts = cluster.resourceId.split('/');
  const at = (key: string): string => parts[parts.findIndex((p) => p.toLowerCase() === key) + 1] ?? '';
  const subscriptionId = at('subscriptions');
  const resourceGroup = at('resourcegroups');
  // The agent writes AKS_RESOURCE_ID as AKS hands it to the addon, with `resourcegroups` in lower case
  // (docs/azure-apis.md §8); queries must compare ids case-insensitively. The records take ClusterId from
  // KubernetesApiClient.getClusterId (e.g. microsoft/Docker-Provider@093dc0b in_kube_podinventory.rb:L542); its line
  // in KubernetesApiClient.rb is not cited here, and no agent line lower-cases the id: it passes AKS_RESOURCE_ID on.
  const clusterId = cluster.resourceId.replace(/\/resourceGroups\//i, '/resourcegroups/');
  const digits = String(hash32(cluster.resourceId.toLowerCase()) % 100_000_000).padStart(8, '0');
  const vmss = `aks-nodepool1-${digits}-vmss`;
  const nodeCount = Math.max(0, cluster.nodeCount);
  const nodeNames = Array.from({ length: nodeCount }, (_, i) => `${vmss}${i.toString(36).padStart(6, '0')}`);
  const mcGroup = `MC_${resourceGroup}_${cluster.name}_${cluster.location}`;
  const nodeProviderIds = nodeNames.map(
    (_, i) => `azure:///subscriptions/${subscriptionId}/resourceGroups/${mcGroup.toLowerCase()}/providers/Microsoft.Compute/virtualMachineScaleSets/${vmss}/virtualMachines/${i}`,
  );
  const pods: PodModel[] = [];
  const seen = new Set(cluster.workloads.map((w) => `${w.namespace}/${w.controllerName}`));
  const workloads = [...SYSTEM_WORKLOADS.filter((w) => !seen.has(`${w.namespace}/${w.controllerName}`)).map((w) => ({ w, system: true })), ...cluster.workloads.map((w) => ({ w, system: false }))];
  for (const { w, system } of workloads) {
    const count = w.controllerKind === 'DaemonSet' ? nodeCount : w.replicas;
    const rsHash = suffix(`${cluster.resourceId}/${w.namespace}/${w.controllerName}`, 10);
    const owner = w.controllerKind === 'ReplicaSet' ? `${w.controllerName}-${rsHash}` : w.controllerName;
    const containers: ContainerModel[] = [
      ...(w.containers && w.containers.length > 0 ? w.containers : [w.controllerName]).map((name) => ({ name, role: 'main' as const })),
      ...(w.initContainers ?? []).map((name) => ({ name, role: 'init' as const })),
      ...(w.sidecars ?? []).map((name) => ({ name, role: 'sidecar' as const })),
    ];
    for (let i = 0; i < count; i++) {
      const seed = `${cluster.resourceId}/${w.namespace}/${w.controllerName}/${i}`;
      const name = w.controllerKind === 'StatefulSet' ? `${w.controllerName}-${i}` : `${owner}-${podSuffix(seed, 0)}`;
      const n = pods.length;
      pods.push({
        seed, name, uid: hashGuid(seed), namespace: w.namespace,
        controllerName: owner,
        controllerKind: w.controllerKind,
        workloadName: w.controllerName,
        nodeIndex: w.controllerKind === 'DaemonSet' ? i : nodeCount === 0 ? 0 : n % nodeCount,
        system, ip: `10.244.${Math.floor(n / 250) % 256}.${(n % 250) + 2}`,
        containers,
      });
    }
  }
  const stateful = cluster.workloads.find((w) => w.controllerKind === 'StatefulSet');
  const pvcs: PvcModel[] = Array.from({ length: Math.max(0, cluster.pvcCount) }, (_, i) => ({
    pvName: `pvc-${hashGuid(`${cluster.resourceId}/pvc/${i}`)}`,
    pvcName: stateful ? `data-${stateful.controllerName}-${i}` : `data-volume-${i}`,
    namespace: stateful?.namespace ?? 'default',
    capacityBytes: 8 * 1024 ** 3,
  }));
  return {
    cluster, clusterId, subscriptionId, resourceGroup, resourceIdLower: cluster.resourceId.toLowerCase(), vmssName: vmss, nodeNames,
    surgeNodeName: `${vmss}${nodeCount.toString(36).padStart(6, '0')}`, nodeProviderIds, pods, pvcs,
  };
}
