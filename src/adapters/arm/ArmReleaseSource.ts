import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { regionKey, type MinorAvailability } from '../../domain/versions/fleetFacts';
import type { FleetMemberRef, ManagedClusterFacts, ReleaseSource } from '../../ports';
import type { ArmTransport } from './ArmTransport';
import { parseFleetId } from './fleetId';
import { toManagedClusterFacts, toMinorAvailability } from './toManagedClusterFacts';

/** Default AKS preview api-version carrying `locations/{l}/nodeImageVersions` (docs/azure-apis.md §4.2); a setting. */
export const AKS_NODE_IMAGE_API_VERSION = '2026-08-02-preview';

interface NodeImageJson {
  fullName?: string | null;
  version?: string | null;
}

/**
 * ReleaseSource over ARM: Fleet members from the typed Fleet SDK; clusters and per-region Kubernetes versions from
 * the typed AKS SDK (stable api-version, faithful for these fields); node images through the AKS client's pipeline
 * with a preview api-version, because only previews have that operation and the stable 25.x SDK lacks it.
 */
export class ArmReleaseSource implements ReleaseSource {
  constructor(
    /** Typed clients are bound to a subscription; members' clusters may live in several. */
    private readonly clients: {
      readonly fleet: (subscriptionId: string) => ContainerServiceFleetClient;
      readonly aks: (subscriptionId: string) => ContainerServiceClient;
    },
    /** Over an AKS client's pipeline (ARM scope, retries, TLS): used for the preview-only node image list. */
    private readonly arm: ArmTransport,
    private readonly options: { readonly nodeImageApiVersion?: string } = {},
  ) {}

  async listMembers(fleetId: string): Promise<readonly FleetMemberRef[]> {
    const { subscriptionId, resourceGroup, fleetName } = parseFleetId(fleetId);
    const members: FleetMemberRef[] = [];
    for await (const m of this.clients.fleet(subscriptionId).fleetMembers.listByFleet(resourceGroup, fleetName)) {
      // clusterResourceId is required and create-only in Fleet; a member without one cannot be upgraded anyway.
      if (!m.name || !m.properties?.clusterResourceId) throw new Error(`Fleet member ${m.name ?? '(unnamed)'} of ${fleetId} lacks its cluster resource id`);
      members.push({ name: m.name, clusterResourceId: m.properties.clusterResourceId, ...(m.properties.group ? { group: m.properties.group } : {}) });
    }
    return members;
  }

  async listManagedClusters(subscriptionId: string): Promise<readonly ManagedClusterFacts[]> {
    // One paged list for the whole subscription (the iterator follows nextLink), never a GET per cluster.
    const clusters: ManagedClusterFacts[] = [];
    for await (const c of this.clients.aks(subscriptionId).managedClusters.list()) clusters.push(toManagedClusterFacts(c));
    return clusters;
  }

  async listKubernetesVersions(subscriptionId: string, region: string): Promise<readonly MinorAvailability[]> {
    // ARM location names are the canonical key (`East US` → `eastus`), whatever spelling the caller has.
    const result = await this.clients.aks(subscriptionId).managedClusters.listKubernetesVersions(regionKey(region));
    return (result.values ?? []).flatMap((v) => (v.version ? [toMinorAvailability({ ...v, version: v.version })] : []));
  }

  async listNodeImageVersions(subscriptionId: string, region: string): Promise<readonly string[]> {
    const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.ContainerService/locations/${encodeURIComponent(regionKey(region))}/nodeImageVersions`;
    // Every failure propagates. The operation exists only in AKS previews, which retire: an unknown api-version is
    // ApiVersionUnsupportedError (alerted by the caller), never "no node images", or node-image releases would vanish.
    const items = await this.arm.list(path, this.options.nodeImageApiVersion ?? AKS_NODE_IMAGE_API_VERSION);
    const versions = (items as NodeImageJson[]).flatMap((i) => {
      const version = i.version ?? i.fullName?.split('-').pop();
      return version ? [version] : [];
    });
    return [...new Set(versions)].sort();
  }
}
