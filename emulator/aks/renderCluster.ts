import type { Simulation } from '../sim/simulation';
import { compareVersions, minorDistance, parseNodeImage } from '../sim/versions';
import type { AgentPool, ClusterState } from '../sim/worldTypes';

export const CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';

/** Patch versions a cluster may upgrade to in its region: newer patches of its minor and of the next minor. */
export function availableUpgrades(sim: Simulation, cluster: ClusterState, from = cluster.kubernetesVersion): { kubernetesVersion: string; isPreview?: boolean }[] {
  const catalog = sim.regions.get(cluster.location);
  if (!catalog) return [];
  return [...catalog.kubernetes]
    .filter(([v]) => compareVersions(v, from) > 0 && minorDistance(from, v) <= 1)
    .sort(([a], [b]) => compareVersions(a, b))
    .map(([v, info]) => ({ kubernetesVersion: v, ...(info.isPreview ? { isPreview: true } : {}) }));
}

function renderPool(cluster: ClusterState, pool: AgentPool): Record<string, unknown> {
  const upgrading = cluster.upgrading !== undefined;
  return {
    name: pool.name,
    count: pool.count,
    vmSize: pool.vmSize,
    osDiskSizeGB: 128,
    osType: pool.osType,
    osSKU: pool.osType === 'Linux' ? 'Ubuntu' : 'Windows2022',
    mode: pool.mode,
    type: 'VirtualMachineScaleSets',
    maxPods: 110,
    availabilityZones: ['1', '2', '3'],
    orchestratorVersion: cluster.upgrading?.targetKubernetesVersion ?? cluster.kubernetesVersion,
    currentOrchestratorVersion: cluster.kubernetesVersion,
    nodeImageVersion: pool.nodeImageVersion,
    upgradeSettings: { maxSurge: '10%' },
    provisioningState: upgrading ? 'Upgrading' : 'Succeeded',
    powerState: { code: 'Running' },
    eTag: cluster.etag.replace(/"/g, ''),
  };
}

export function renderCluster(cluster: ClusterState): Record<string, unknown> {
  const dns = `${cluster.name}-dns`;
  return {
    id: cluster.resourceId,
    name: cluster.name,
    type: CLUSTER_TYPE,
    location: cluster.location,
    tags: cluster.tags,
    eTag: cluster.etag.replace(/"/g, ''),
    sku: { name: 'Base', tier: 'Standard' },
    identity: { type: 'SystemAssigned', principalId: '00000000-0000-0000-0000-000000000001', tenantId: '00000000-0000-0000-0000-000000000002' },
    properties: {
      provisioningState: cluster.upgrading ? 'Upgrading' : 'Succeeded',
      powerState: { code: 'Running' },
      kubernetesVersion: cluster.upgrading?.targetKubernetesVersion ?? cluster.kubernetesVersion,
      currentKubernetesVersion: cluster.kubernetesVersion,
      dnsPrefix: dns,
      fqdn: `${dns}.hcp.${cluster.location}.azmk8s.io`,
      azurePortalFQDN: `${dns}.portal.hcp.${cluster.location}.azmk8s.io`,
      nodeResourceGroup: `MC_${cluster.resourceGroup}_${cluster.name}_${cluster.location}`,
      enableRBAC: true,
      maxAgentPools: 100,
      agentPoolProfiles: cluster.agentPools.map((p) => renderPool(cluster, p)),
      autoUpgradeProfile: { upgradeChannel: cluster.autoUpgradeChannel, nodeOSUpgradeChannel: cluster.nodeOSUpgradeChannel },
      networkProfile: {
        networkPlugin: 'azure', networkPluginMode: 'overlay', loadBalancerSku: 'standard', outboundType: 'loadBalancer',
        podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10',
        podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.0.0.0/16'], ipFamilies: ['IPv4'],
        loadBalancerProfile: {
          managedOutboundIPs: { count: 1 },
          effectiveOutboundIPs: [{ id: `/subscriptions/${cluster.subscriptionId}/resourceGroups/MC_${cluster.resourceGroup}_${cluster.name}_${cluster.location}/providers/Microsoft.Network/publicIPAddresses/mgdoutboundip1` }],
          allocatedOutboundPorts: 0,
          idleTimeoutInMinutes: 30,
          backendPoolType: 'NodeIPConfiguration',
        },
      },
      addonProfiles: cluster.workspaceId
        ? { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: `/subscriptions/${cluster.subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/ws-${cluster.workspaceId.slice(0, 8)}` } } }
        : {},
    },
  };
}

export function renderPoolResource(cluster: ClusterState, pool: AgentPool): Record<string, unknown> {
  const { name, ...properties } = renderPool(cluster, pool);
  return { id: `${cluster.resourceId}/agentPools/${pool.name}`, name, type: `${CLUSTER_TYPE}/agentPools`, properties };
}

export function latestImageFor(sim: Simulation, cluster: ClusterState, pool: AgentPool): string {
  const region = sim.regionNodeImage(cluster.location);
  const parsed = parseNodeImage(pool.nodeImageVersion);
  return region ? `${parsed.family}-${region}` : pool.nodeImageVersion;
}

export function renderMaintenance(cluster: ClusterState): Record<string, unknown>[] {
  const mw = cluster.maintenanceWindow;
  if (!mw) return [];
  return [
    {
      id: `${cluster.resourceId}/maintenanceConfigurations/aksManagedAutoUpgradeSchedule`,
      name: 'aksManagedAutoUpgradeSchedule',
      type: `${CLUSTER_TYPE}/maintenanceConfigurations`,
      properties: {
        maintenanceWindow: {
          schedule: { daily: { intervalDays: 1 } },
          durationHours: mw.durationHours,
          utcOffset: '+00:00',
          startTime: `${String(mw.startHourUtc).padStart(2, '0')}:00`,
        },
      },
    },
  ];
}
