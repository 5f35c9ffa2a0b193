import { describe, expect, it } from 'vitest';
import { checkVersions } from '../../../../src/domain/preflight/checkVersions';
import type { MemberFacts, RegionalAvailability } from '../../../../src/domain/versions/fleetFacts';

const member = (name: string, kubernetesVersion: string, extra: Partial<MemberFacts> = {}): MemberFacts => ({ name, clusterResourceId: `/c/${name}`, region: 'East US', kubernetesVersion, nodeImageVersions: [], ...extra });
const minor = (version: string, supportPlan: ('KubernetesOfficial' | 'AKSLongTermSupport')[] = ['KubernetesOfficial']) => ({ version, isPreview: false, supportPlan, patchVersions: [`${version}.1`] });
const availability: RegionalAvailability = { eastus: { kubernetesVersions: [minor('1.31'), minor('1.32'), minor('1.33'), { ...minor('1.34'), isPreview: true }] } };

describe('checkVersions', () => {
  it('names a minor AKS no longer lists, and members two or more minors behind the newest GA minor of their region', () => {
    const findings = checkVersions([member('old', '1.29.4'), member('behind', '1.31.2'), member('ok', '1.32.1')], availability, undefined);
    expect(findings.map((f) => [f.code, f.subject, f.evidence.minorsBehind])).toEqual([
      ['UnsupportedVersion', 'old', undefined],
      ['TargetTooFar', 'old', 4],
      ['TargetTooFar', 'behind', 2],
    ]);
    expect(findings[2]!.evidence.referenceSource).toBe('newestInRegion');
  });

  it('a minor listed only under Long Term Support is unsupported for a standard-plan cluster, supported on the LTS plan', () => {
    const lts: RegionalAvailability = { eastus: { kubernetesVersions: [minor('1.30', ['AKSLongTermSupport']), minor('1.31')] } };
    expect(checkVersions([member('std', '1.30.3')], lts, undefined).map((f) => f.code)).toEqual(['UnsupportedVersion']);
    expect(checkVersions([member('lts', '1.30.3', { supportPlan: 'AKSLongTermSupport' })], lts, undefined)).toEqual([]);
  });

  it('measures against the planned target when there is one', () => {
    const findings = checkVersions([member('behind', '1.31.2')], availability, { kind: 'kubernetes', version: '1.32.5' });
    expect(findings).toEqual([]);
    expect(checkVersions([member('m', '1.31.2')], availability, { kind: 'kubernetes', version: '1.33.1' })[0]).toMatchObject({ code: 'TargetTooFar', evidence: { reference: '1.33', referenceSource: 'plannedTarget' } });
  });
});
