import { describe, expect, it } from 'vitest';
import { evaluateRelease } from '../../../../src/domain/versions/evaluateRelease';
import type { Reason } from '../../../../src/domain/versions/reasons';
import type { ReleaseDecision, ReleaseInput } from '../../../../src/domain/versions/releaseDecision';
import { aMember, aMinor, anInput, aPolicy, aRegionOffer, hoursBefore, offeredIn, seenAt, seenEverywhere } from './builders';

/** Given a release input, when the policy evaluates it, then the decision is returned. */
function given(input: ReleaseInput): { whenEvaluated: () => ReleaseDecision } {
  return { whenEvaluated: () => evaluateRelease(input) };
}

const weu = offeredIn(['westeurope'], aRegionOffer());
const minorSkipOfOnlyMember: Reason = {
  code: 'MinorSkip',
  message: 'Member aks-weu-1 runs 1.31.9, 2 minors behind 1.33.5; AKS cannot skip a minor, so it is skipped (upgrade it to 1.32 first).',
  version: '1.33.5',
  member: 'aks-weu-1',
};
const waitFor = (reasons: ReleaseDecision['reasons'], nextEvaluationAt?: string): ReleaseDecision => ({
  outcome: 'wait',
  target: undefined,
  plan: undefined,
  nextEvaluationAt,
  reasons,
  warnings: [],
});

