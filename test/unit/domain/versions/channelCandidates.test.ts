import { describe, expect, it } from 'vitest';
import { channelCandidates, type ChannelCandidates } from '../../../../src/domain/versions/channelCandidates';
import { resolveVersionPolicy, type VersionPolicy } from '../../../../src/domain/versions/versionPolicy';
import type { MemberFacts, RegionalAvailability, UpgradeTarget } from '../../../../src/domain/versions/fleetFacts';
import { aMember, aMinor, aPolicy, aRegionOffer, offeredIn } from './builders';

const k8s = (...versions: string[]): UpgradeTarget[] => versions.map((version) => ({ kind: 'kubernetes', version }));
const members = (...versions: string[]): MemberFacts[] => versions.map((v, i) => aMember({ name: `m${i}`, kubernetesVersion: v }));
const weu = offeredIn(['westeurope'], aRegionOffer());

describe('channelCandidates', () => {
  it.each<{ name: string; policy: VersionPolicy; members: MemberFacts[]; availability: RegionalAvailability; expected: ChannelCandidates }>([
    {
      name: 'rapid climbs at most one minor above the lowest member minor (1.32 fleet member → 1.33, not 1.34)',
      policy: aPolicy({ channel: 'rapid' }),
      members: members('1.33.4', '1.32.7'),
      availability: weu,
      expected: { tracks: [k8s('1.33.5', '1.33.4', '1.33.2', '1.32.9', '1.32.7')], reasons: [] },
    },
    {
      name: 'rapid takes the newest minor when the whole fleet is one minor below it, falling back to the current minor',
      policy: aPolicy({ channel: 'rapid' }),
      members: members('1.33.4', '1.33.2'),
      availability: weu,
      expected: { tracks: [k8s('1.34.1', '1.34.0', '1.33.5', '1.33.4', '1.33.2')], reasons: [] },
    },
    {
      name: 'rapid ignores a preview minor',
      policy: aPolicy({ channel: 'rapid' }),
      members: members('1.34.1'),
      availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.34', ['1.34.1', '1.34.2']), aMinor('1.35', ['1.35.0'], { isPreview: true })] })),
      expected: { tracks: [k8s('1.34.2', '1.34.1')], reasons: [] },
    },
    {
      name: 'rapid without any parseable member version has no candidate',
      policy: aPolicy({ channel: 'rapid' }),
      members: members('unknown'),
      availability: weu,
      expected: { tracks: [], reasons: [{ code: 'NoCandidate', message: 'No version to target: no member reports a parseable Kubernetes version.' }] },
    },
    {
      name: 'stable is the newest minor minus one (N = 1.34 → 1.33)',
      policy: aPolicy({ channel: 'stable' }),
      members: members('1.32.7'),
      availability: weu,
      expected: { tracks: [k8s('1.33.5', '1.33.4', '1.33.2')], reasons: [] },
    },
    {
      name: 'stable takes N from any member region, so a new minor in one region moves N',
      policy: aPolicy({ channel: 'stable' }),
      members: [aMember({ name: 'a', region: 'westeurope' }), aMember({ name: 'b', region: 'eastus' })],
      availability: {
        ...weu,
        eastus: aRegionOffer({ kubernetesVersions: [aMinor('1.34', ['1.34.1']), aMinor('1.35', ['1.35.1'])] }),
      },
      expected: { tracks: [k8s('1.34.1', '1.34.0')], reasons: [] },
    },
    {
      name: 'stable does not count a minor offered only under long-term support as N when LTS is not allowed',
      policy: aPolicy({ channel: 'stable' }),
      members: members('1.27.9'),
      availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.27', ['1.27.9']), aMinor('1.28', ['1.28.9']), aMinor('1.29', ['1.29.4'], { supportPlan: ['AKSLongTermSupport'] })] })),
      expected: { tracks: [k8s('1.27.9')], reasons: [] },
    },
    {
      name: 'patch has one track per member minor, oldest minor first',
      policy: aPolicy({ channel: 'patch' }),
      members: members('1.33.4', '1.32.7', '1.33.2'),
      availability: weu,
      expected: { tracks: [k8s('1.32.9', '1.32.7'), k8s('1.33.5', '1.33.4', '1.33.2')], reasons: [] },
    },
    {
      name: 'target lists the patches of the configured minor',
      policy: aPolicy({ channel: 'target', targetMinor: '1.34' }),
      members: members('1.33.4'),
      availability: weu,
      expected: { tracks: [k8s('1.34.1', '1.34.0')], reasons: [] },
    },
    {
      name: 'target with a minor nobody publishes has no candidate and says so',
      policy: aPolicy({ channel: 'target', targetMinor: '1.36' }),
      members: members('1.33.4'),
      availability: weu,
      expected: { tracks: [], reasons: [{ code: 'NoCandidate', message: 'No version to target: no patch of 1.36 is published in any member region.' }] },
    },
    {
      name: 'nodeimage lists node images of all member regions newest first, ignoring non-member regions',
      policy: aPolicy({ channel: 'nodeimage' }),
      members: [aMember({ name: 'a', region: 'westeurope' }), aMember({ name: 'b', region: 'East US' })],
      availability: {
        ...weu,
        eastus: aRegionOffer({ nodeImageVersions: ['202511.09.0'] }),
        japaneast: aRegionOffer({ nodeImageVersions: ['202512.01.0'] }),
      },
      expected: {
        tracks: [
          [
            { kind: 'nodeimage', version: '202511.09.0' },
            { kind: 'nodeimage', version: '202511.02.0' },
            { kind: 'nodeimage', version: '202510.20.0' },
          ],
        ],
        reasons: [],
      },
    },
  ])('$name', ({ policy, members: facts, availability, expected }) => {
    expect(channelCandidates(resolveVersionPolicy(policy), facts, availability)).toEqual(expected);
  });
});
