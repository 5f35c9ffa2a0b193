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

export interface PodModel {
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
  readonly controllerName: string;
  readonly controllerKind: TelemetryWorkload['controllerKind'];
  /** DaemonSet pods are pinned to this node; other pods start here and move when it is drained. */
  readonly nodeIndex: number;
  readonly system: boolean;
  readonly ip: string;
}

export interface PvcModel {
  readonly pvName: string;
  readonly pvcName: string;
  readonly namespace: string;
  readonly capacityBytes: number;
}

export interface ClusterModel {
  readonly cluster: TelemetryCluster;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly resourceIdLower: string;
  readonly nodeNames: readonly string[];
  readonly nodeProviderIds: readonly string[];
  readonly pods: readonly PodModel[];
  readonly pvcs: readonly PvcModel[];
}

/** Pods every AKS cluster with Container Insights runs, besides the scenario's workloads. */
const SYSTEM_WORKLOADS: readonly TelemetryWorkload[] = [
  { namespace: 'kube-system', controllerName: 'coredns', controllerKind: 'ReplicaSet', replicas: 2 },
  { namespace: 'kube-system', controllerName: 'metrics-server', controllerKind: 'ReplicaSet', replicas: 2 },
  { namespace: 'kube-system', controllerName: 'kube-proxy', controllerKind: 'DaemonSet', replicas: 0 },
  { namespace: 'kube-system', controllerName: 'ama-logs', controllerKind: 'DaemonSet', replicas: 0 },
];

/** The static shape of a cluster: node names, pods, PVCs — derived deterministically from its resource id. */
export function buildClusterModel(cluster: TelemetryCluster): ClusterModel {
  const parts = cluster.resourceId.split('/');
  const at = (key: string): string => parts[parts.findIndex((p) => p.toLowerCase() === key) + 1] ?? '';
  const subscriptionId = at('subscriptions');
  const resourceGroup = at('resourcegroups');
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
    for (let i = 0; i < count; i++) {
      const seed = `${cluster.resourceId}/${w.namespace}/${w.controllerName}/${i}`;
      const name = w.controllerKind === 'StatefulSet' ? `${w.controllerName}-${i}` : w.controllerKind === 'DaemonSet' ? `${w.controllerName}-${suffix(seed, 5)}` : `${w.controllerName}-${rsHash}-${suffix(seed, 5)}`;
      const n = pods.length;
      pods.push({
        name, uid: hashGuid(seed), namespace: w.namespace,
        // The contract gives ControllerName exactly as Container Insights reports it.
        controllerName: w.controllerName,
        controllerKind: w.controllerKind,
        nodeIndex: w.controllerKind === 'DaemonSet' ? i : nodeCount === 0 ? 0 : n % nodeCount,
        system, ip: `10.244.${Math.floor(n / 250) % 256}.${(n % 250) + 2}`,
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
  return { cluster, subscriptionId, resourceGroup, resourceIdLower: cluster.resourceId.toLowerCase(), nodeNames, nodeProviderIds, pods, pvcs };
}
