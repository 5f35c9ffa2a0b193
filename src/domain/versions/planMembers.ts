import { availabilityIn, type MemberFacts, type RegionalAvailability, type UpgradeTarget } from './fleetFacts';
import {
  compareKubernetesVersions,
  formatKubernetesMinor,
  minorDistance,
  parseKubernetesVersion,
  sameMinor,
  type KubernetesVersion,
} from './kubernetesVersion';
import { compareNodeImageVersions, formatNodeImageVersion, parseNodeImageVersion, type NodeImageVersion } from './nodeImageVersion';
import { reason, ReasonCode, type Reason } from './reasons';

/** One member as the plan sees it. */
export interface PlannedMember {
  readonly member: string;
  readonly clusterResourceId: string;
  readonly region: string;
  readonly group: string | undefined;
  /** Kubernetes version, or the oldest node image of its pools for node image runs. */
  readonly currentVersion: string;
  /** Empty for members that will be upgraded. */
  readonly reasons: readonly Reason[];
}

/**
 * What a run for `target` would do to each member. `skip` members are skipped by Fleet or must be skipped in the
 * run by Conductor (MinorSkip, DifferentMinor, LtsGuard, UnknownVersion); `pending` members would wait in the run
 * (NotInRegion, MaintenanceWindowClosed). Members keep their input order in each list.
 */
export interface MemberPlan {
  readonly target: UpgradeTarget;
  readonly upgrade: readonly PlannedMember[];
  readonly skip: readonly PlannedMember[];
  readonly pending: readonly PlannedMember[];
}

export interface PlanOptions {
  /** `patch` channel: members on another minor than the target are skipped (`DifferentMinor`), never moved. */
  readonly keepMinor?: boolean;
}

type Disposition = { readonly kind: 'upgrade' | 'skip' | 'pending'; readonly current: string; readonly reasons: readonly Reason[] };

/**
 * Plans the members for `target`. For Kubernetes, in order: unparseable version → skip `UnknownVersion`; at the
 * target → skip `AtTarget`; other minor under `keepMinor` → skip `DifferentMinor`; newer → skip `AheadOfTarget`;
 * two or more minors behind → skip `MinorSkip` (AKS cannot skip a minor); target minor only on AKSLongTermSupport in
 * its region while the member is not on that plan → skip `LtsGuard`; region lacks the GA target → pending
 * `NotInRegion`; maintenance window closed (when the input says so) → pending `MaintenanceWindowClosed`.
 * For node images: no parseable pool image → skip `UnknownVersion`; every pool at or past the target → skip
 * `AtTarget`; then the same region and maintenance checks.
 */
export function planMembers(
  target: UpgradeTarget,
  members: readonly MemberFacts[],
  availability: RegionalAvailability,
  options: PlanOptions = {},
): MemberPlan {
  const plan = { target, upgrade: [] as PlannedMember[], skip: [] as PlannedMember[], pending: [] as PlannedMember[] };
  for (const m of members) {
    const d = target.kind === 'kubernetes' ? planKubernetes(target.version, m, availability, options) : planNodeImage(target.version, m, availability);
    plan[d.kind].push({
      member: m.name,
      clusterResourceId: m.clusterResourceId,
      region: m.region,
      group: m.group,
      currentVersion: d.current,
      reasons: d.reasons,
    });
  }
  return plan;
}

