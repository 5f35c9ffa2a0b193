import type { MemberFacts } from '../../domain/versions/fleetFacts';
import type { FleetMemberRef, ManagedClusterFacts } from '../../ports';

/** A fleet member joined with what AKS says about its cluster (release evaluation and preflight read the same facts). */
export function toMemberFacts(m: FleetMemberRef, c: ManagedClusterFacts): MemberFacts {
  return {
    name: m.name,
    clusterResourceId: m.clusterResourceId,
    region: c.location,
    kubernetesVersion: c.kubernetesVersion,
    nodeImageVersions: c.nodeImageVersions,
    ...(c.autoUpgradeChannel ? { autoUpgradeChannel: c.autoUpgradeChannel } : {}),
    ...(c.nodeOsUpgradeChannel ? { nodeOsUpgradeChannel: c.nodeOsUpgradeChannel } : {}),
    ...(c.supportPlan ? { supportPlan: c.supportPlan } : {}),
    ...(m.group ? { group: m.group } : {}),
  };
}