describe('evaluateRelease: each rule blocks the only newer version and names its reason', () => {
  it.each<{ name: string; input: ReleaseInput; expected: ReleaseDecision }>([
    {
      name: 'a version first seen 10h ago does not soak 48h and waits until the soak ends (Soaking)',
      input: anInput({
        policy: aPolicy({ soakHours: 48 }),
        members: [aMember({ kubernetesVersion: '1.33.4' })],
        firstSeen: seenAt(seenEverywhere(weu), 'westeurope', '1.33.5', hoursBefore(10)),
      }),
      expected: waitFor(
        [
          {
            code: 'Soaking',
            message: '1.33.5 was first seen in region westeurope at 2026-11-21T07:00:00.000Z; it soaks 48h in every member region, until 2026-11-23T07:00:00.000Z.',
            version: '1.33.5',
            regions: ['westeurope'],
            until: '2026-11-23T07:00:00.000Z',
          },
        ],
        '2026-11-23T07:00:00.000Z',
      ),
    },
    {
      name: 'soak is measured from the latest first-seen over the member regions, naming that region (Soaking)',
      input: (() => {
        const two = offeredIn(['westeurope', 'eastus'], aRegionOffer());
        let firstSeen = seenAt(seenEverywhere(two), 'westeurope', '1.33.5', hoursBefore(100));
        firstSeen = seenAt(firstSeen, 'eastus', '1.33.5', hoursBefore(10));
        return anInput({
          policy: aPolicy({ soakHours: 48 }),
          members: [aMember({ name: 'weu', kubernetesVersion: '1.33.4' }), aMember({ name: 'eus', region: 'eastus', kubernetesVersion: '1.33.4' })],
          availability: two,
          firstSeen,
        });
      })(),
      expected: waitFor(
        [
          {
            code: 'Soaking',
            message: '1.33.5 was first seen in region eastus at 2026-11-21T07:00:00.000Z; it soaks 48h in every member region, until 2026-11-23T07:00:00.000Z.',
            version: '1.33.5',
            regions: ['eastus'],
            until: '2026-11-23T07:00:00.000Z',
          },
        ],
        '2026-11-23T07:00:00.000Z',
      ),
    },
    {
      name: 'a patch seen 10h ago is younger than the 72h minimum patch age (PatchTooYoung)',
      input: anInput({
        policy: aPolicy({ minimumPatchAgeHours: 72 }),
        members: [aMember({ kubernetesVersion: '1.33.4' })],
        firstSeen: seenAt(seenEverywhere(weu), 'westeurope', '1.33.5', hoursBefore(10)),
      }),
      expected: waitFor(
        [
          {
            code: 'PatchTooYoung',
            message: '1.33.5 is 10h old in region westeurope (first seen 2026-11-21T07:00:00.000Z); patches must be 72h old, until 2026-11-24T07:00:00.000Z.',
            version: '1.33.5',
            regions: ['westeurope'],
            until: '2026-11-24T07:00:00.000Z',
          },
        ],
        '2026-11-24T07:00:00.000Z',
      ),
    },
    {
      name: 'a version published with no first-seen record yet starts its soak now',
      input: anInput({
        policy: aPolicy({ soakHours: 24 }),
        members: [aMember({ kubernetesVersion: '1.33.4' })],
        firstSeen: seenEverywhere(weu).filter((f) => f.version !== '1.33.5'),
      }),
      expected: waitFor(
        [
          {
            code: 'Soaking',
            message:
              '1.33.5 was first seen in region westeurope at 2026-11-21T17:00:00.000Z (not recorded yet); it soaks 24h in every member region, until 2026-11-22T17:00:00.000Z.',
            version: '1.33.5',
            regions: ['westeurope'],
            until: '2026-11-22T17:00:00.000Z',
          },
        ],
        '2026-11-22T17:00:00.000Z',
      ),
    },
    {
      name: 'the first patch of a minor is skipped (DotZeroPatch)',
      input: anInput({ policy: aPolicy({ targetMinor: '1.34' }), members: [aMember({ kubernetesVersion: '1.33.5' })], availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.33', ['1.33.5']), aMinor('1.34', ['1.34.0'])] })) }),
      expected: waitFor([
        { code: 'DotZeroPatch', message: '1.34.0 is the first patch of 1.34 and the policy skips .0 patches.', version: '1.34.0' },
      ]),
    },
    {
      name: 'an exact blocklist entry blocks that version (Blocklisted)',
      input: anInput({ policy: aPolicy({ blocklist: ['1.33.5'] }), members: [aMember({ kubernetesVersion: '1.33.4' })] }),
      expected: waitFor([{ code: 'Blocklisted', message: "1.33.5 is blocklisted by entry '1.33.5'.", version: '1.33.5', matched: '1.33.5' }]),
    },
    {
      name: 'a minor offered only under AKSLongTermSupport is not targeted when the policy does not allow LTS (LtsGuard)',
      input: anInput({
        policy: aPolicy({ targetMinor: '1.27' }),
        members: [aMember({ kubernetesVersion: '1.27.100' })],
        availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.27', ['1.27.100', '1.27.102'], { supportPlan: ['AKSLongTermSupport'] })] })),
      }),
      expected: waitFor([
        {
          code: 'LtsGuard',
          message: '1.27 is only available with AKSLongTermSupport in region westeurope; the policy does not allow long-term support, so 1.27.102 is not targeted.',
          version: '1.27.102',
          regions: ['westeurope'],
        },
      ]),
    },
    {
      name: 'an LTS-pinned fleet is not moved to a minor without AKSLongTermSupport (LtsGuard)',
      input: anInput({ policy: aPolicy({ longTermSupport: true }), members: [aMember({ kubernetesVersion: '1.33.4' })] }),
      expected: waitFor([
        {
          code: 'LtsGuard',
          message: '1.33 does not offer AKSLongTermSupport in region westeurope; the fleet is pinned to long-term support, so 1.33.5 is not targeted.',
          version: '1.33.5',
          regions: ['westeurope'],
        },
      ]),
    },
    {
      name: 'a preview minor is never targeted (NotGa)',
      input: anInput({
        policy: aPolicy({ targetMinor: '1.35' }),
        members: [aMember({ kubernetesVersion: '1.34.1' })],
        availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.34', ['1.34.1']), aMinor('1.35', ['1.35.1'], { isPreview: true })] })),
      }),
      expected: waitFor([
        { code: 'NotGa', message: '1.35.1 is a preview in region westeurope; only GA versions are targeted.', version: '1.35.1', regions: ['westeurope'] },
      ]),
    },
    {
      name: 'a version published in 2 of 3 member regions creates no run and names the missing region (NotInAllRegions)',
      input: anInput({
        members: [
          aMember({ name: 'aks-weu', region: 'westeurope', kubernetesVersion: '1.33.4' }),
          aMember({ name: 'aks-neu', region: 'northeurope', kubernetesVersion: '1.33.4' }),
          aMember({ name: 'aks-eus', region: 'eastus', kubernetesVersion: '1.33.4' }),
        ],
        availability: {
          ...offeredIn(['westeurope', 'northeurope'], aRegionOffer()),
          eastus: aRegionOffer({ kubernetesVersions: [aMinor('1.33', ['1.33.2', '1.33.4'])] }),
        },
      }),
      expected: waitFor([
        {
          code: 'NotInAllRegions',
          message: '1.33.5 is not available in region eastus yet; waiting so no member sits Pending.',
          version: '1.33.5',
          regions: ['eastus'],
        },
      ]),
    },
    {
      name: 'a fleet whose only member is two minors behind the target gets no run; the member is named (MinorSkip)',
      input: anInput({ members: [aMember({ kubernetesVersion: '1.31.9' })] }),
      expected: {
        outcome: 'wait',
        target: { kind: 'kubernetes', version: '1.33.5' },
        plan: {
          target: { kind: 'kubernetes', version: '1.33.5' },
          upgrade: [],
          skip: [
            {
              member: 'aks-weu-1',
              clusterResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-weu-1',
              region: 'westeurope',
              group: 'canary',
              currentVersion: '1.31.9',
              reasons: [minorSkipOfOnlyMember],
            },
          ],
          pending: [],
        },
        nextEvaluationAt: undefined,
        reasons: [minorSkipOfOnlyMember],
        warnings: [],
      },
    },
  ])('$name', ({ input, expected }) => {
    expect(given(input).whenEvaluated()).toEqual(expected);
  });
});

describe('evaluateRelease: blocked newer versions fall back to the newest eligible one', () => {
  it('creates a run for 1.33.4 when 1.33.5 is blocklisted, and says why 1.33.5 was passed over', () => {
    // given a member on 1.33.2 and 1.33.5 blocklisted by pattern
    const input = anInput({ policy: aPolicy({ blocklist: ['1.33.5*'] }) });
    // when
    const decision = given(input).whenEvaluated();
    // then
    expect(decision).toEqual({
      outcome: 'createRun',
      target: { kind: 'kubernetes', version: '1.33.4' },
      runName: 'k8s-1-33-4',
      plan: {
        target: { kind: 'kubernetes', version: '1.33.4' },
        upgrade: [
          {
            member: 'aks-weu-1',
            clusterResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-weu-1',
            region: 'westeurope',
            group: 'canary',
            currentVersion: '1.33.2',
            reasons: [],
          },
        ],
        skip: [],
        pending: [],
      },
      reasons: [{ code: 'Blocklisted', message: "1.33.5 is blocklisted by entry '1.33.5*'.", version: '1.33.5', matched: '1.33.5*' }],
      warnings: [],
    });
  });

  it('skips members two minors behind in the run and still upgrades the others, naming the skipped ones', () => {
    // given one member on 1.32 (one behind) and one on 1.31 (two behind) with target 1.33
    const input = anInput({
      members: [aMember({ name: 'aks-a', kubernetesVersion: '1.32.9' }), aMember({ name: 'aks-b', kubernetesVersion: '1.31.9', group: 'prod' })],
    });
    // when
    const decision = given(input).whenEvaluated();
    // then
    const minorSkip = {
      code: 'MinorSkip',
      message: 'Member aks-b runs 1.31.9, 2 minors behind 1.33.5; AKS cannot skip a minor, so it is skipped (upgrade it to 1.32 first).',
      version: '1.33.5',
      member: 'aks-b',
    };
    expect(decision).toEqual({
      outcome: 'createRun',
      target: { kind: 'kubernetes', version: '1.33.5' },
      runName: 'k8s-1-33-5',
      plan: {
        target: { kind: 'kubernetes', version: '1.33.5' },
        upgrade: [
          {
            member: 'aks-a',
            clusterResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-a',
            region: 'westeurope',
            group: 'canary',
            currentVersion: '1.32.9',
            reasons: [],
          },
        ],
        skip: [
          {
            member: 'aks-b',
            clusterResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-b',
            region: 'westeurope',
            group: 'prod',
            currentVersion: '1.31.9',
            reasons: [minorSkip],
          },
        ],
        pending: [],
      },
      reasons: [minorSkip],
      warnings: [],
    });
  });
});