function planKubernetes(targetText: string, m: MemberFacts, availability: RegionalAvailability, options: PlanOptions): Disposition {
  const current = m.kubernetesVersion;
  const skip = (code: ReasonCode, message: string): Disposition => ({
    kind: 'skip',
    current,
    reasons: [reason(code, message, { version: targetText, member: m.name })],
  });
  const v = parseKubernetesVersion(current);
  const target = parseKubernetesVersion(targetText);
  if (v === undefined || target === undefined) {
    return skip(ReasonCode.UnknownVersion, `Member ${m.name} reports Kubernetes version '${current}', which cannot be parsed; it is skipped.`);
  }
  const cmp = compareKubernetesVersions(v, target);
  if (cmp === 0) return skip(ReasonCode.AtTarget, `Member ${m.name} already runs ${targetText}.`);
  if (options.keepMinor === true && !sameMinor(v, target)) {
    return skip(
      ReasonCode.DifferentMinor,
      `Member ${m.name} runs ${current} on minor ${formatKubernetesMinor(v)}; the patch channel keeps it there, so the ${targetText} run skips it.`,
    );
  }
  if (cmp > 0) return skip(ReasonCode.AheadOfTarget, `Member ${m.name} runs ${current}, newer than ${targetText}; AKS cannot downgrade, so it is skipped.`);
  const behind = minorDistance(v, target);
  if (behind >= 2) {
    return skip(
      ReasonCode.MinorSkip,
      `Member ${m.name} runs ${current}, ${behind} minors behind ${targetText}; AKS cannot skip a minor, so it is skipped (upgrade it to ${nextMinor(v)} first).`,
    );
  }
  const entry = availabilityIn(availability, m.region)?.kubernetesVersions.find((e) => e.patchVersions.includes(targetText) && !e.isPreview);
  if (entry !== undefined && !entry.supportPlan.includes('KubernetesOfficial') && m.supportPlan !== 'AKSLongTermSupport') {
    return skip(
      ReasonCode.LtsGuard,
      `Member ${m.name} is not on the AKSLongTermSupport plan and ${formatKubernetesMinor(target)} is only available with it in region ${m.region}; it is skipped.`,
    );
  }
  return regionAndWindow(m, current, targetText, entry !== undefined);
}

function planNodeImage(targetText: string, m: MemberFacts, availability: RegionalAvailability): Disposition {
  const pools = m.nodeImageVersions.map(parseNodeImageVersion).filter((p): p is NodeImageVersion => p !== undefined);
  const target = parseNodeImageVersion(targetText);
  const oldest = [...pools].sort(compareNodeImageVersions)[0];
  if (oldest === undefined || target === undefined) {
    return {
      kind: 'skip',
      current: m.nodeImageVersions.join(', '),
      reasons: [reason(ReasonCode.UnknownVersion, `Member ${m.name} reports no parseable node image version; it is skipped.`, { version: targetText, member: m.name })],
    };
  }
  const current = formatNodeImageVersion(oldest);
  if (compareNodeImageVersions(oldest, target) >= 0) {
    return {
      kind: 'skip',
      current,
      reasons: [reason(ReasonCode.AtTarget, `Every node pool of member ${m.name} already runs node image ${targetText} or newer.`, { version: targetText, member: m.name })],
    };
  }
  const published = (availabilityIn(availability, m.region)?.nodeImageVersions ?? []).some((t) => {
    const p = parseNodeImageVersion(t);
    return p !== undefined && compareNodeImageVersions(p, target) === 0;
  });
  return regionAndWindow(m, current, targetText, published);
}

function regionAndWindow(m: MemberFacts, current: string, targetText: string, published: boolean): Disposition {
  if (!published) {
    return {
      kind: 'pending',
      current,
      reasons: [
        reason(ReasonCode.NotInRegion, `Member ${m.name} would sit Pending: ${targetText} is not available in region ${m.region} yet.`, {
          version: targetText,
          member: m.name,
          regions: [m.region],
        }),
      ],
    };
  }
  if (m.maintenanceWindow !== undefined && !m.maintenanceWindow.open) {
    const next = m.maintenanceWindow.nextOpeningAt;
    const when = next === undefined ? '' : ` until it opens at ${next}`;
    return {
      kind: 'pending',
      current,
      reasons: [
        reason(ReasonCode.MaintenanceWindowClosed, `Member ${m.name} would sit Pending${when}: its maintenance window is closed.`, {
          version: targetText,
          member: m.name,
          ...(next === undefined ? {} : { until: next }),
        }),
      ],
    };
  }
  return { kind: 'upgrade', current, reasons: [] };
}

function nextMinor(v: KubernetesVersion): string {
  return `${v.major}.${v.minor + 1}`;
}
