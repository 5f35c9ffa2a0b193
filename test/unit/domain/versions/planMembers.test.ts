import { describe, expect, it } from 'vitest';
import { planMembers, type MemberPlan, type PlanOptions } from '../../../../src/domain/versions/planMembers';
import type { MemberFacts, RegionalAvailability, UpgradeTarget } from '../../../../src/domain/versions/fleetFacts';
import type { Reason } from '../../../../src/domain/versions/reasons';
import { aMember, aMinor, aRegionOffer, offeredIn } from './builders';

const k8s = (version: string): UpgradeTarget => ({ kind: 'kubernetes', version });
const nodeImage = (version: string): UpgradeTarget => ({ kind: 'nodeimage', version });
const weuAndEus: RegionalAvailability = {
  ...offeredIn(['westeurope'], aRegionOffer()),
  eastus: aRegionOffer({ kubernetesVersions: [aMinor('1.33', ['1.33.2', '1.33.4'])], nodeImageVersions: ['202510.20.0'] }),
};

type Disposition = 'upgrade' | 'skip' | 'pending';

/** The expected plan: the one member in `disposition` with `current` and `reasons`, the other lists empty. */
function expectedPlan(target: UpgradeTarget, member: MemberFacts, disposition: Disposition, current: string, reasons: Reason[] = []): MemberPlan {
  const entry = {
    member: member.name,
    clusterResourceId: member.clusterResourceId,
    region: member.region,
    group: member.group,
    currentVersion: current,
    reasons,
  };
  return { target, upgrade: [], skip: [], pending: [], [disposition]: [entry] };
}

