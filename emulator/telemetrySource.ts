/**
 * What the Log Analytics emulator needs from the simulation engine to generate Container Insights rows.
 * The simulation (ARM side) implements it; the logs side only reads it. Times are virtual epoch milliseconds.
 */
export interface ClusterHealth {
  /** Nodes reporting NotReady (beyond those drained by an upgrade in progress). */
  readonly notReadyNodes: number;
  /** Pods in Failed/Unknown state. */
  readonly failedPods: number;
  /** PVCs not Bound (Pending). */
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
  readonly health: ClusterHealth;
}

export interface TelemetryWorkload {
  readonly namespace: string;
  /** Deployment/StatefulSet/DaemonSet name as Container Insights reports it in ControllerName. */
  readonly controllerName: string;
  readonly controllerKind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet';
  readonly replicas: number;
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
  /** Clusters whose telemetry goes to this Log Analytics workspace id. */
  clustersForWorkspace(workspaceId: string): readonly TelemetryCluster[];
  /** Segments ordered by fromMs; the first starts at or before the earliest time ever asked about. */
  segments(resourceId: string): readonly ClusterSegment[];
}
