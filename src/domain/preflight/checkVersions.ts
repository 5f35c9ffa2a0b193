import { availabilityIn, type MemberFacts, type RegionalAvailability, type UpgradeTarget } from '../versions/fleetFacts';
import { compareKubernetesMinors, formatKubernetesMinor, parseKubernetesMinor, type KubernetesMinor } from '../versions/kubernetesVersion';
import type { PreflightFinding } from './preflightFinding';

function newestGaMinor(availability: RegionalAvailability, region: string): KubernetesMinor | undefined {
  const minors = (availabilityIn(availability, region)?.kubernetesVersions ?? []).filter((m) => !m.isPreview).flatMap((m) => parseKubernetesMinor(m.version) ?? []);
  return minors.sort(compareKubernetesMinors).at(-1);
}

/**
 * Members on a minor AKS no longer lists in their region (out of support: AKS lists the supported minors, LTS ones
 * with the `AKSLongTermSupport` plan), and members more than one minor behind the target, which an upgrade cannot
 * reach in one step (AKS upgrades one minor at a time; Microsoft Learn, "Upgrade an AKS cluster": skipping minors is
 * not supported). The target is the fleet's planned one; without one, the newest GA minor of the member's region.
 */
export function checkVersions(members: readonly MemberFacts[], availability: RegionalAvailability, target: UpgradeTarget | undefined): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const planned = target?.kind === 'kubernetes' ? parseKubernetesMinor(target.version) : undefined;
  for (const m of members) {
    const minor = parseKubernetesMinor(m.kubernetesVersion);
    if (!minor) continue;
    const listed = (availabilityIn(availability, m.region)?.kubernetesVersions ?? []).find((v) => {
      const listedMinor = parseKubernetesMinor(v.version);
      return listedMinor !== undefined && compareKubernetesMinors(listedMinor, minor) === 0;
    });
    const lts = m.supportPlan === 'AKSLongTermSupport';
    // A minor AKS still lists only under AKSLongTermSupport is out of support for a cluster on the standard plan.
    const onlyLts = listed !== undefined && listed.supportPlan.length > 0 && !listed.supportPlan.includes('KubernetesOfficial');
    if (!listed || (onlyLts && !lts)) {
      findings.push({
        area: 'versions',
        code: 'UnsupportedVersion',
        severity: 'error',
        subject: m.name,
        message: listed
          ? `Member ${m.name} runs Kubernetes ${m.kubernetesVersion}; AKS supports ${formatKubernetesMinor(minor)} in ${m.region} only on the Long Term Support plan, which the cluster is not on.`
          : `Member ${m.name} runs Kubernetes ${m.kubernetesVersion}; AKS no longer lists ${formatKubernetesMinor(minor)} in ${m.region}, so it is out of support.`,
        evidence: { member: m.name, kubernetesVersion: m.kubernetesVersion, region: m.region, listedMinors: (availabilityIn(availability, m.region)?.kubernetesVersions ?? []).map((v) => v.version) },
        fix: `Upgrade ${m.name} one minor at a time to a supported version (az aks upgrade), or move it to the AKS Long Term Support plan if its minor has one.`,
      });
    }
    const reference = planned ?? newestGaMinor(availability, m.region);
    if (!reference) continue;
    const behind = reference.major === minor.major ? reference.minor - minor.minor : undefined;
    if (behind !== undefined && behind >= 2) {
      const next = formatKubernetesMinor({ major: minor.major, minor: minor.minor + 1 });
      findings.push({
        area: 'versions',
        code: 'TargetTooFar',
        severity: 'error',
        subject: m.name,
        message: `Member ${m.name} runs ${m.kubernetesVersion}, ${behind} minors behind ${planned ? 'the planned target' : 'the newest GA minor in its region'} ${formatKubernetesMinor(reference)}; AKS upgrades one minor at a time, so the run would fail on it.`,
        evidence: { member: m.name, kubernetesVersion: m.kubernetesVersion, reference: formatKubernetesMinor(reference), referenceSource: planned ? 'plannedTarget' : 'newestInRegion', minorsBehind: behind },
        fix: `Upgrade ${m.name} to ${next} first (az aks upgrade --kubernetes-version <${next} patch>), then let the fleet run take it further.`,
      });
    }
  }
  return findings;
}
