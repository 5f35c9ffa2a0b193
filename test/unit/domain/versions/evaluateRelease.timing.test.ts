import { describe, expect, it } from 'vitest';
import { evaluateRelease } from '../../../../src/domain/versions/evaluateRelease';
import type { FirstSeen } from '../../../../src/domain/versions/fleetFacts';
import type { MemberPlan } from '../../../../src/domain/versions/planMembers';
import type { PolicyWindow } from '../../../../src/domain/versions/versionPolicy';
import type { Reason } from '../../../../src/domain/versions/reasons';
import type { ReleaseDecision, ReleaseInput } from '../../../../src/domain/versions/releaseDecision';
import { aMember, aMinor, anInput, aPolicy, aRegionOffer, NOW, offeredIn } from './builders';

const freeze: PolicyWindow = {
  name: 'release-freeze',
  effect: 'deny',
  type: 'dates',
  timeZone: 'UTC',
  from: '2026-11-14T00:00',
  to: '2026-11-21T12:00',
};

/** Releases of 1.33: .2 long ago, .4 and .5 both during the freeze. */
const releases: readonly FirstSeen[] = [
  { region: 'westeurope', version: '1.33.2', firstSeenAt: '2026-10-01T00:00:00.000Z' },
  { region: 'westeurope', version: '1.33.4', firstSeenAt: '2026-11-16T09:00:00.000Z' },
  { region: 'westeurope', version: '1.33.5', firstSeenAt: '2026-11-19T09:00:00.000Z' },
];

/** The world as the release detector saw it at `at`: only versions first seen by then are published. */
function worldAt(at: string): ReleaseInput {
  const published = releases.filter((r) => r.firstSeenAt <= at);
  return anInput({
    policy: aPolicy({ soakHours: 24, windows: [freeze] }),
    availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.33', published.map((r) => r.version))] })),
    firstSeen: published,
    now: at,
  });
}

function planFor(version: string): MemberPlan {
  return {
    target: { kind: 'kubernetes', version },
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
  };
}

const freezeReason: Reason = {
  code: 'DenyWindow',
  message:
    "Deny window 'release-freeze' (2026-11-14T00:00 to 2026-11-21T12:00 UTC) is active until 2026-11-21T12:00:00.000Z; runs may start again at 2026-11-21T12:00:00.000Z.",
  until: '2026-11-21T12:00:00.000Z',
  matched: 'release-freeze',
};

describe('evaluateRelease: deny windows suppress runs and coalesce to the newest eligible version on reopen', () => {
  it.each<{ name: string; at: string; expected: ReleaseDecision }>([
    {
      name: 'during the freeze, once 1.33.4 has soaked, the deny window suppresses its run',
      at: '2026-11-18T12:00:00.000Z',
      expected: {
        outcome: 'wait',
        target: { kind: 'kubernetes', version: '1.33.4' },
        plan: planFor('1.33.4'),
        nextEvaluationAt: '2026-11-21T12:00:00.000Z',
        reasons: [freezeReason],
        warnings: [],
      },
    },
    {
      name: 'later in the freeze 1.33.5 has soaked too and replaces 1.33.4 as the suppressed target',
      at: '2026-11-20T12:00:00.000Z',
      expected: {
        outcome: 'wait',
        target: { kind: 'kubernetes', version: '1.33.5' },
        plan: planFor('1.33.5'),
        nextEvaluationAt: '2026-11-21T12:00:00.000Z',
        reasons: [freezeReason],
        warnings: [],
      },
    },
    {
      name: 'on reopen only the newest eligible version (1.33.5) gets a run, not one per release',
      at: NOW,
      expected: {
        outcome: 'createRun',
        target: { kind: 'kubernetes', version: '1.33.5' },
        runName: 'k8s-1-33-5',
        plan: planFor('1.33.5'),
        reasons: [],
        warnings: [],
      },
    },
  ])('$name', ({ at, expected }) => {
    // given the releases published by `at`, when evaluated at `at`, then
    expect(evaluateRelease(worldAt(at))).toEqual(expected);
  });

  it('right at reopen, a version still soaking does not hold back the newest soaked one and is reported', () => {
    // given 1.33.6 published one hour before the freeze ends (still soaking at reopen)
    const input = worldAt('2026-11-21T12:00:00.000Z');
    const withNewer: ReleaseInput = {
      ...input,
      availability: offeredIn(['westeurope'], aRegionOffer({ kubernetesVersions: [aMinor('1.33', ['1.33.2', '1.33.4', '1.33.5', '1.33.6'])] })),
      firstSeen: [...input.firstSeen, { region: 'westeurope', version: '1.33.6', firstSeenAt: '2026-11-21T11:00:00.000Z' }],
    };
    // when
    const decision = evaluateRelease(withNewer);
    // then
    expect(decision).toEqual({
      outcome: 'createRun',
      target: { kind: 'kubernetes', version: '1.33.5' },
      runName: 'k8s-1-33-5',
      plan: planFor('1.33.5'),
      reasons: [
        {
          code: 'Soaking',
          message: '1.33.6 was first seen in region westeurope at 2026-11-21T11:00:00.000Z; it soaks 24h in every member region, until 2026-11-22T11:00:00.000Z.',
          version: '1.33.6',
          regions: ['westeurope'],
          until: '2026-11-22T11:00:00.000Z',
        },
      ],
      warnings: [],
    });
  });
});

