import type { KubernetesVersion, ManagedCluster } from '@azure/arm-containerservice';
import type { MinorAvailability, SupportPlan } from '../../domain/versions/fleetFacts';
import type { ManagedClusterFacts } from '../../ports';

const SUPPORT_PLANS: readonly SupportPlan[] = ['KubernetesOfficial', 'AKSLongTermSupport'];

/** AKS spells plans in PascalCase but compares case-insensitively; an unknown plan is not guessed at. */
function toSupportPlan(value: string | undefined): SupportPlan | undefined {
  return SUPPORT_PLANS.find((p) => p.toLowerCase() === value?.toLowerCase());
}

/**
 * Maps one `managedClusters.list()` item to the port's plain facts. The running control-plane version is
 * `currentKubernetesVersion`; `kubernetesVersion` is the *goal* and already shows the target while an upgrade is in
 * flight, so it is only the fallback for responses that lack the former.
 */
export function toManagedClusterFacts(cluster: ManagedCluster): ManagedClusterFacts {
  const version = cluster.currentKubernetesVersion ?? cluster.kubernetesVersion;
  // ARM always returns these for a cluster; a list item without them cannot be matched to a member or planned.
  if (!cluster.id || !cluster.location || !version) {
    throw new Error(`Managed cluster ${cluster.id ?? cluster.name ?? '(unnamed)'} lacks its id, location or Kubernetes version`);
  }
  const autoUpgrade = cluster.autoUpgradeProfile;
  const supportPlan = toSupportPlan(cluster.supportPlan);
  return {
    resourceId: cluster.id,
    location: cluster.location,
    kubernetesVersion: version,
    nodeImageVersions: (cluster.agentPoolProfiles ?? []).flatMap((p) => (p.nodeImageVersion ? [p.nodeImageVersion] : [])),
    ...(autoUpgrade?.upgradeChannel ? { autoUpgradeChannel: autoUpgrade.upgradeChannel } : {}),
    ...(autoUpgrade?.nodeOSUpgradeChannel ? { nodeOsUpgradeChannel: autoUpgrade.nodeOSUpgradeChannel } : {}),
    ...(supportPlan ? { supportPlan } : {}),
  };
}

/**
 * Maps one minor of `listKubernetesVersions(location)`. A minor without `capabilities.supportPlan` is treated as
 * `KubernetesOfficial` only (AKS's default plan); minors without a `version` are dropped by the caller.
 */
export function toMinorAvailability(minor: KubernetesVersion & { version: string }): MinorAvailability {
  const plans = (minor.capabilities?.supportPlan ?? ['KubernetesOfficial']).flatMap((p) => toSupportPlan(p) ?? []);
  return {
    version: minor.version,
    isPreview: minor.isPreview === true,
    supportPlan: plans,
    patchVersions: Object.keys(minor.patchVersions ?? {}),
  };
}