describe('planMembers', () => {
  it.each<{ name: string; target: UpgradeTarget; member: MemberFacts; options?: PlanOptions; disposition: Disposition; current: string; reasons: Reason[] }>([
    { name: 'a member one patch behind is upgraded', target: k8s('1.33.5'), member: aMember({ kubernetesVersion: '1.33.4' }), disposition: 'upgrade', current: '1.33.4', reasons: [] },
    { name: 'a member one minor behind is upgraded', target: k8s('1.33.5'), member: aMember({ kubernetesVersion: '1.32.9' }), disposition: 'upgrade', current: '1.32.9', reasons: [] },
    {
      name: 'a member already at the target is skipped as AtTarget',
      target: k8s('1.33.5'),
      member: aMember({ kubernetesVersion: '1.33.5' }),
      disposition: 'skip',
      current: '1.33.5',
      reasons: [{ code: 'AtTarget', message: 'Member aks-weu-1 already runs 1.33.5.', version: '1.33.5', member: 'aks-weu-1' }],
    },
    {
      name: 'a member on a newer version is skipped as AheadOfTarget',
      target: k8s('1.33.5'),
      member: aMember({ kubernetesVersion: '1.34.1' }),
      disposition: 'skip',
      current: '1.34.1',
      reasons: [{ code: 'AheadOfTarget', message: 'Member aks-weu-1 runs 1.34.1, newer than 1.33.5; AKS cannot downgrade, so it is skipped.', version: '1.33.5', member: 'aks-weu-1' }],
    },
    {
      name: 'a member two minors behind is skipped as MinorSkip and told which minor comes first',
      target: k8s('1.33.5'),
      member: aMember({ kubernetesVersion: '1.31.9' }),
      disposition: 'skip',
      current: '1.31.9',
      reasons: [
        {
          code: 'MinorSkip',
          message: 'Member aks-weu-1 runs 1.31.9, 2 minors behind 1.33.5; AKS cannot skip a minor, so it is skipped (upgrade it to 1.32 first).',
          version: '1.33.5',
          member: 'aks-weu-1',
        },
      ],
    },
    {
      name: 'under the patch channel a member on another minor is skipped as DifferentMinor rather than moved',
      target: k8s('1.33.5'),
      member: aMember({ kubernetesVersion: '1.32.9' }),
      options: { keepMinor: true },
      disposition: 'skip',
      current: '1.32.9',
      reasons: [
        {
          code: 'DifferentMinor',
          message: 'Member aks-weu-1 runs 1.32.9 on minor 1.32; the patch channel keeps it there, so the 1.33.5 run skips it.',
          version: '1.33.5',
          member: 'aks-weu-1',
        },
      ],
    },
    {
      name: 'a member with an unparseable version is skipped as UnknownVersion',
      target: k8s('1.33.5'),
      member: aMember({ kubernetesVersion: '' }),
      disposition: 'skip',
      current: '',
      reasons: [{ code: 'UnknownVersion', message: "Member aks-weu-1 reports Kubernetes version '', which cannot be parsed; it is skipped.", version: '1.33.5', member: 'aks-weu-1' }],
    },
    {
      name: 'a member whose region lacks the target would sit Pending (NotInRegion)',
      target: k8s('1.33.5'),
      member: aMember({ region: 'eastus', kubernetesVersion: '1.33.4' }),
      disposition: 'pending',
      current: '1.33.4',
      reasons: [
        { code: 'NotInRegion', message: 'Member aks-weu-1 would sit Pending: 1.33.5 is not available in region eastus yet.', version: '1.33.5', member: 'aks-weu-1', regions: ['eastus'] },
      ],
    },
    {
      name: 'a member whose maintenance window is closed would sit Pending until it opens (MaintenanceWindowClosed)',
      target: k8s('1.33.5'),
      member: aMember({ kubernetesVersion: '1.33.4', maintenanceWindow: { open: false, nextOpeningAt: '2026-11-22T02:00:00.000Z' } }),
      disposition: 'pending',
      current: '1.33.4',
      reasons: [
        {
          code: 'MaintenanceWindowClosed',
          message: 'Member aks-weu-1 would sit Pending until it opens at 2026-11-22T02:00:00.000Z: its maintenance window is closed.',
          version: '1.33.5',
          member: 'aks-weu-1',
          until: '2026-11-22T02:00:00.000Z',
        },
      ],
    },
    {
      name: 'a member whose maintenance window is open is upgraded',
      target: k8s('1.33.5'),
      member: aMember({ kubernetesVersion: '1.33.4', maintenanceWindow: { open: true } }),
      disposition: 'upgrade',
      current: '1.33.4',
      reasons: [],
    },
    {
      name: 'a node image run upgrades a member whose oldest pool is behind, reporting that pool image',
      target: nodeImage('202511.02.0'),
      member: aMember({ nodeImageVersions: ['AKSUbuntu-2204gen2containerd-202511.02.0', 'AKSUbuntu-2204gen2containerd-202510.20.0'] }),
      disposition: 'upgrade',
      current: '202510.20.0',
      reasons: [],
    },
    {
      name: 'a node image run skips a member whose pools all run the target already',
      target: nodeImage('202511.02.0'),
      member: aMember({ nodeImageVersions: ['AKSUbuntu-2204gen2containerd-202511.02.0'] }),
      disposition: 'skip',
      current: '202511.02.0',
      reasons: [{ code: 'AtTarget', message: 'Every node pool of member aks-weu-1 already runs node image 202511.02.0 or newer.', version: '202511.02.0', member: 'aks-weu-1' }],
    },
    {
      name: 'a node image run leaves a member Pending when its region lacks the image',
      target: nodeImage('202511.02.0'),
      member: aMember({ region: 'eastus' }),
      disposition: 'pending',
      current: '202510.20.0',
      reasons: [
        { code: 'NotInRegion', message: 'Member aks-weu-1 would sit Pending: 202511.02.0 is not available in region eastus yet.', version: '202511.02.0', member: 'aks-weu-1', regions: ['eastus'] },
      ],
    },
    {
      name: 'a node image run skips a member without a parseable pool image',
      target: nodeImage('202511.02.0'),
      member: aMember({ nodeImageVersions: [] }),
      disposition: 'skip',
      current: '',
      reasons: [{ code: 'UnknownVersion', message: 'Member aks-weu-1 reports no parseable node image version; it is skipped.', version: '202511.02.0', member: 'aks-weu-1' }],
    },
  ])('$name', ({ target, member, options, disposition, current, reasons }) => {
    // given one member, when planned for the target, then it lands in one list with its reasons
    expect(planMembers(target, [member], weuAndEus, options)).toEqual(expectedPlan(target, member, disposition, current, reasons));
  });

  describe('long-term support', () => {
    const ltsOnly = offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.28', ['1.28.100', '1.28.101'], { supportPlan: ['AKSLongTermSupport'] })] }));

    it.each([
      {
        name: 'a member not on the LTS plan is skipped when the target minor is offered only under LTS (LtsGuard)',
        member: aMember({ kubernetesVersion: '1.28.100' }),
        disposition: 'skip' as const,
        reasons: [
          {
            code: 'LtsGuard' as const,
            message: 'Member aks-weu-1 is not on the AKSLongTermSupport plan and 1.28 is only available with it in region westeurope; it is skipped.',
            version: '1.28.101',
            member: 'aks-weu-1',
          },
        ],
      },
      { name: 'a member on the LTS plan is upgraded within the LTS minor', member: aMember({ kubernetesVersion: '1.28.100', supportPlan: 'AKSLongTermSupport' }), disposition: 'upgrade' as const, reasons: [] },
    ])('$name', ({ member, disposition, reasons }) => {
      expect(planMembers(k8s('1.28.101'), [member], ltsOnly)).toEqual(expectedPlan(k8s('1.28.101'), member, disposition, '1.28.100', reasons));
    });
  });

  it('keeps the input order of members within each list', () => {
    // given three members of which two are upgraded
    const members = [
      aMember({ name: 'c', kubernetesVersion: '1.33.4' }),
      aMember({ name: 'a', kubernetesVersion: '1.33.5' }),
      aMember({ name: 'b', kubernetesVersion: '1.33.2' }),
    ];
    // when
    const plan = planMembers(k8s('1.33.5'), members, weuAndEus);
    // then
    expect({ upgrade: plan.upgrade.map((m) => m.member), skip: plan.skip.map((m) => m.member), pending: plan.pending }).toEqual({ upgrade: ['c', 'b'], skip: ['a'], pending: [] });
  });
});
