import type { BlockedDrain, ClusterHealth, ClusterSegment, TelemetryWorkload } from '../telemetrySource';
import type { BlockingPdb } from '../scenario/scenarioTypes';

/** The simulated Azure: plain mutable records owned by the Simulation; handlers render them as ARM JSON. */

export type UpdateState = 'NotStarted' | 'Running' | 'Stopping' | 'Stopped' | 'Skipped' | 'Failed' | 'Pending' | 'Completed';

export interface ErrorDetail {
  code: string;
  message: string;
}

export interface UpdateStatus {
  state: UpdateState;
  startTime?: string;
  completedTime?: string;
  error?: ErrorDetail;
}

export interface SystemData {
  createdBy: string;
  createdByType: string;
  createdAt: string;
  lastModifiedBy: string;
  lastModifiedByType: string;
  lastModifiedAt: string;
}

export interface AgentPool {
  name: string;
  count: number;
  vmSize: string;
  osType: 'Linux' | 'Windows';
  mode: 'System' | 'User';
  /** Full image name, e.g. AKSUbuntu-2204gen2containerd-202611.01.0 */
  nodeImageVersion: string;
}

export interface MaintenanceWindow {
  /** Daily window in UTC, AKS `aksManagedAutoUpgradeSchedule` style. */
  startHourUtc: number;
  durationHours: number;
}

export interface UpgradeFailure {
  /** Fail only upgrades to this version; absent = every upgrade of the cluster fails. */
  toVersion?: string;
  code: string;
  message: string;
}

export interface InFlightUpgrade {
  runKey: string;
  memberName: string;
  startedMs: number;
  endsAtMs: number;
  targetKubernetesVersion?: string;
  targetNodeImage?: string;
  failure?: UpgradeFailure;
  /** Set when a PodDisruptionBudget blocks this upgrade's drain (it then fails at the drain timeout). */
  blockedDrain?: BlockedDrain;
}


export interface ClusterState {
  resourceId: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion: string;
  agentPools: AgentPool[];
  autoUpgradeChannel: string;
  nodeOSUpgradeChannel: string;
  maintenanceWindow?: MaintenanceWindow;
  upgradeMinutes: number;
  failure?: UpgradeFailure;
  blockingPdb?: BlockingPdb;
  health: ClusterHealth;
  upgrading?: InFlightUpgrade;
  workspaceId?: string;
  workloads: TelemetryWorkload[];
  pvcCount: number;
  tags: Record<string, string>;
  etag: string;
  segments: ClusterSegment[];
  /** Support events already sent, so each is emitted once per minor. */
  supportNotices: Set<string>;
}

export interface GateConfig {
  displayName?: string;
  type: string;
}

export interface GroupDef {
  name: string;
  maxConcurrency?: string;
  beforeGates?: GateConfig[];
  afterGates?: GateConfig[];
}

export interface StageDef {
  name: string;
  groups: GroupDef[];
  afterStageWaitInSeconds?: number;
  maxConcurrency?: string;
  beforeGates?: GateConfig[];
  afterGates?: GateConfig[];
}

export interface StrategyDef {
  stages: StageDef[];
}

export interface ManagedClusterUpdate {
  upgrade: { type: 'Full' | 'ControlPlaneOnly' | 'NodeImageOnly'; kubernetesVersion?: string };
  nodeImageSelection?: { type: 'Latest' | 'Consistent' | 'Custom'; customNodeImageVersions?: { version: string }[] };
}

export interface GateRt {
  displayName?: string;
  type: string;
  gateName?: string;
  status: UpdateStatus;
}

export interface MemberRt {
  name: string;
  clusterResourceId: string;
  status: UpdateStatus;
  message?: string;
  operationId?: string;
  /** Why the member is Pending, so the engine knows when to retry. */
  pendingReason?: 'version' | 'nodeImage' | 'window';
}

export interface GroupRt {
  name: string;
  maxConcurrency?: string;
  status: UpdateStatus;
  beforeGates: GateRt[];
  afterGates: GateRt[];
  members: MemberRt[];
}

export interface StageRt {
  name: string;
  maxConcurrency?: string;
  status: UpdateStatus;
  beforeGates: GateRt[];
  afterGates: GateRt[];
  afterStageWaitInSeconds?: number;
  wait?: { status: UpdateStatus; endsAtMs?: number };
  groups: GroupRt[];
}

export interface RunState {
  key: string;
  fleetKey: string;
  name: string;
  etag: string;
  systemData: SystemData;
  strategy?: StrategyDef;
  updateStrategyId?: string;
  autoUpgradeProfileId?: string;
  managedClusterUpdate: ManagedClusterUpdate;
  status: UpdateStatus;
  stages: StageRt[];
  /** Consistent node-image selection, fixed at start: the version, and its full name per image family. */
  consistentNodeImage?: string;
  selectedNodeImageVersions?: string[];
  /** Set while the run shows `Stopping` because a member failed and others are still upgrading (then `Failed`). */
  failing?: boolean;
}

export interface MemberResource {
  name: string;
  clusterResourceId: string;
  group?: string;
  labels?: Record<string, string>;
  etag: string;
  systemData: SystemData;
}

export interface StrategyResource {
  name: string;
  strategy: StrategyDef;
  etag: string;
  systemData: SystemData;
}

export interface AutoUpgradeProfileResource {
  name: string;
  properties: {
    channel: string;
    updateStrategyId?: string;
    nodeImageSelection?: { type: string };
    disabled?: boolean;
    targetKubernetesVersion?: string;
    longTermSupport?: boolean;
  };
  lastTrigger?: { at: string; status: 'Succeeded' | 'Failed'; versions: string[]; error?: ErrorDetail };
  etag: string;
  systemData: SystemData;
}

export interface GateTarget {
  runName: string;
  stage: string;
  group?: string;
  timing: 'Before' | 'After';
}

export interface GateResource {
  name: string;
  displayName?: string;
  gateType: string;
  state: 'Pending' | 'Skipped' | 'Completed';
  target: GateTarget;
  etag: string;
  systemData: SystemData;
}

export interface FleetState {
  key: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  etag: string;
  systemData: SystemData;
  workspaceId?: string;
  members: Map<string, MemberResource>;
  strategies: Map<string, StrategyResource>;
  runs: Map<string, RunState>;
  profiles: Map<string, AutoUpgradeProfileResource>;
  gates: Map<string, GateResource>;
}

export interface VersionInfo {
  isPreview: boolean;
  supportPlan: string[];
}

/** What each region offers: Kubernetes patch versions and the latest node image version per image family. */
export interface RegionCatalog {
  kubernetes: Map<string, VersionInfo>;
  /** Latest node image version suffix (e.g. 202611.14.0) released to the region. */
  nodeImage?: string;
}
