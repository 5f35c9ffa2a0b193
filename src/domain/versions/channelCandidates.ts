import {
  availabilityIn,
  memberRegions,
  type MemberFacts,
  type MinorAvailability,
  type RegionalAvailability,
  type UpgradeTarget,
} from './fleetFacts';
import {
  compareKubernetesMinors,
  compareKubernetesVersions,
  formatKubernetesMinor,
  minorDistance,
  parseKubernetesMinor,
  parseKubernetesVersion,
  type KubernetesMinor,
  type KubernetesVersion,
} from './kubernetesVersion';
import { compareNodeImageVersions, formatNodeImageVersion, parseNodeImageVersion } from './nodeImageVersion';
import { reason, ReasonCode, type Reason } from './reasons';
import type { ResolvedVersionPolicy } from './versionPolicy';

/**
 * The versions a channel may target, in tracks. Each track is ordered newest first; the decision takes the
 * newest eligible version of the first track that still has members to upgrade. Only `patch` has several
 * tracks (one per member minor, oldest minor first); the others have one.
 */
export interface ChannelCandidates {
  readonly tracks: readonly (readonly UpgradeTarget[])[];
  /** Why there is no candidate at all (`NoCandidate`); empty when some track has a candidate. */
  readonly reasons: readonly Reason[];
}

/**
 * Lists candidate targets for the policy's channel from what the member regions publish (union of regions;
 * whether each candidate is published in *every* region is checked later, with a reason).
 * - rapid: patches of the newest GA minor M with lowest-member-minor ≤ M ≤ lowest-member-minor + 1 that is offered
 *   under KubernetesOfficial somewhere (or under LTS when the policy allows it), then patches of the lowest minor
 *   as a fallback when no patch of M is eligible. The fleet climbs one minor per run and never skips one.
 * - stable: patches of minor N-1, where N is the newest GA minor (as above) published in any member region.
 * - patch: one track per distinct member minor, oldest first, with that minor's patches.
 * - target: patches of `targetMinor`.
 * - nodeimage: node image versions published in any member region.
 */
export function channelCandidates(
  policy: ResolvedVersionPolicy,
  members: readonly MemberFacts[],
  availability: RegionalAvailability,
): ChannelCandidates {
  const entries = memberRegions(members).flatMap((r) => availabilityIn(availability, r)?.kubernetesVersions ?? []);
  const memberVersions = members
    .map((m) => parseKubernetesVersion(m.kubernetesVersion))
    .filter((v): v is KubernetesVersion => v !== undefined)
    .sort(compareKubernetesVersions);
  const lowest = memberVersions[0];
  const gaMinors = selectableMinors(entries, policy.longTermSupport);
  const newest = gaMinors[gaMinors.length - 1];

  switch (policy.channel) {
    case 'nodeimage':
      return result([nodeImageCandidates(members, availability)], 'no node image is published in any member region');
    case 'target': {
      const minor = parseKubernetesMinor(policy.targetMinor ?? '');
      return result([minor === undefined ? [] : patchesOf(entries, minor)], `no patch of ${policy.targetMinor} is published in any member region`);
    }
    case 'stable': {
      if (newest === undefined) return result([], 'no GA minor is published in any member region');
      const n1 = { major: newest.major, minor: newest.minor - 1 };
      return result([patchesOf(entries, n1)], `the newest GA minor is ${formatKubernetesMinor(newest)} and no patch of ${formatKubernetesMinor(n1)} (N-1) is published`);
    }
    case 'rapid': {
      if (lowest === undefined) return result([], 'no member reports a parseable Kubernetes version');
      const reachable = gaMinors.filter((m) => minorDistance(lowest, m) >= 0 && minorDistance(lowest, m) <= 1);
      const track = [...reachable].reverse().flatMap((m) => patchesOf(entries, m));
      return result([track], `no GA patch of ${formatKubernetesMinor(lowest)} or the next minor is published`);
    }
    case 'patch': {
      const minors: KubernetesMinor[] = [];
      for (const v of memberVersions) {
        if (!minors.some((m) => compareKubernetesMinors(m, v) === 0)) minors.push({ major: v.major, minor: v.minor });
      }
      return result(minors.map((m) => patchesOf(entries, m)), 'no patch of the members\' minors is published');
    }
  }
}

function result(tracks: UpgradeTarget[][], why: string): ChannelCandidates {
  const nonEmpty = tracks.filter((t) => t.length > 0);
  return nonEmpty.length > 0
    ? { tracks: nonEmpty, reasons: [] }
    : { tracks: [], reasons: [reason(ReasonCode.NoCandidate, `No version to target: ${why}.`)] };
}

/** GA minors offered under KubernetesOfficial (or LTS when allowed) in at least one region, oldest first. */
function selectableMinors(entries: readonly MinorAvailability[], allowLts: boolean): KubernetesMinor[] {
  const out: KubernetesMinor[] = [];
  for (const e of entries) {
    const minor = parseKubernetesMinor(e.version);
    const plan = e.supportPlan.includes('KubernetesOfficial') || (allowLts && e.supportPlan.includes('AKSLongTermSupport'));
    if (minor === undefined || e.isPreview || !plan) continue;
    if (!out.some((m) => compareKubernetesMinors(m, minor) === 0)) out.push(minor);
  }
  return out.sort(compareKubernetesMinors);
}

/** Distinct patches of `minor` across the given entries, newest first. */
function patchesOf(entries: readonly MinorAvailability[], minor: KubernetesMinor): UpgradeTarget[] {
  const versions = new Map<string, KubernetesVersion>();
  for (const e of entries) {
    const m = parseKubernetesMinor(e.version);
    if (m === undefined || compareKubernetesMinors(m, minor) !== 0) continue;
    for (const p of e.patchVersions) {
      const v = parseKubernetesVersion(p);
      if (v !== undefined && v.major === minor.major && v.minor === minor.minor) versions.set(`${v.major}.${v.minor}.${v.patch}`, v);
    }
  }
  return [...versions.entries()]
    .sort((a, b) => compareKubernetesVersions(b[1], a[1]))
    .map(([version]) => ({ kind: 'kubernetes', version }));
}

function nodeImageCandidates(members: readonly MemberFacts[], availability: RegionalAvailability): UpgradeTarget[] {
  const seen = new Map<string, NonNullable<ReturnType<typeof parseNodeImageVersion>>>();
  for (const region of memberRegions(members)) {
    for (const text of availabilityIn(availability, region)?.nodeImageVersions ?? []) {
      const v = parseNodeImageVersion(text);
      if (v !== undefined) seen.set(formatNodeImageVersion(v), v);
    }
  }
  return [...seen.entries()]
    .sort((a, b) => compareNodeImageVersions(b[1], a[1]))
    .map(([version]) => ({ kind: 'nodeimage', version }));
}
