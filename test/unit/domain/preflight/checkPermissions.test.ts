import { describe, expect, it } from 'vitest';
import { checkPermissions } from '../../../../src/domain/preflight/checkPermissions';
import { grantsAction } from '../../../../src/domain/preflight/permissionMatch';

describe('grantsAction', () => {
  it('matches wildcards case-insensitively, and notActions subtract from their own entry only', () => {
    expect(grantsAction([{ actions: ['*/read'], notActions: [] }], 'Microsoft.ContainerService/fleets/read')).toBe(true);
    expect(grantsAction([{ actions: ['microsoft.containerservice/fleets/*'], notActions: [] }], 'Microsoft.ContainerService/fleets/gates/write')).toBe(true);
    expect(grantsAction([{ actions: ['*'], notActions: ['Microsoft.ContainerService/*/write'] }], 'Microsoft.ContainerService/fleets/gates/write')).toBe(false);
    expect(grantsAction([{ actions: ['*'], notActions: ['Microsoft.ContainerService/*/write'] }, { actions: ['Microsoft.ContainerService/fleets/gates/write'], notActions: [] }], 'Microsoft.ContainerService/fleets/gates/write')).toBe(true);
    expect(grantsAction([], 'Microsoft.ContainerService/fleets/read')).toBe(false);
  });
});

describe('checkPermissions', () => {
  const fleet = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f';

  it('names each missing action at its scope with a role that grants it; a 403 elsewhere is its own finding', () => {
    const findings = checkPermissions(
      [{ scope: fleet, kind: 'fleet', result: { entries: [{ actions: ['Microsoft.ContainerService/fleets/*'], notActions: ['Microsoft.ContainerService/fleets/gates/write'] }] } }],
      [{ call: 'list Kubernetes versions in eastus', scope: '/subscriptions/s', scopeKind: 'subscription', action: 'Microsoft.ContainerService/locations/kubernetesVersions/read', error: { status: 403, code: 'AuthorizationFailed', message: 'no' } }],
    );
    expect(findings.map((f) => [f.code, f.subject, f.evidence.action])).toEqual([
      ['MissingPermission', fleet, 'Microsoft.ContainerService/fleets/gates/write'],
      ['CallForbidden', '/subscriptions/s', 'Microsoft.ContainerService/locations/kubernetesVersions/read'],
    ]);
    expect(findings[0]!.fix).toContain("'Azure Kubernetes Fleet Manager Contributor Role'");
    expect(findings[1]!.fix).toContain("'Reader' role on /subscriptions/s");
  });

  it('ignores failures other than 403, and reports an unreadable permissions answer as unchecked', () => {
    const findings = checkPermissions(
      [{ scope: fleet, kind: 'fleet', result: { failure: { status: 500, message: 'boom' } } }],
      [{ call: 'x', scope: '/subscriptions/s', scopeKind: 'subscription', action: 'a', error: { status: 500, message: 'boom' } }],
    );
    expect(findings.map((f) => f.code)).toEqual(['PermissionsUnreadable']);
  });
});
