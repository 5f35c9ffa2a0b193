import { matchBlocklist } from './blocklist';
import { availabilityIn, regionKey, type FirstSeen, type RegionalAvailability, type UpgradeTarget } from './fleetFacts';
import { formatKubernetesMinor, parseKubernetesVersion } from './kubernetesVersion';
import { parseNodeImageVersion } from './nodeImageVersion';
import { reason, ReasonCode, type Reason } from './reasons';
import type { ResolvedVersionPolicy } from './versionPolicy';

/** Everything a candidate is checked against. */
export interface CandidateContext {
  readonly policy: ResolvedVersionPolicy;
  /** Canonical member regions, sorted. */
  readonly regions: readonly string[];
  readonly availability: RegionalAvailability;
  readonly firstSeen: readonly FirstSeen[];
  readonly nowMs: number;
}

const HOUR_MS = 3_600_000;

/**
 * Why `target` may not be targeted now; empty = eligible. Checks, in this order: GA in every member region
 * (`NotGa`), published in every member region (`NotInAllRegions`), blocklist, `.0` patch, LTS guard, soak since
 * first seen in every member region (`Soaking`), and for Kubernetes the minimum patch age (`PatchTooYoung`).
 * Soak and patch age are both measured from the latest first-seen over the member regions; a region that
 * publishes the version but has no first-seen record yet counts as first seen now (the clock starts when the
 * release detector records it).
 */
export function checkCandidate(target: UpgradeTarget, ctx: CandidateContext): Reason[] {
  const reasons: Reason[] = [];
  const { version } = target;
  const presence = ctx.regions.map((region) => ({ region, ...presenceIn(target, region, ctx.availability) }));

  const preview = presence.filter((p) => p.preview).map((p) => p.region);
  if (preview.length > 0) {
    reasons.push(reason(ReasonCode.NotGa, `${version} is a preview in region ${preview.join(', ')}; only GA versions are targeted.`, { version, regions: preview }));
  }
  const missing = presence.filter((p) => !p.published).map((p) => p.region);
  if (missing.length > 0) {
    reasons.push(
      reason(
        ReasonCode.NotInAllRegions,
        `${version} is not available in region ${missing.join(', ')} yet; waiting so no member sits Pending.`,
        { version, regions: missing },
      ),
    );
  }
  const blocked = matchBlocklist(version, ctx.policy.blocklist);
  if (blocked !== undefined) {
    reasons.push(reason(ReasonCode.Blocklisted, `${version} is blocklisted by entry '${blocked}'.`, { version, matched: blocked }));
  }
  if (target.kind === 'kubernetes') reasons.push(...kubernetesOnly(version, presence, ctx));

  const published = presence.filter((p) => p.published).map((p) => p.region);
  const age = latestFirstSeen(version, published, ctx);
  if (ctx.policy.soakHours > 0 && age !== undefined && ctx.nowMs < age.at + ctx.policy.soakHours * HOUR_MS) {
    const until = iso(age.at + ctx.policy.soakHours * HOUR_MS);
    reasons.push(
      reason(
        ReasonCode.Soaking,
        `${version} was first seen in region ${age.region} at ${age.text}; it soaks ${ctx.policy.soakHours}h in every member region, until ${until}.`,
        { version, regions: [age.region], until },
      ),
    );
  }
  if (target.kind === 'kubernetes' && ctx.policy.minimumPatchAgeHours > 0 && age !== undefined) {
    const ready = age.at + ctx.policy.minimumPatchAgeHours * HOUR_MS;
    if (ctx.nowMs < ready) {
      const hours = Math.floor((ctx.nowMs - age.at) / HOUR_MS);
      reasons.push(
        reason(
          ReasonCode.PatchTooYoung,
          `${version} is ${hours}h old in region ${age.region} (first seen ${age.text}); patches must be ${ctx.policy.minimumPatchAgeHours}h old, until ${iso(ready)}.`,
          { version, regions: [age.region], until: iso(ready) },
        ),
      );
    }
  }
  return reasons;
}

interface Presence {
  readonly region: string;
  readonly published: boolean;
  readonly preview: boolean;
  readonly supportPlan: readonly string[];
}

function presenceIn(target: UpgradeTarget, region: string, availability: RegionalAvailability): Omit<Presence, 'region'> {
  const offer = availabilityIn(availability, region);
  if (target.kind === 'nodeimage') {
    const wanted = parseNodeImageVersion(target.version);
    const published = (offer?.nodeImageVersions ?? []).some((v) => {
      const p = parseNodeImageVersion(v);
      return p !== undefined && wanted !== undefined && p.yearMonth === wanted.yearMonth && p.day === wanted.day && p.build === wanted.build;
    });
    return { published, preview: false, supportPlan: [] };
  }
  const entry = (offer?.kubernetesVersions ?? []).find((e) => e.patchVersions.includes(target.version));
  if (entry === undefined) return { published: false, preview: false, supportPlan: [] };
  return { published: true, preview: entry.isPreview, supportPlan: entry.supportPlan };
}

/** `.0` patch and LTS guard. */
function kubernetesOnly(version: string, presence: readonly Presence[], ctx: CandidateContext): Reason[] {
  const out: Reason[] = [];
  const v = parseKubernetesVersion(version);
  if (v === undefined) return out;
  if (ctx.policy.skipDotZeroPatches && v.patch === 0) {
    out.push(reason(ReasonCode.DotZeroPatch, `${version} is the first patch of ${formatKubernetesMinor(v)} and the policy skips .0 patches.`, { version }));
  }
  const published = presence.filter((p) => p.published);
  const minor = formatKubernetesMinor(v);
  if (!ctx.policy.longTermSupport) {
    const ltsOnly = published.filter((p) => !p.supportPlan.includes('KubernetesOfficial')).map((p) => p.region);
    if (ltsOnly.length > 0) {
      out.push(
        reason(
          ReasonCode.LtsGuard,
          `${minor} is only available with AKSLongTermSupport in region ${ltsOnly.join(', ')}; the policy does not allow long-term support, so ${version} is not targeted.`,
          { version, regions: ltsOnly },
        ),
      );
    }
  } else {
    const noLts = published.filter((p) => !p.supportPlan.includes('AKSLongTermSupport')).map((p) => p.region);
    if (noLts.length > 0) {
      out.push(
        reason(
          ReasonCode.LtsGuard,
          `${minor} does not offer AKSLongTermSupport in region ${noLts.join(', ')}; the fleet is pinned to long-term support, so ${version} is not targeted.`,
          { version, regions: noLts },
        ),
      );
    }
  }
  return out;
}

/** The latest first-seen of `version` over the given regions; a missing or unparseable record counts as now. */
function latestFirstSeen(
  version: string,
  regions: readonly string[],
  ctx: CandidateContext,
): { region: string; at: number; text: string } | undefined {
  let latest: { region: string; at: number; text: string } | undefined;
  for (const region of regions) {
    const record = ctx.firstSeen.find((f) => regionKey(f.region) === region && f.version === version);
    const parsed = record === undefined ? Number.NaN : Date.parse(record.firstSeenAt);
    const known = Number.isFinite(parsed);
    const at = known ? parsed : ctx.nowMs;
    const text = known ? iso(at) : `${iso(at)} (not recorded yet)`;
    if (latest === undefined || at > latest.at) latest = { region, at, text };
  }
  return latest;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
