/**
 * What the Log Analytics emulator needs from the simulation engine to generate Container Insights rows.
 * The simulation (ARM side) implements it; the logs side only reads it. Times are virtual epoch milliseconds.
 */
/** Container Insights collection presets: Standard = 1 min, Cost-optimized = 5 min without kube-system. */
export type CollectionPreset = 'standard' | 'cost-optimized';

export interface ClusterHealth {
  /** Nodes reporting NotReady (beyond those drained by an upgrade in progress). */
  readonly notReadyNodes: number;
  /**
   * Legacy name of `crashLoopingPods` (added to it). Kubernetes never puts a crashing Deployment pod in phase
   * Failed: it stays Running with a container waiting in CrashLoopBackOff, which is what the emulator writes.
   */
  readonly failedPods: number;
  /** Pods whose main container crash-loops: phase Running, container `waiting`/`CrashLoopBackOff`, restarts grow. */
  readonly crashLoopingPods?: number;
  /** Pods whose image cannot be pulled: phase Pending, container `waiting`/`ImagePullBackOff`. */
  readonly imagePullBackOffPods?: number;
  /** Pods the scheduler cannot place (capacity, affinity, PDB-blocked drain): phase Pending, no node, FailedScheduling events. */
  readonly unschedulablePods?: number;
  /** PersistentVolumes whose claim was deleted: PV phase Released, claimRef still names the old claim. */
  readonly releasedPvs?: number;
  /** Namespace whose pods the pod failure modes hit first (default: the scenario's workloads, then kube-system). */
  readonly failingNamespace?: string;
  /** Container Insights data collection preset (DCR "cost presets"): `standard` (default) or `cost-optimized`. */
  readonly collectionPreset?: CollectionPreset;
  /** PVCs whose volume cannot be provisioned: the claim stays Pending with no PV (so no KubePVInventory row). */
  readonly pendingPvcs: number;
  /** False when the monitoring agent stopped sending data (no rows at all after that point). */
  readonly metricsFlowing: boolean;
  /** Container restarts added per hour across the cluster while this state holds. */
  readonly restarts: number;
}

/** One piecewise-constant segment of a cluster's life, valid from `fromMs` until the next segment's `fromMs`. */
export interface ClusterSegment {
  readonly fromMs: number;
  readonly kubernetesVersion: string;
  readonly nodeImageVersion: string;
  /** True while the cluster is being upgraded (nodes are cordoned/drained one at a time). */
  readonly upgrading: boolean;
  /** While upgrading: a PodDisruptionBudget refuses the eviction of a pod of `namespace` (the drain is stuck). */
  readonly blockedDrain?: BlockedDrain;
  readonly health: ClusterHealth;
}

export interface BlockedDrain {
  readonly namespace: string;
  readonly pdb: string;
  /** When the drain started being refused. */
  readonly sinceMs: number;
}

export interface TelemetryWorkload {
  readonly namespace: string;
  /**
   * Deployment/StatefulSet/DaemonSet/Job name. Container Insights writes the pod's owner in ControllerName, so a
   * Deployment's pods read `<name>-<pod-template-hash>` (their ReplicaSet).
   */
  readonly controllerName: string;
  readonly controllerKind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  readonly replicas: number;
  /** Init containers that run to completion before the main containers (e.g. istio-init). */
  readonly initContainers?: readonly string[];
  /** Native sidecars: init containers with restartPolicy Always, running beside the main containers. */
  readonly sidecars?: readonly string[];
  /** Main containers (default: one named after the workload). */
  readonly containers?: readonly string[];
}

export interface TelemetryCluster {
  /** Managed cluster ARM id, as written by Container Insights in ClusterId. */
  readonly resourceId: string;
  readonly name: string;
  readonly location: string;
  readonly nodeCount: number;
  readonly workloads: readonly TelemetryWorkload[];
  /** Number of PVCs the cluster has (all Bound unless health says otherwise). */
  readonly pvcCount: number;
}

export interface TelemetrySource {
  /** The virtual clock's current time. Rows are never generated after it. */
  nowMs(): number;
  /** False for a workspace id that does not exist (the query API answers 404 PathNotFoundError). */
  workspaceExists?(workspaceId: string): boolean;
  /** Clusters whose telemetry goes to this Log Analytics workspace id. */
  clustersForWorkspace(workspaceId: string): readonly TelemetryCluster[];
  /** Segments ordered by fromMs; the first starts at or before the earliest time ever asked about. */
  segments(resourceId: string): readonly ClusterSegment[];
}
