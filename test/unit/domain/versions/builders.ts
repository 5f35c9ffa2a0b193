import type { FirstSeen, MemberFacts, MinorAvailability, RegionAvailability, RegionalAvailability } from '../../../../src/domain/versions/fleetFacts';
import type { ReleaseInput } from '../../../../src/domain/versions/releaseDecision';
import type { VersionPolicy } from '../../../../src/domain/versions/versionPolicy';

/** The fixed evaluation time of these tests: Saturday 2026-11-21 17:00 UTC. */
export const NOW = '2026-11-21T17:00:00.000Z';
export const NOW_MS = Date.parse(NOW);

/** ISO time `hours` before (negative: after) `from`. */
export function hoursBefore(hours: number, from: string = NOW): string {
  return new Date(Date.parse(from) - hours * 3_600_000).toISOString();
}

/** A member in westeurope on 1.33.2 with auto-upgrade off. */
export function aMember(overrides: Partial<MemberFacts> = {}): MemberFacts {
  const name = overrides.name ?? 'aks-weu-1';
  return {
    name,
    clusterResourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`,
    region: 'westeurope',
    kubernetesVersion: '1.33.2',
    nodeImageVersions: ['AKSUbuntu-2204gen2containerd-202510.20.0'],
    autoUpgradeChannel: 'none',
    group: 'canary',
    ...overrides,
  };
}

/** A GA minor on the KubernetesOfficial plan with the given patches. */
export function aMinor(version: string, patchVersions: readonly string[], overrides: Partial<MinorAvailability> = {}): MinorAvailability {
  return { version, isPreview: false, supportPlan: ['KubernetesOfficial'], patchVersions, ...overrides };
}

/** The same offer in every listed region. */
export function offeredIn(regions: readonly string[], offer: RegionAvailability): RegionalAvailability {
  return Object.fromEntries(regions.map((r) => [r, offer]));
}

/** A typical region offer: 1.32 (.7 .9), 1.33 (.2 .4 .5), 1.34 (.0 .1); node images up to 202511.02.0. */
export function aRegionOffer(overrides: Partial<RegionAvailability> = {}): RegionAvailability {
  return {
    kubernetesVersions: [
      aMinor('1.32', ['1.32.7', '1.32.9']),
      aMinor('1.33', ['1.33.2', '1.33.4', '1.33.5']),
      aMinor('1.34', ['1.34.0', '1.34.1']),
    ],
    nodeImageVersions: ['202510.20.0', '202511.02.0'],
    ...overrides,
  };
}

/** First-seen records for every version each region offers, all at `at` (default: 30 days ago). */
export function seenEverywhere(availability: RegionalAvailability, at: string = hoursBefore(24 * 30)): FirstSeen[] {
  return Object.entries(availability).flatMap(([region, offer]) => [
    ...offer.kubernetesVersions.flatMap((m) => m.patchVersions.map((version) => ({ region, version, firstSeenAt: at }))),
    ...(offer.nodeImageVersions ?? []).map((version) => ({ region, version, firstSeenAt: at })),
  ]);
}

/** Replaces the first-seen time of one (region, version). */
export function seenAt(records: readonly FirstSeen[], region: string, version: string, at: string): FirstSeen[] {
  return [...records.filter((r) => !(r.region === region && r.version === version)), { region, version, firstSeenAt: at }];
}

/** A policy on the given channel with no delays, no blocklist and no windows. */
export function aPolicy(overrides: Partial<VersionPolicy> = {}): VersionPolicy {
  return { channel: 'target', targetMinor: '1.33', ...overrides };
}

/**
 * A release input: one member in westeurope on 1.33.2, `aRegionOffer()` in westeurope, everything first seen
 * 30 days ago, target channel 1.33, no active run, evaluated at NOW.
 */
export function anInput(overrides: Partial<ReleaseInput> = {}): ReleaseInput {
  const availability = overrides.availability ?? offeredIn(['westeurope'], aRegionOffer());
  return {
    policy: aPolicy(),
    members: [aMember()],
    availability,
    firstSeen: seenEverywhere(availability),
    now: NOW,
    ...overrides,
  };
}
