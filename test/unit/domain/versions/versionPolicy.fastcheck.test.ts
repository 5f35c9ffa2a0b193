import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKubernetesVersions, minorDistance, parseKubernetesVersion, type KubernetesVersion } from '../../../../src/domain/versions/kubernetesVersion';
import { evaluateRelease } from '../../../../src/domain/versions/evaluateRelease';
import { matchBlocklist } from '../../../../src/domain/versions/blocklist';
import { runNameFor } from '../../../../src/domain/versions/runName';
import type { Channel } from '../../../../src/domain/versions/versionPolicy';
import type { FirstSeen, MinorAvailability } from '../../../../src/domain/versions/fleetFacts';
import type { ReleaseInput } from '../../../../src/domain/versions/releaseDecision';
import { isValidRunName } from './isValidRunName';
import { aMember, aPolicy, hoursBefore, NOW, NOW_MS } from './builders';

const formatVersion = (v: KubernetesVersion): string => `${v.major}.${v.minor}.${v.patch}`;

// Property-based (fast-check): arbitrary fleets, offers and policies; a failure prints its seed and the shrunk
// counterexample (replay with `fc.assert(..., { seed, path })`).
// FC_RUNS=20000 explores further (raise --testTimeout); a failure prints the seed and path to replay.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 300) };
const REGIONS = ['westeurope', 'northeurope', 'eastus'] as const;
const CHANNELS: readonly Channel[] = ['rapid', 'stable', 'patch', 'target'];

const regionOffer = fc.array(
  fc.record({ patches: fc.subarray([0, 1, 2, 3, 4, 5, 6, 7]), preview: fc.boolean(), ltsOnly: fc.boolean(), ages: fc.array(fc.integer({ min: 0, max: 24 * 20 }), { minLength: 8, maxLength: 8 }) }),
  { minLength: 7, maxLength: 7 },
);

const releaseInput: fc.Arbitrary<ReleaseInput> = fc
  .record({
    offers: fc.tuple(regionOffer, regionOffer, regionOffer),
    members: fc.array(fc.record({ region: fc.constantFrom(...REGIONS), minor: fc.integer({ min: 29, max: 34 }), patch: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 6 }),
    channel: fc.constantFrom(...CHANNELS),
    targetMinor: fc.integer({ min: 30, max: 34 }),
    soakHours: fc.constantFrom(0, 24, 72),
    minimumPatchAgeHours: fc.constantFrom(0, 48),
    skipDotZeroPatches: fc.boolean(),
    blocklist: fc.constantFrom([], ['1.33.*'], ['1.*.3', '1.34.5']),
  })
  .map(({ offers, members, channel, targetMinor, soakHours, minimumPatchAgeHours, skipDotZeroPatches, blocklist }) => {
    const availability: Record<string, { kubernetesVersions: MinorAvailability[] }> = {};
    const firstSeen: FirstSeen[] = [];
    REGIONS.forEach((region, r) => {
      availability[region] = {
        kubernetesVersions: offers[r]!.map((offer, i) => {
          const minor = 29 + i;
          const patchVersions = offer.patches.map((p) => `1.${minor}.${p}`);
          offer.patches.forEach((p) => firstSeen.push({ region, version: `1.${minor}.${p}`, firstSeenAt: hoursBefore(offer.ages[p]!) }));
          return {
            version: `1.${minor}`,
            isPreview: minor === 35 && offer.preview,
            supportPlan: minor === 29 && offer.ltsOnly ? ['AKSLongTermSupport'] : ['KubernetesOfficial', 'AKSLongTermSupport'],
            patchVersions,
          };
        }),
      };
    });
    return {
      policy: aPolicy({ channel, targetMinor: `1.${targetMinor}`, soakHours, minimumPatchAgeHours, skipDotZeroPatches, blocklist }),
      members: members.map((m, i) => aMember({ name: `m${i}`, region: m.region, kubernetesVersion: `1.${m.minor}.${m.patch}` })),
      availability,
      firstSeen,
      now: NOW,
    };
  });

describe('version policy properties (fast-check)', () => {
  it('a created run never skips a minor or downgrades, never targets a blocklisted, .0 (when skipped), preview or missing version, and is named for its target', () => {
    fc.assert(
      fc.property(releaseInput, (input) => {
        const d = evaluateRelease(input);
        if (d.outcome !== 'createRun') return;
        const target = parseKubernetesVersion(d.target.version)!;
        expect(isValidRunName(d.runName) && d.runName === runNameFor(d.target)).toBe(true);
        expect(matchBlocklist(d.target.version, input.policy.blocklist ?? [])).toBeUndefined();
        if (input.policy.skipDotZeroPatches !== false) expect(target.patch).not.toBe(0);
        for (const region of new Set(input.members.map((m) => m.region))) {
          const entry = input.availability[region]!.kubernetesVersions.find((e) => e.patchVersions.includes(d.target.version));
          expect(entry !== undefined && !entry.isPreview).toBe(true);
        }
        for (const m of d.plan.upgrade) {
          const distance = minorDistance(parseKubernetesVersion(m.currentVersion)!, target);
          expect(distance >= 0 && distance <= 1).toBe(true);
          expect(compareKubernetesVersions(parseKubernetesVersion(m.currentVersion)!, target)).toBeLessThan(0);
        }
      }),
      RUNS,
    );
  });

  it('a created run targets a version that soaked and aged in every member region (latest first sighting governs)', () => {
    fc.assert(
      fc.property(releaseInput, (input) => {
        const d = evaluateRelease(input);
        if (d.outcome !== 'createRun') return;
        const hours = Math.max(input.policy.soakHours ?? 0, input.policy.minimumPatchAgeHours ?? 0);
        for (const region of new Set(input.members.map((m) => m.region))) {
          const seen = input.firstSeen.find((f) => f.region === region && f.version === d.target.version);
          expect(seen).toBeDefined();
          expect(Date.parse(seen!.firstSeenAt)).toBeLessThanOrEqual(NOW_MS - hours * 3_600_000);
        }
      }),
      RUNS,
    );
  });

  it('explains every decision that creates no run, and decides the same way twice', () => {
    fc.assert(
      fc.property(releaseInput, (input) => {
        const d = evaluateRelease(input);
        if (d.outcome !== 'createRun') expect(d.reasons.length).toBeGreaterThan(0);
        expect(evaluateRelease(input)).toEqual(d);
      }),
      RUNS,
    );
  });

  it('reaches every outcome from the generated fleets, so the properties above are not vacuous', () => {
    const outcomes = new Set(fc.sample(releaseInput, { numRuns: 300, seed: 42 }).map((input) => evaluateRelease(input).outcome));
    expect([...outcomes].sort()).toEqual(['createRun', 'upToDate', 'wait']);
  });

  it('orders versions numerically, and formatting round-trips through parsing', () => {
    const version = fc.record({ major: fc.integer({ min: 0, max: 9999 }), minor: fc.integer({ min: 0, max: 9999 }), patch: fc.integer({ min: 0, max: 999_999 }) });
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(parseKubernetesVersion(formatVersion(a))).toEqual(a);
        expect(Math.sign(compareKubernetesVersions(a, b))).toBe(-Math.sign(compareKubernetesVersions(b, a)));
        if (compareKubernetesVersions(a, b) === 0) expect(a).toEqual(b);
      }),
      RUNS,
    );
  });
});
