import type { MemberFacts } from '../versions/fleetFacts';
import type { PreflightFinding } from './preflightFinding';

/**
 * Members whose own AKS upgrade channels race Fleet's runs: "either Fleet Manager or AKS cluster auto-upgrade
 * performs the update, depending on which one runs first" (Microsoft Learn, Fleet "Update orchestration"), so the
 * staged order and the gates are bypassed. Any cluster auto-upgrade channel but `none` races Kubernetes runs; the
 * node OS channel `NodeImage` races node image runs (`SecurityPatch` patches in place and `Unmanaged`/`None`
 * leave images alone). An unknown channel gives no finding.
 */
export function checkAutoUpgrade(members: readonly MemberFacts[]): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const m of members) {
    const channel = m.autoUpgradeChannel?.trim();
    if (channel && channel.toLowerCase() !== 'none') {
      findings.push({
        area: 'autoUpgrade',
        code: 'MemberAutoUpgradeOn',
        severity: 'warning',
        subject: m.name,
        message: `Member ${m.name} keeps its AKS auto-upgrade channel '${channel}' on; AKS may upgrade it before, or out of order with, the fleet's gated runs.`,
        evidence: { member: m.name, autoUpgradeChannel: channel },
        fix: `az aks update --resource-group <rg> --name <cluster> --auto-upgrade-channel none (cluster ${m.clusterResourceId}).`,
      });
    }
    const nodeOs = m.nodeOsUpgradeChannel?.trim();
    if (nodeOs && nodeOs.toLowerCase() === 'nodeimage') {
      findings.push({
        area: 'autoUpgrade',
        code: 'MemberNodeOsAutoUpgradeOn',
        severity: 'warning',
        subject: m.name,
        message: `Member ${m.name} keeps its node OS upgrade channel '${nodeOs}'; AKS may reimage its nodes outside the fleet's node image runs.`,
        evidence: { member: m.name, nodeOsUpgradeChannel: nodeOs },
        fix: `az aks update --resource-group <rg> --name <cluster> --node-os-upgrade-channel None (or Unmanaged) (cluster ${m.clusterResourceId}).`,
      });
    }
  }
  return findings;
}
