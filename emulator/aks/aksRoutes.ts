import { AKS_API_VERSIONS, AKS_PREVIEW_API_VERSIONS } from '../arm/apiVersions';
import { ArmError, notFound } from '../arm/armError';
import type { ArmContext } from '../arm/armContext';
import { armPath, CLUSTER_BASE, SUB_PROVIDER, type ArmRoute, type ArmServices } from '../arm/armRoute';
import { page } from '../arm/paging';
import { requireSubscription } from '../fleet/fleetLookup';
import { parseNodeImage } from '../sim/versions';
import type { AgentPool, ClusterState } from '../sim/worldTypes';
import { kubernetesVersionList } from './kubernetesVersionList';
import { availableUpgrades, CLUSTER_TYPE, latestImageFor, renderCluster, renderMaintenance, renderPoolResource } from './renderCluster';

const ALL = [...AKS_API_VERSIONS, ...AKS_PREVIEW_API_VERSIONS];

function requireCluster(ctx: ArmContext, s: ArmServices): ClusterState {
  requireSubscription(ctx, s);
  const { subscriptionId = '', resourceGroup = '', clusterName = '' } = ctx.params;
  const cluster = s.sim.cluster(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${CLUSTER_TYPE}/${clusterName}`);
  if (!cluster) throw notFound(CLUSTER_TYPE, clusterName, resourceGroup);
  return cluster;
}

function requirePool(ctx: ArmContext, cluster: ClusterState): AgentPool {
  const pool = cluster.agentPools.find((p) => p.name.toLowerCase() === (ctx.params.poolName ?? '').toLowerCase());
  if (!pool) throw notFound(`${CLUSTER_TYPE}/agentPools`, ctx.params.poolName ?? '', cluster.resourceGroup);
  return pool;
}

function requireLocation(ctx: ArmContext, s: ArmServices): { name: string } {
  requireSubscription(ctx, s);
  const name = (ctx.params.location ?? '').toLowerCase().replace(/\s+/g, '');
  if (!s.sim.regions.has(name)) throw new ArmError(404, 'LocationNotFound', `The location '${ctx.params.location ?? ''}' is not available for this subscription.`);
  return { name };
}

export const aksRoutes: ArmRoute[] = [
  {
    method: 'GET', pattern: armPath(`${SUB_PROVIDER}/managedClusters`), resourceType: 'managedClusters', versions: ALL,
    handle: (ctx, s) => {
      requireSubscription(ctx, s);
      // Ordinal order (stable across pages); rendering only the page keeps a 20,000-cluster list linear.
      const clusters = [...s.sim.clusters.values()].sort((a, b) => (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0));
      return { status: 200, body: page(ctx, clusters, s.pageSize, 'value', renderCluster) };
    },
  },
  {
    method: 'GET', pattern: armPath('/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ContainerService/managedClusters'),
    resourceType: 'managedClusters', versions: ALL,
    handle: (ctx, s) => {
      requireSubscription(ctx, s);
      const rg = (ctx.params.resourceGroup ?? '').toLowerCase();
      const clusters = [...s.sim.clusters.values()].filter((c) => c.resourceGroup.toLowerCase() === rg);
      return { status: 200, body: page(ctx, clusters.map(renderCluster), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(CLUSTER_BASE), resourceType: 'managedClusters', versions: ALL,
    handle: (ctx, s) => {
      const cluster = requireCluster(ctx, s);
      return { status: 200, headers: { etag: cluster.etag }, body: renderCluster(cluster) };
    },
  },
  {
    method: 'GET', pattern: armPath(`${CLUSTER_BASE}/upgradeProfiles/default`), resourceType: 'managedClusters/upgradeProfiles', versions: ALL,
    handle: (ctx, s) => {
      const cluster = requireCluster(ctx, s);
      const upgrades = availableUpgrades(s.sim, cluster);
      return {
        status: 200,
        body: {
          id: `${cluster.resourceId}/upgradeprofiles/default`,
          name: 'default',
          type: `${CLUSTER_TYPE}/upgradeprofiles`,
          properties: {
            controlPlaneProfile: { name: 'master', kubernetesVersion: cluster.kubernetesVersion, osType: 'Linux', upgrades },
            agentPoolProfiles: cluster.agentPools.map((p) => ({ name: p.name, kubernetesVersion: cluster.kubernetesVersion, osType: p.osType, upgrades })),
          },
        },
      };
    },
  },
  {
    method: 'GET', pattern: armPath(`${CLUSTER_BASE}/agentPools`), resourceType: 'managedClusters/agentPools', versions: ALL,
    handle: (ctx, s) => {
      const cluster = requireCluster(ctx, s);
      return { status: 200, body: page(ctx, cluster.agentPools.map((p) => renderPoolResource(cluster, p)), s.pageSize) };
    },
  },
  {
    method: 'GET', pattern: armPath(`${CLUSTER_BASE}/agentPools/{poolName}`), resourceType: 'managedClusters/agentPools', versions: ALL,
    handle: (ctx, s) => {
      const cluster = requireCluster(ctx, s);
      return { status: 200, body: renderPoolResource(cluster, requirePool(ctx, cluster)) };
    },
  },
  {
    method: 'GET', pattern: armPath(`${CLUSTER_BASE}/agentPools/{poolName}/upgradeProfiles/default`), resourceType: 'managedClusters/agentPools/upgradeProfiles', versions: ALL,
    handle: (ctx, s) => {
      const cluster = requireCluster(ctx, s);
      const pool = requirePool(ctx, cluster);
      return {
        status: 200,
        body: {
          id: `${cluster.resourceId}/agentPools/${pool.name}/upgradeprofiles/default`,
          name: 'default',
          type: `${CLUSTER_TYPE}/agentPools/upgradeProfiles`,
          properties: {
            kubernetesVersion: cluster.kubernetesVersion,
            osType: pool.osType,
            upgrades: availableUpgrades(s.sim, cluster),
            latestNodeImageVersion: latestImageFor(s.sim, cluster, pool),
          },
        },
      };
    },
  },
  {
    method: 'GET', pattern: armPath(`${CLUSTER_BASE}/maintenanceConfigurations`), resourceType: 'managedClusters/maintenanceConfigurations', versions: ALL,
    handle: (ctx, s) => ({ status: 200, body: page(ctx, renderMaintenance(requireCluster(ctx, s)), s.pageSize) }),
  },
  {
    method: 'GET', pattern: armPath(`${CLUSTER_BASE}/maintenanceConfigurations/{configName}`), resourceType: 'managedClusters/maintenanceConfigurations', versions: ALL,
    handle: (ctx, s) => {
      const cluster = requireCluster(ctx, s);
      const config = renderMaintenance(cluster).find((c) => String(c.name).toLowerCase() === (ctx.params.configName ?? '').toLowerCase());
      if (!config) throw notFound(`${CLUSTER_TYPE}/maintenanceConfigurations`, ctx.params.configName ?? '', cluster.resourceGroup);
      return { status: 200, body: config };
    },
  },
  {
    method: 'GET', pattern: armPath(`${SUB_PROVIDER}/locations/{location}/kubernetesVersions`), resourceType: 'locations/kubernetesVersions', versions: ALL,
    handle: (ctx, s) => {
      const { name } = requireLocation(ctx, s);
      const catalog = s.sim.regions.get(name);
      return { status: 200, body: catalog ? kubernetesVersionList(catalog) : { values: [] } };
    },
  },
  {
    // Preview-only operation: only AKS preview api-versions know it (docs/azure-apis.md §4.2).
    method: 'GET', pattern: armPath(`${SUB_PROVIDER}/locations/{location}/nodeImageVersions`), resourceType: 'locations/nodeImageVersions', versions: AKS_PREVIEW_API_VERSIONS,
    handle: (ctx, s) => {
      const { name } = requireLocation(ctx, s);
      const version = s.sim.regionNodeImage(name);
      const families = new Set<string>(['AKSUbuntu-2204gen2containerd', 'AKSAzureLinux-V2gen2']);
      for (const c of s.sim.clusters.values()) for (const p of c.agentPools) families.add(parseNodeImage(p.nodeImageVersion).family);
      const items = version
        ? [...families].sort().map((family) => {
            const parsed = parseNodeImage(`${family}-${version}`);
            return { fullName: `${family}-${version}`, os: parsed.os, sku: parsed.sku, version };
          })
        : [];
      return { status: 200, body: page(ctx, items, s.pageSize) };
    },
  },
];
