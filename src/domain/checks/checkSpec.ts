/**
 * The check library's specifications: seven built-in Container Insights checks and custom KQL checks.
 * A spec is pinned into a gate's state when the gate is observed, so it must stay plain JSON.
 */

/** How a cluster's value is compared with the threshold: the cluster passes when `value <op> threshold`. */
export type Comparator = '<' | '<=' | '==' | '!=' | '>=' | '>';

export const COMPARATORS = ['<', '<=', '==', '!=', '>=', '>'] as const satisfies readonly Comparator[];

/**
 * What a cluster without a result row counts as. `inconclusive` is the default: missing data never passes
 * silently. `fail` treats silence as unhealthy. `pass` must be written explicitly in config; every cluster it
 * lets through is recorded with reason `NoDataTreatedAsPass` in the evidence.
 */
export type NoDataPolicy = 'inconclusive' | 'fail' | 'pass';

export const NO_DATA_POLICIES = ['inconclusive', 'fail', 'pass'] as const satisfies readonly NoDataPolicy[];

export type CheckType =
  | 'nodes-ready'
  | 'pods-healthy'
  | 'pods-pending'
  | 'critical-workloads'
  | 'metrics-flowing'
  | 'pvc-bound'
  | 'restarts'
  | 'custom';

export const CHECK_TYPES = [
  'nodes-ready',
  'pods-healthy',
  'pods-pending',
  'critical-workloads',
  'metrics-flowing',
  'pvc-bound',
  'restarts',
  'custom',
] as const satisfies readonly CheckType[];

/** Fields every check has. */
interface CheckBase {
  /** Unique within its gate policy; defaults to the type for built-ins. */
  readonly name: string;
  /** Recorded but never fails the gate. Overrides the policy's `analysis.dryRun` when set. */
  readonly dryRun?: boolean;
  /** Overrides the policy's `analysis.noDataPolicy` when set. */
  readonly noDataPolicy?: NoDataPolicy;
  /**
   * The query window is `[now - lookbackMinutes, now]`, never starting before the gated clusters finished upgrading.
   * The default follows the policy's collection interval and ingestion delay (see collection.ts).
   */
  readonly lookbackMinutes: number;
}

/**
 * The newest KubeNodeInventory snapshot per cluster; value = nodes whose Status (the comma list of true conditions)
 * lacks `Ready`; passes when `value <= threshold` (default 0).
 */
export interface NodesReadyCheck extends CheckBase {
  readonly type: 'nodes-ready';
  readonly threshold: number;
}

/**
 * The newest KubePodInventory snapshot per cluster; value = pods that are failing: phase Failed/Unknown, or a
 * container waiting in a failure reason (CrashLoopBackOff, ImagePullBackOff, ...), or a container terminated with an
 * error in a Running pod. Completed init containers, Succeeded (Job) and Terminating pods are not failures.
 * Passes when `value <= threshold` (default 0).
 */
export interface PodsHealthyCheck extends CheckBase {
  readonly type: 'pods-healthy';
  readonly threshold: number;
  /** Only count pods in these namespaces (all when absent). */
  readonly namespaces?: readonly string[];
  /** Never count pods in these namespaces. */
  readonly excludeNamespaces?: readonly string[];
}

/**
 * The newest KubePodInventory snapshot per cluster; value = pods still Pending (unschedulable, image not pulled,
 * volume not provisioned) that were created at least `pendingMinutes` before the measurement; passes when
 * `value <= threshold` (default 0).
 */
export interface PodsPendingCheck extends CheckBase {
  readonly type: 'pods-pending';
  readonly threshold: number;
  /** How long a pod may be Pending before it counts (replacement pods take seconds). @default 3 */
  readonly pendingMinutes: number;
  readonly namespaces?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
}

