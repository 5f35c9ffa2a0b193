import { describe, expect, it } from 'vitest';
import { evaluateRelease } from '../../../../src/domain/versions/evaluateRelease';
import { matchBlocklist } from '../../../../src/domain/versions/blocklist';
import { minorDistance, parseKubernetesVersion } from '../../../../src/domain/versions/kubernetesVersion';
import { runNameFor } from '../../../../src/domain/versions/runName';
import type { Channel } from '../../../../src/domain/versions/versionPolicy';
import type { FirstSeen, MemberFacts, MinorAvailability } from '../../../../src/domain/versions/fleetFacts';
import type { ReleaseInput } from '../../../../src/domain/versions/releaseDecision';
import { aMember, aPolicy, hoursBefore, NOW } from './builders';
import { isValidRunName } from './isValidRunName';

/** A fixed-seed generator: the fleets below are arbitrary but the same on every run. */
function generator(seed: number): { int: (n: number) => number; pick: <T>(items: readonly T[]) => T; chance: (p: number) => boolean } {
  let state = seed;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  // The low bits of an LCG cycle quickly; use the high ones.
  const int = (n: number): number => (next() >>> 16) % n;
  return { int, pick: (items) => items[int(items.length)]!, chance: (p) => int(1000) < p * 1000 };
}

const REGIONS = ['westeurope', 'northeurope', 'eastus'];
const CHANNELS: Channel[] = ['rapid', 'stable', 'patch', 'target'];

/** An arbitrary fleet: 1–6 members on 1.29–1.34 in up to three regions, each region publishing a random subset. */
function arbitraryInput(seed: number): ReleaseInput {
  const g = generator(seed);
  const availability: Record<string, { kubernetesVersions: MinorAvailability[] }> = {};
  const firstSeen: FirstSeen[] = [];
  for (const region of REGIONS) {
    const minors: MinorAvailability[] = [];
    for (let minor = 29; minor <= 35; minor++) {
      const patches = Array.from({ length: 8 }, (_, p) => `1.${minor}.${p}`).filter(() => g.chance(0.6));
      minors.push({
        version: `1.${minor}`,
        isPreview: minor === 35 && g.chance(0.7),
        supportPlan: minor === 29 && g.chance(0.5) ? ['AKSLongTermSupport'] : ['KubernetesOfficial', 'AKSLongTermSupport'],
        patchVersions: patches,
      });
      for (const version of patches) firstSeen.push({ region, version, firstSeenAt: hoursBefore(g.int(24 * 20)) });
    }
    availability[region] = { kubernetesVersions: minors };
  }
  const members: MemberFacts[] = Array.from({ length: 1 + g.int(6) }, (_, i) =>
    aMember({ name: `m${i}`, region: g.pick(REGIONS), kubernetesVersion: `1.${29 + g.int(6)}.${g.int(8)}` }),
  );
  return {
    policy: aPolicy({
      channel: g.pick(CHANNELS),
      targetMinor: `1.${30 + g.int(5)}`,
      soakHours: g.pick([0, 24, 72]),
      minimumPatchAgeHours: g.pick([0, 48]),
      skipDotZeroPatches: g.chance(0.7),
      blocklist: g.pick([[], ['1.33.*'], ['1.*.3', '1.34.5']]),
    }),
    members,
    availability,
    firstSeen,
    now: NOW,
  };
}

const seeds = Array.from({ length: 400 }, (_, i) => i + 1);

describe('evaluateRelease over 400 arbitrary fleets', () => {
  it('never creates a run that skips a minor, sits Pending for lack of a version, or breaks a policy rule', () => {
    const violations: string[] = [];
    for (const seed of seeds) {
      const input = arbitraryInput(seed);
      const d = evaluateRelease(input);
      if (d.outcome !== 'createRun') continue;
      const target = parseKubernetesVersion(d.target.version)!;
      const regions = new Set(input.members.map((m) => m.region));
      if (!isValidRunName(d.runName) || d.runName !== runNameFor(d.target)) violations.push(`${seed}: run name ${d.runName}`);
      if (matchBlocklist(d.target.version, input.policy.blocklist ?? []) !== undefined) violations.push(`${seed}: blocklisted ${d.target.version}`);
      if (input.policy.skipDotZeroPatches !== false && target.patch === 0) violations.push(`${seed}: .0 patch ${d.target.version}`);
      for (const region of regions) {
        const entry = input.availability[region]!.kubernetesVersions.find((e) => e.patchVersions.includes(d.target.version));
        if (entry === undefined || entry.isPreview) violations.push(`${seed}: ${d.target.version} not GA in ${region}`);
      }
      for (const m of d.plan.upgrade) {
        const distance = minorDistance(parseKubernetesVersion(m.currentVersion)!, target);
        if (distance < 0 || distance > 1) violations.push(`${seed}: ${m.member} ${m.currentVersion} → ${d.target.version}`);
      }
      if (d.plan.pending.some((m) => m.reasons.some((r) => r.code === 'NotInRegion'))) violations.push(`${seed}: pending for region`);
    }
    expect(violations).toEqual([]);
  });

  it('explains every decision that does not create a run', () => {
    const unexplained = seeds.filter((seed) => {
      const d = evaluateRelease(arbitraryInput(seed));
      return d.outcome !== 'createRun' && d.reasons.length === 0;
    });
    expect(unexplained).toEqual([]);
  });

  it('is deterministic: the same input always gives the same decision', () => {
    const differing = seeds.filter((seed) => JSON.stringify(evaluateRelease(arbitraryInput(seed))) !== JSON.stringify(evaluateRelease(arbitraryInput(seed))));
    expect(differing).toEqual([]);
  });

  it('produces every outcome somewhere in the sample, so the checks above are not vacuous', () => {
    const outcomes = new Set(seeds.map((seed) => evaluateRelease(arbitraryInput(seed)).outcome));
    expect([...outcomes].sort()).toEqual(['createRun', 'upToDate', 'wait']);
  });
});
