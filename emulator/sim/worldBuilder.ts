import { newEtag } from '../arm/etag';
import type { ClusterHealth } from '../telemetrySource';
import type { Scenario, ScenarioCluster, ScenarioMember } from '../scenario/scenarioTypes';
import { normalizeStrategy } from './strategyNormalizer';
import type { AgentPool, AutoUpgradeProfileResource, ClusterState, FleetState, RegionCatalog, SystemData } from './worldTypes';

export const HEALTHY: ClusterHealth = { notReadyNodes: 0, failedPods: 0, pendingPvcs: 0, metricsFlowing: true, restarts: 0 };

export function systemData(atIso: string, by = 'scenario@fleet-conductor.local', byType = 'User'): SystemData {
  return { createdBy: by, createdByType: byType, createdAt: atIso, lastModifiedBy: by, lastModifiedByType: byType, lastModifiedAt: atIso };
}

export const clusterKey = (resourceId: string): string => resourceId.toLowerCase();
export const fleetKey = (sub: string, rg: string, name: string): string => `${sub}/${rg}/${name}`.toLowerCase();

export function buildCluster(scenario: Scenario, c: ScenarioCluster, startMs: number, workspaceId?: string): ClusterState {
  const resourceId = `/subscriptions/${scenario.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
  const pools: AgentPool[] = (c.agentPools && c.agentPools.length > 0 ? c.agentPools : [{ name: 'nodepool1', count: c.nodeCount }]).map((p, i) => ({
    name: p.name,
    count: p.count,
    vmSize: ('vmSize' in p && p.vmSize) || 'Standard_D4s_v5',
    osType: ('osType' in p && p.osType) || 'Linux',
    mode: ('mode' in p && p.mode) || (i === 0 ? 'System' : 'User'),
    nodeImageVersion: c.nodeImageVersion,
  }));
  const health = { ...HEALTHY, ...c.health };
  const failure = c.failUpgrade === true ? {} : c.failUpgrade === false || c.failUpgrade === undefined ? undefined : c.failUpgrade;
  const ws = c.workspaceId ?? workspaceId ?? scenario.workspaceId;
  return {
    resourceId,
    subscriptionId: scenario.subscriptionId,
    resourceGroup: c.resourceGroup,
    name: c.name,
    location: c.location,
    kubernetesVersion: c.kubernetesVersion,
    agentPools: pools,
    autoUpgradeChannel: c.autoUpgradeChannel ?? 'none',
    nodeOSUpgradeChannel: c.nodeOSUpgradeChannel ?? 'None',
    ...(c.maintenanceWindow ? { maintenanceWindow: c.maintenanceWindow } : {}),
    upgradeMinutes: c.upgradeMinutes ?? scenario.defaults.upgradeMinutes,
    ...(failure
      ? {
          failure: {
            ...(failure.toVersion ? { toVersion: failure.toVersion } : {}),
            code: failure.code ?? 'UpgradeFailed',
            message: failure.message ?? `Upgrade of managed cluster ${c.name} failed: node drain timed out (PodDisruptionBudget blocked eviction).`,
          },
        }
      : {}),
    ...(c.blockingPdb ? { blockingPdb: c.blockingPdb } : {}),
    health,
    ...(ws ? { workspaceId: ws } : {}),
    workloads: c.workloads ?? [],
    pvcCount: c.pvcCount ?? 0,
    tags: c.tags ?? {},
    etag: newEtag(),
    segments: [{ fromMs: startMs, kubernetesVersion: c.kubernetesVersion, nodeImageVersion: c.nodeImageVersion, upgrading: false, health }],
    supportNotices: new Set(),
  };
}

function expandMembers(scenario: Scenario, fleetIndex: number): ScenarioMember[] {
  const f = scenario.fleets[fleetIndex];
  if (!f) return [];
  const out = [...f.members];
  for (const set of f.memberSets) {
    const width = String(set.count).length;
    for (let i = 0; i < set.count; i++) {
      const n = String(i + 1).padStart(width, '0');
      const region = set.regions[i % set.regions.length] ?? 'eastus';
      out.push({
        name: `${set.namePrefix}${n}`,
        group: set.groups[i % set.groups.length] ?? 'default',
        cluster: {
          name: `aks-${set.namePrefix}${n}`,
          resourceGroup: set.resourceGroup,
          location: region,
          kubernetesVersion: set.kubernetesVersion ?? scenario.defaults.kubernetesVersion,
          nodeImageVersion: set.nodeImageVersion ?? scenario.defaults.nodeImageVersion,
          nodeCount: set.nodeCount ?? scenario.defaults.nodeCount,
          upgradeMinutes: set.upgradeMinutes ?? scenario.defaults.upgradeMinutes,
        },
      });
    }
  }
  return out;
}

export interface World {
  fleets: Map<string, FleetState>;
  clusters: Map<string, ClusterState>;
  regions: Map<string, RegionCatalog>;
}

/** Turns a validated scenario into the initial simulated world. */
export function buildWorld(scenario: Scenario, startMs: number): World {
  const at = new Date(startMs).toISOString();
  const regions = new Map<string, RegionCatalog>();
  for (const [name, r] of Object.entries(scenario.regions)) {
    const kubernetes = new Map<string, { isPreview: boolean; supportPlan: string[] }>();
    for (const v of r.kubernetesVersions) kubernetes.set(v, { isPreview: false, supportPlan: ['KubernetesOfficial'] });
    for (const v of r.previewVersions ?? []) kubernetes.set(v, { isPreview: true, supportPlan: ['KubernetesOfficial'] });
    for (const [v, info] of kubernetes)
      if ((r.ltsMinors ?? []).some((m) => v.startsWith(`${m}.`))) info.supportPlan = ['KubernetesOfficial', 'AKSLongTermSupport'];
    regions.set(name, { kubernetes, nodeImage: r.nodeImage });
  }
  const clusters = new Map<string, ClusterState>();
  const fleets = new Map<string, FleetState>();
  scenario.fleets.forEach((f, index) => {
    const fleet: FleetState = {
      key: fleetKey(scenario.subscriptionId, f.resourceGroup, f.name),
      subscriptionId: scenario.subscriptionId,
      resourceGroup: f.resourceGroup,
      name: f.name,
      location: f.location,
      tags: {},
      etag: newEtag(),
      systemData: systemData(at),
      ...(f.workspaceId ? { workspaceId: f.workspaceId } : {}),
      members: new Map(),
      strategies: new Map(),
      runs: new Map(),
      profiles: new Map(),
      gates: new Map(),
    };
    for (const m of expandMembers(scenario, index)) {
      const cluster = buildCluster(scenario, m.cluster, startMs, f.workspaceId);
      clusters.set(clusterKey(cluster.resourceId), cluster);
      fleet.members.set(m.name, {
        name: m.name,
        clusterResourceId: cluster.resourceId,
        ...(m.group ? { group: m.group } : {}),
        ...(m.labels ? { labels: m.labels } : {}),
        etag: newEtag(),
        systemData: systemData(at),
      });
    }
    for (const s of f.updateStrategies)
      fleet.strategies.set(s.name, { name: s.name, strategy: normalizeStrategy(s.strategy), etag: newEtag(), systemData: systemData(at) });
    for (const p of f.autoUpgradeProfiles) {
      const profile: AutoUpgradeProfileResource = {
        name: p.name,
        properties: p.properties as AutoUpgradeProfileResource['properties'],
        etag: newEtag(),
        systemData: systemData(at),
      };
      fleet.profiles.set(p.name, profile);
    }
    fleets.set(fleet.key, fleet);
  });
  for (const c of scenario.clusters) {
    const cluster = buildCluster(scenario, c, startMs);
    clusters.set(clusterKey(cluster.resourceId), cluster);
  }
  return { fleets, clusters, regions };
}
