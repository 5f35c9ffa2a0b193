import type { MemberFacts } from './fleetFacts';
import { reason, ReasonCode, type Reason } from './reasons';
import type { Channel } from './versionPolicy';

/**
 * Warnings for members whose own AKS auto-upgrade races the fleet: "either Fleet Manager or AKS cluster
 * auto-upgrade performs the update, depending on which one runs first", so the staged order and the gates can be
 * bypassed. Returns `MemberAutoUpgradeOn` for any cluster auto-upgrade channel other than `none` (any channel
 * changes Kubernetes or node images, which every fleet channel also does), and, for the `nodeimage` channel,
 * `MemberNodeOsAutoUpgradeOn` for node OS channel `NodeImage`. An unknown (undefined) channel gives no warning.
 * Members keep their input order.
 */
export function autoUpgradeWarnings(members: readonly MemberFacts[], channel: Channel): Reason[] {
  const warnings: Reason[] = [];
  for (const m of members) {
    const upgrade = m.autoUpgradeChannel?.trim();
    if (upgrade !== undefined && upgrade !== '' && upgrade.toLowerCase() !== 'none') {
      warnings.push(
        reason(
          ReasonCode.MemberAutoUpgradeOn,
          `Member ${m.name} keeps its AKS auto-upgrade channel '${upgrade}' on; AKS may upgrade it before or out of order with the fleet's ${channel} runs. Set it to 'none'.`,
          { member: m.name, matched: upgrade },
        ),
      );
    }
    const nodeOs = m.nodeOsUpgradeChannel?.trim();
    if (channel === 'nodeimage' && nodeOs !== undefined && nodeOs.toLowerCase() === 'nodeimage') {
      warnings.push(
        reason(
          ReasonCode.MemberNodeOsAutoUpgradeOn,
          `Member ${m.name} keeps its AKS node OS upgrade channel '${nodeOs}' on; AKS may reimage it before or out of order with the fleet's node image runs. Set it to 'None' or 'Unmanaged'.`,
          { member: m.name, matched: nodeOs },
        ),
      );
    }
  }
  return warnings;
}
