import { describe, expect, it } from 'vitest';
import { evaluateRelease } from '../../../../src/domain/versions/evaluateRelease';
import type { MemberFacts } from '../../../../src/domain/versions/fleetFacts';
import type { PlannedMember } from '../../../../src/domain/versions/planMembers';
import type { Reason } from '../../../../src/domain/versions/reasons';
import type { ReleaseDecision, ReleaseInput } from '../../../../src/domain/versions/releaseDecision';
import { aMember, aMinor, anInput, aPolicy, aRegionOffer, offeredIn, seenEverywhere } from './builders';

/** The plan entry of `member` with its current version and reasons. */
function entry(member: MemberFacts, currentVersion: string, reasons: Reason[] = []): PlannedMember {
  return { member: member.name, clusterResourceId: member.clusterResourceId, region: member.region, group: member.group, currentVersion, reasons };
}

describe('evaluateRelease: channels end to end', () => {
  const old = aMember({ name: 'old', kubernetesVersion: '1.32.7' });
  const current = aMember({ name: 'current', kubernetesVersion: '1.32.9' });
  const newer = aMember({ name: 'newer', kubernetesVersion: '1.33.4' });
  const newest = aMember({ name: 'newest', kubernetesVersion: '1.33.5' });

  it.each<{ name: string; input: ReleaseInput; expected: ReleaseDecision }>([
    {
      name: 'patch with mixed minors patches the oldest minor first and leaves the other minor alone (DifferentMinor)',
      input: anInput({ policy: aPolicy({ channel: 'patch' }), members: [old, newer] }),
      expected: {
        outcome: 'createRun',
        target: { kind: 'kubernetes', version: '1.32.9' },
        runName: 'k8s-1-32-9',
        plan: {
          target: { kind: 'kubernetes', version: '1.32.9' },
          upgrade: [entry(old, '1.32.7')],
          skip: [
            entry(newer, '1.33.4', [
              {
                code: 'DifferentMinor',
                message: 'Member newer runs 1.33.4 on minor 1.33; the patch channel keeps it there, so the 1.32.9 run skips it.',
                version: '1.32.9',
                member: 'newer',
              },
            ]),
          ],
          pending: [],
        },
        reasons: [],
        warnings: [],
      },
    },
    {
      name: 'patch moves on to the next minor once the oldest minor is fully patched',
      input: anInput({ policy: aPolicy({ channel: 'patch' }), members: [current, newer] }),
      expected: {
        outcome: 'createRun',
        target: { kind: 'kubernetes', version: '1.33.5' },
        runName: 'k8s-1-33-5',
        plan: {
          target: { kind: 'kubernetes', version: '1.33.5' },
          upgrade: [entry(newer, '1.33.4')],
          skip: [
            entry(current, '1.32.9', [
              {
                code: 'DifferentMinor',
                message: 'Member current runs 1.32.9 on minor 1.32; the patch channel keeps it there, so the 1.33.5 run skips it.',
                version: '1.33.5',
                member: 'current',
              },
            ]),
          ],
          pending: [],
        },
        reasons: [],
        warnings: [],
      },
    },
    {
      name: 'rapid brings the lagging 1.32 member to 1.33 rather than jumping the fleet to 1.34',
      input: anInput({ policy: aPolicy({ channel: 'rapid' }), members: [current, newest] }),
      expected: {
        outcome: 'createRun',
        target: { kind: 'kubernetes', version: '1.33.5' },
        runName: 'k8s-1-33-5',
        plan: {
          target: { kind: 'kubernetes', version: '1.33.5' },
          upgrade: [entry(current, '1.32.9')],
          skip: [entry(newest, '1.33.5', [{ code: 'AtTarget', message: 'Member newest already runs 1.33.5.', version: '1.33.5', member: 'newest' }])],
          pending: [],
        },
        reasons: [],
        warnings: [],
      },
    },
    {
      name: 'rapid falls back to the newest patch of the current minor when the next minor only has a .0 patch',
      input: anInput({
        policy: aPolicy({ channel: 'rapid' }),
        members: [newer],
        availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.33', ['1.33.4', '1.33.5']), aMinor('1.34', ['1.34.0'])] })),
      }),
      expected: {
        outcome: 'createRun',
        target: { kind: 'kubernetes', version: '1.33.5' },
        runName: 'k8s-1-33-5',
        plan: { target: { kind: 'kubernetes', version: '1.33.5' }, upgrade: [entry(newer, '1.33.4')], skip: [], pending: [] },
        reasons: [{ code: 'DotZeroPatch', message: '1.34.0 is the first patch of 1.34 and the policy skips .0 patches.', version: '1.34.0' }],
        warnings: [],
      },
    },
    {
      name: 'stable targets N-1 and surfaces a member racing with its own auto-upgrade channel',
      input: anInput({ policy: aPolicy({ channel: 'stable' }), members: [{ ...newer, autoUpgradeChannel: 'patch' }] }),
      expected: {
        outcome: 'createRun',
        target: { kind: 'kubernetes', version: '1.33.5' },
        runName: 'k8s-1-33-5',
        plan: { target: { kind: 'kubernetes', version: '1.33.5' }, upgrade: [entry(newer, '1.33.4')], skip: [], pending: [] },
        reasons: [],
        warnings: [
          {
            code: 'MemberAutoUpgradeOn',
            message: "Member newer keeps its AKS auto-upgrade channel 'patch' on; AKS may upgrade it before or out of order with the fleet's stable runs. Set it to 'none'.",
            member: 'newer',
            matched: 'patch',
          },
        ],
      },
    },
    {
      name: 'nodeimage takes the newest image published in every member region and says why the newer one waits',
      input: (() => {
        const availability = {
          ...offeredIn(['westeurope'], aRegionOffer({ nodeImageVersions: ['202511.02.0', '202511.09.0'] })),
          eastus: aRegionOffer({ nodeImageVersions: ['202511.02.0'] }),
        };
        return anInput({
          policy: aPolicy({ channel: 'nodeimage' }),
          members: [aMember({ name: 'weu' }), aMember({ name: 'eus', region: 'eastus' })],
          availability,
          firstSeen: seenEverywhere(availability),
        });
      })(),
      expected: {
        outcome: 'createRun',
        target: { kind: 'nodeimage', version: '202511.02.0' },
        runName: 'nodeimage-202511-02-0',
        plan: {
          target: { kind: 'nodeimage', version: '202511.02.0' },
          upgrade: [entry(aMember({ name: 'weu' }), '202510.20.0'), entry(aMember({ name: 'eus', region: 'eastus' }), '202510.20.0')],
          skip: [],
          pending: [],
        },
        reasons: [
          {
            code: 'NotInAllRegions',
            message: '202511.09.0 is not available in region eastus yet; waiting so no member sits Pending.',
            version: '202511.09.0',
            regions: ['eastus'],
          },
        ],
        warnings: [],
      },
    },
    {
      name: 'nodeimage is up to date when every pool runs the newest image',
      input: anInput({ policy: aPolicy({ channel: 'nodeimage' }), members: [aMember({ nodeImageVersions: ['AKSUbuntu-2204gen2containerd-202511.02.0'] })] }),
      expected: {
        outcome: 'upToDate',
        reasons: [{ code: 'UpToDate', message: 'Every member runs the newest eligible version of the channel or newer.' }],
        warnings: [],
      },
    },
    {
      name: 'a fleet without members has nothing to upgrade (NoMembers)',
      input: anInput({ members: [] }),
      expected: { outcome: 'upToDate', reasons: [{ code: 'NoMembers', message: 'The fleet has no members, so there is nothing to upgrade.' }], warnings: [] },
    },
    {
      name: 'a target minor that no region publishes yields no run and says so (NoCandidate)',
      input: anInput({ policy: aPolicy({ targetMinor: '1.36' }) }),
      expected: {
        outcome: 'upToDate',
        reasons: [{ code: 'NoCandidate', message: 'No version to target: no patch of 1.36 is published in any member region.' }],
        warnings: [],
      },
    },
    {
      name: 'an invalid policy is rejected before anything is evaluated (InvalidPolicy)',
      input: anInput({ policy: { channel: 'target' } }),
      expected: {
        outcome: 'invalidPolicy',
        reasons: [{ code: 'InvalidPolicy', message: "The policy is invalid: the target channel needs targetMinor as major.minor (got '')." }],
      },
    },
    {
      name: 'an evaluation time that does not parse is rejected (InvalidInput)',
      input: anInput({ now: 'yesterday' }),
      expected: { outcome: 'invalidPolicy', reasons: [{ code: 'InvalidInput', message: "The evaluation time 'yesterday' is not a valid time." }] },
    },
  ])('$name', ({ input, expected }) => {
    expect(evaluateRelease(input)).toEqual(expected);
  });

  it('gives the same decision for the same time as epoch ms and as ISO string', () => {
    const input = anInput();
    expect(evaluateRelease({ ...input, now: Date.parse(String(input.now)) })).toEqual(evaluateRelease(input));
  });
});
