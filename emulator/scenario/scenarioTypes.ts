import type { ClusterHealth, TelemetryWorkload } from '../telemetrySource';
import type { LogsServiceOptions } from '../logs/createLogsService';

/** A scenario file (YAML or JSON) after validation. See emulator/README.md for the schema with examples. */
export interface Scenario {
  name: string;
  subscriptionId: string;
  tenantId: string;
  /** Virtual clock origin (ISO). */
  startTime: string;
  speed: number;
  /** `sync`: 200/201 with final bodies; `async`: Azure-AsyncOperation / Location polling. */
  lro: 'sync' | 'async';
  /** Page size of ARM list operations (`$top` overrides per request). */
  pageSize: number;
  /** Api-versions already retired (answered 400 NoRegisteredProviderFound like unknown ones). */
  retiredApiVersions: string[];
  /** Default Log Analytics workspace id (GUID) for clusters that name none. */
  workspaceId?: string;
  logs?: LogsServiceOptions;
  regions: Record<string, ScenarioRegion>;
  releases: ScenarioRelease[];
  nodeImages: ScenarioNodeImage[];
  defaults: { upgradeMinutes: number; nodeCount: number; kubernetesVersion: string; nodeImageVersion: string };
  fleets: ScenarioFleet[];
  /** Clusters that are not fleet members (still listed by AKS). */
  clusters: ScenarioCluster[];
  healthRules: ScenarioHealthRule[];
  eventGrid: ScenarioEventGrid;
}

export interface ScenarioRegion {
  kubernetesVersions: string[];
  previewVersions?: string[];
  ltsMinors?: string[];
  nodeImage: string;
}

export interface ScenarioRelease {
  version: string;
  /** Region → seconds after scenario start. */
  regions: Record<string, number>;
  isPreview?: boolean;
  supportPlan?: string[];
}

export interface ScenarioNodeImage {
  version: string;
  regions: Record<string, number>;
}

export interface ScenarioCluster {
  name: string;
  resourceGroup: string;
  location: string;
  kubernetesVersion: string;
  nodeImageVersion: string;
  nodeCount: number;
  agentPools?: { name: string; count: number; vmSize?: string; osType?: 'Linux' | 'Windows'; mode?: 'System' | 'User' }[];
  autoUpgradeChannel?: string;
  nodeOSUpgradeChannel?: string;
  maintenanceWindow?: { startHourUtc: number; durationHours: number };
  upgradeMinutes?: number;
  failUpgrade?: boolean | { toVersion?: string; code?: string; message?: string };
  /** A PodDisruptionBudget that allows no disruption: every upgrade's drain is blocked until the drain timeout. */
  blockingPdb?: BlockingPdb;
  workspaceId?: string;
  workloads?: TelemetryWorkload[];
  pvcCount?: number;
  health?: Partial<ClusterHealth>;
  tags?: Record<string, string>;
}

export interface ScenarioMember {
  name: string;
  group?: string;
  labels?: Record<string, string>;
  cluster: ScenarioCluster;
}

/** Generates `count` members round-robin over groups and regions (for the scale scenario). */
export interface ScenarioMemberSet {
  count: number;
  namePrefix: string;
  groups: string[];
  regions: string[];
  resourceGroup: string;
  kubernetesVersion?: string;
  nodeImageVersion?: string;
  nodeCount?: number;
  upgradeMinutes?: number;
}

export interface ScenarioFleet {
  name: string;
  resourceGroup: string;
  location: string;
  workspaceId?: string;
  members: ScenarioMember[];
  memberSets: ScenarioMemberSet[];
  updateStrategies: { name: string; strategy: unknown }[];
  autoUpgradeProfiles: { name: string; properties: Record<string, unknown> }[];
}

export interface ScenarioHealthRule {
  cluster: string;
  /** Fire when the cluster finishes an upgrade to this Kubernetes version … */
  afterUpgradeTo?: string;
  /** … or at this many seconds after scenario start. */
  atSeconds?: number;
  delaySeconds: number;
  set: Partial<ClusterHealth>;
}

export interface ScenarioEventGrid {
  subscriptions: { name: string; endpoint: string; eventTypes?: string[] }[];
  retryDelaysMs: number[];
  maxAttempts: number;
  duplicate: boolean;
  outOfOrder: boolean;
}

/** A PDB whose ALLOWED DISRUPTIONS is 0, blocking the eviction of a pod in `namespace` during node drains. */
export interface BlockingPdb {
  namespace: string;
  name: string;
  /** AKS `upgradeSettings.drainTimeoutInMinutes` (default 30, 5 to 1440): the upgrade fails when it passes. */
  drainTimeoutMinutes: number;
}
