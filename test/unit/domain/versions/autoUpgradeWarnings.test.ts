import { describe, expect, it } from 'vitest';
import { autoUpgradeWarnings } from '../../../../src/domain/versions/autoUpgradeWarnings';
import type { Channel } from '../../../../src/domain/versions/versionPolicy';
import type { MemberFacts } from '../../../../src/domain/versions/fleetFacts';
import type { Reason } from '../../../../src/domain/versions/reasons';
import { aMember } from './builders';

describe('autoUpgradeWarnings', () => {
  it.each<{ name: string; member: MemberFacts; channel: Channel; expected: Reason[] }>([
    { name: 'a member with auto-upgrade none gives no warning', member: aMember({ autoUpgradeChannel: 'none' }), channel: 'stable', expected: [] },
    { name: 'a member with None in another casing gives no warning', member: aMember({ autoUpgradeChannel: 'None' }), channel: 'stable', expected: [] },
    { name: 'a member whose channel is unknown gives no warning', member: aMember({ autoUpgradeChannel: undefined }), channel: 'rapid', expected: [] },
    {
      name: 'a member with the stable auto-upgrade channel on races the fleet',
      member: aMember({ autoUpgradeChannel: 'stable' }),
      channel: 'patch',
      expected: [
        {
          code: 'MemberAutoUpgradeOn',
          message: "Member aks-weu-1 keeps its AKS auto-upgrade channel 'stable' on; AKS may upgrade it before or out of order with the fleet's patch runs. Set it to 'none'.",
          member: 'aks-weu-1',
          matched: 'stable',
        },
      ],
    },
    {
      name: 'a member with the node-image auto-upgrade channel races a node image fleet, and so does NodeImage node OS upgrade',
      member: aMember({ autoUpgradeChannel: 'node-image', nodeOsUpgradeChannel: 'NodeImage' }),
      channel: 'nodeimage',
      expected: [
        {
          code: 'MemberAutoUpgradeOn',
          message: "Member aks-weu-1 keeps its AKS auto-upgrade channel 'node-image' on; AKS may upgrade it before or out of order with the fleet's nodeimage runs. Set it to 'none'.",
          member: 'aks-weu-1',
          matched: 'node-image',
        },
        {
          code: 'MemberNodeOsAutoUpgradeOn',
          message: "Member aks-weu-1 keeps its AKS node OS upgrade channel 'NodeImage' on; AKS may reimage it before or out of order with the fleet's node image runs. Set it to 'None' or 'Unmanaged'.",
          member: 'aks-weu-1',
          matched: 'NodeImage',
        },
      ],
    },
    {
      name: 'NodeImage node OS upgrade is not flagged for a Kubernetes channel',
      member: aMember({ nodeOsUpgradeChannel: 'NodeImage' }),
      channel: 'stable',
      expected: [],
    },
    {
      name: 'SecurityPatch node OS upgrade is not flagged, even for a node image fleet',
      member: aMember({ nodeOsUpgradeChannel: 'SecurityPatch' }),
      channel: 'nodeimage',
      expected: [],
    },
  ])('$name', ({ member, channel, expected }) => {
    expect(autoUpgradeWarnings([member], channel)).toEqual(expected);
  });

  it('names every racing member, in input order', () => {
    // given two racing members around a quiet one
    const members = [aMember({ name: 'b', autoUpgradeChannel: 'rapid' }), aMember({ name: 'q' }), aMember({ name: 'a', autoUpgradeChannel: 'patch' })];
    // when / then
    expect(autoUpgradeWarnings(members, 'stable').map((w) => w.member)).toEqual(['b', 'a']);
  });
});