describe('evaluateRelease: one active run per fleet', () => {
  it.each<{ name: string; input: ReleaseInput; expected: ReleaseDecision }>([
    {
      name: 'an active run with the same target means the run already exists (AlreadyRunning), nothing is created',
      input: anInput({ activeRun: { name: 'k8s-1-33-5', target: { kind: 'kubernetes', version: '1.33.5' } } }),
      expected: {
        outcome: 'alreadyRunning',
        target: { kind: 'kubernetes', version: '1.33.5' },
        runName: 'k8s-1-33-5',
        reasons: [{ code: 'AlreadyRunning', message: 'Run k8s-1-33-5 already targets 1.33.5; no new run is created.', version: '1.33.5', matched: 'k8s-1-33-5' }],
        warnings: [],
      },
    },
    {
      name: 'an active run with another target makes the new version wait (RunActive)',
      input: anInput({ activeRun: { name: 'k8s-1-33-4', target: { kind: 'kubernetes', version: '1.33.4' } } }),
      expected: {
        outcome: 'wait',
        target: { kind: 'kubernetes', version: '1.33.5' },
        plan: { ...planFor('1.33.5') },
        nextEvaluationAt: undefined,
        reasons: [
          {
            code: 'RunActive',
            message: 'Run k8s-1-33-4 (target 1.33.4) is still active; one active run per fleet, so 1.33.5 waits.',
            version: '1.33.5',
            matched: 'k8s-1-33-4',
          },
        ],
        warnings: [],
      },
    },
    {
      name: 'an active node image run also blocks a Kubernetes run (one run per fleet, whatever its kind)',
      input: anInput({ activeRun: { name: 'nodeimage-202511-02-0', target: { kind: 'nodeimage', version: '202511.02.0' } } }),
      expected: {
        outcome: 'wait',
        target: { kind: 'kubernetes', version: '1.33.5' },
        plan: planFor('1.33.5'),
        nextEvaluationAt: undefined,
        reasons: [
          {
            code: 'RunActive',
            message: 'Run nodeimage-202511-02-0 (target 202511.02.0) is still active; one active run per fleet, so 1.33.5 waits.',
            version: '1.33.5',
            matched: 'nodeimage-202511-02-0',
          },
        ],
        warnings: [],
      },
    },
  ])('$name', ({ input, expected }) => {
    expect(evaluateRelease(input)).toEqual(expected);
  });

  it('reports both the active run and a closed window when both block', () => {
    // given an active run for 1.33.4 and an allow window that is closed on Saturdays
    const input = anInput({
      policy: aPolicy({ windows: [{ name: 'weekdays', effect: 'allow', type: 'weekly', timeZone: 'UTC', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '08:00', end: '16:00' }] }),
      activeRun: { name: 'k8s-1-33-4', target: { kind: 'kubernetes', version: '1.33.4' } },
    });
    // when
    const decision = evaluateRelease(input);
    // then
    expect(decision).toEqual({
      outcome: 'wait',
      target: { kind: 'kubernetes', version: '1.33.5' },
      plan: planFor('1.33.5'),
      nextEvaluationAt: '2026-11-23T08:00:00.000Z',
      reasons: [
        {
          code: 'RunActive',
          message: 'Run k8s-1-33-4 (target 1.33.4) is still active; one active run per fleet, so 1.33.5 waits.',
          version: '1.33.5',
          matched: 'k8s-1-33-4',
        },
        {
          code: 'OutsideAllowWindow',
          message: "No allow window is open ('weekdays' (Mon,Tue,Wed,Thu,Fri 08:00-16:00 UTC)); runs may start again at 2026-11-23T08:00:00.000Z.",
          until: '2026-11-23T08:00:00.000Z',
        },
      ],
      warnings: [],
    });
  });

  it('an active run does not matter when the fleet is up to date', () => {
    // given every member on the newest eligible version and a run still finishing
    const input = anInput({
      members: [aMember({ kubernetesVersion: '1.33.5' })],
      activeRun: { name: 'k8s-1-33-5', target: { kind: 'kubernetes', version: '1.33.5' } },
    });
    // when / then
    expect(evaluateRelease(input)).toEqual({
      outcome: 'upToDate',
      reasons: [{ code: 'UpToDate', message: 'Every member runs the newest eligible version of the channel or newer.' }],
      warnings: [],
    });
  });
});

describe('evaluateRelease: when to evaluate again', () => {
  it('is the next real opening, not the end of a deny window that ends inside a closed allow window', () => {
    // given a freeze that ends Monday 00:00 UTC and an allow window Monday 09:00-10:00 Berlin
    const input = anInput({
      policy: aPolicy({
        windows: [
          { name: 'monday-morning', effect: 'allow', type: 'weekly', timeZone: 'Europe/Berlin', days: ['Mon'], start: '09:00', end: '10:00' },
          { name: 'freeze', effect: 'deny', type: 'dates', timeZone: 'UTC', from: '2026-11-01T00:00', to: '2026-11-23T00:00' },
        ],
      }),
    });
    // when
    const decision = evaluateRelease(input);
    // then
    expect(decision.outcome === 'wait' ? decision.nextEvaluationAt : decision.outcome).toBe('2026-11-23T08:00:00.000Z');
  });
});