/** A workload that must be running and ready: a whole namespace, or one controller in it. */
export interface CriticalWorkload {
  readonly namespace: string;
  /**
   * Controller name as written in ControllerName. A Deployment name also matches its ReplicaSets
   * (`<name>-<pod-template-hash>`).
   */
  readonly controller?: string;
}

/** Value = listed workloads that are running and ready; passes when `value >= workloads.length`. */
export interface CriticalWorkloadsCheck extends CheckBase {
  readonly type: 'critical-workloads';
  readonly workloads: readonly CriticalWorkload[];
}

/**
 * Value = Container Insights rows received in the window; passes when `value >= threshold` (default 1).
 * A cluster with no row counts as 0 (silence is exactly what this check detects), so noDataPolicy does not apply.
 */
export interface MetricsFlowingCheck extends CheckBase {
  readonly type: 'metrics-flowing';
  readonly threshold: number;
  /**
   * The shortest window in which silence means the agent stopped (one collection interval plus the ingestion
   * delay, set from the policy's collection settings). Over a shorter window — cut at the end of the upgrade — a
   * cluster without rows is "no data", not 0. Defaults to lookbackMinutes.
   */
  readonly expectSampleWithinMinutes?: number;
  readonly tables: readonly ContainerInsightsTable[];
}

/**
 * Claims that cannot get a volume: KubePVInventory lists PersistentVolumes only, so a claim stuck Pending has no row
 * there; it shows as Warning events (ProvisioningFailed, FailedBinding) on the claim. Value = claims with such an
 * event in the window and no Bound volume now, plus volumes in phase Failed. Released volumes (their claim was
 * deleted) are not failures. Passes when `value <= threshold`.
 */
export interface PvcBoundCheck extends CheckBase {
  readonly type: 'pvc-bound';
  readonly threshold: number;
  readonly namespaces?: readonly string[];
}

/** Value = growth of ContainerRestartCount summed over containers in the window; passes when `value <= threshold`. */
export interface RestartsCheck extends CheckBase {
  readonly type: 'restarts';
  readonly threshold: number;
  readonly namespaces?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
}

/**
 * A custom KQL check. Contract: Conductor prepends `let clusters = dynamic([...]); let windowStart = datetime(..);
 * let windowEnd = datetime(..); let scanStart = datetime(..);`; the query must filter on `clusters` and return at
 * most one row per cluster with a cluster-id column and a numeric value column. A cluster passes when
 * `value <comparator> threshold`. `scanStart` is EVENT_SCAN_LOOKBACK_HOURS (24 h) before windowStart and is the start
 * of the Log Analytics timespan: KubeEvents rows carry the event object's creation time as TimeGenerated, so a query
 * reading events should filter `TimeGenerated between (scanStart .. windowEnd)` and select by
 * `LastSeen between (windowStart .. windowEnd)`; other tables filter on windowStart/windowEnd as before.
 */
export interface CustomCheck extends CheckBase {
  readonly type: 'custom';
  readonly query: string;
  readonly clusterIdColumn: string;
  readonly valueColumn: string;
  readonly comparator: Comparator;
  readonly threshold: number;
}

export type CheckSpec =
  | NodesReadyCheck
  | PodsHealthyCheck
  | PodsPendingCheck
  | CriticalWorkloadsCheck
  | MetricsFlowingCheck
  | PvcBoundCheck
  | RestartsCheck
  | CustomCheck;

/** Container Insights tables that carry a ClusterId column, usable by `metrics-flowing`. */
export type ContainerInsightsTable = 'KubeNodeInventory' | 'KubePodInventory' | 'KubePVInventory' | 'KubeEvents' | 'KubeServices';

export const CONTAINER_INSIGHTS_TABLES = [
  'KubeNodeInventory',
  'KubePodInventory',
  'KubePVInventory',
  'KubeEvents',
  'KubeServices',
] as const satisfies readonly ContainerInsightsTable[];

/** Returns true when `value <comparator> threshold`. */
export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    default: {
      const unreachable: never = comparator;
      return unreachable;
    }
  }
}
