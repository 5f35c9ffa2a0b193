import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armAction } from '../../emulator/authz/armAction';
import type { RunningEmulator } from '../../emulator/startEmulator';
import { fleetPath, httpsJson, startTestEmulator, SUB } from './emulatorTestKit';
import { threeStageScenario } from './scenarioFixtures';

const AUTH = { authorization: 'Bearer test' };
const FLEET = fleetPath('rg1', 'fleet-1');
const RG = `/subscriptions/${SUB}/resourceGroups/rg-clusters`;
const CLUSTER = `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-dev-1`;
const PERMS = '/providers/Microsoft.Authorization/permissions?api-version=2022-04-01';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(threeStageScenario());
});
afterAll(() => emu.stop());

const arm = (method: string, path: string, body?: unknown) => httpsJson(emu, method, path, body, AUTH);
const roles = (method: string, body?: unknown) => httpsJson(emu, method, '/_emulator/roleAssignments', body);

describe('armAction: the action ARM authorizes a request against', () => {
  it('derives read, write, delete and POST actions from the resource type path', () => {
    expect(armAction('GET', `${CLUSTER}/maintenanceConfigurations`)).toBe('Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read');
    expect(armAction('GET', `/subscriptions/${SUB}/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions`)).toBe('Microsoft.ContainerService/locations/kubernetesVersions/read');
    expect(armAction('PUT', `${FLEET}/updateRuns/r1`)).toBe('Microsoft.ContainerService/fleets/updateRuns/write');
    expect(armAction('PATCH', `${FLEET}/gates/g`)).toBe('Microsoft.ContainerService/fleets/gates/write');
    expect(armAction('DELETE', `${FLEET}/updateRuns/r1`)).toBe('Microsoft.ContainerService/fleets/updateRuns/delete');
    expect(armAction('POST', `${FLEET}/updateRuns/r1/start`)).toBe('Microsoft.ContainerService/fleets/updateRuns/start/action');
    expect(armAction('POST', `${FLEET}/autoUpgradeProfiles/p/generateUpdateRun`)).toBe('Microsoft.ContainerService/fleets/autoUpgradeProfiles/generateUpdateRun/action');
    expect(armAction('GET', RG)).toBeUndefined();
  });
});

describe('access control in the emulator', () => {
  it('unconfigured: the identity is unrestricted and the permissions call says so', async () => {
    const res = await arm('GET', `${RG}${PERMS}`);
    expect([res.status, res.body]).toEqual([200, { value: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }] }]);
    expect((await arm('GET', `${CLUSTER}/maintenanceConfigurations?api-version=2026-04-01`)).status).toBe(200);
  });

  it('configured: permissions per scope (inherited from above), and a refused call is 403 AuthorizationFailed naming the action and scope', async () => {
    expect((await roles('PUT', { value: [{ scope: `/subscriptions/${SUB}`, permissions: { actions: ['Microsoft.ContainerService/managedClusters/read'] } }, { scope: FLEET, roleDefinitionName: 'Reader' }] })).status).toBe(200);
    const atRg = await arm('GET', `${RG}${PERMS}`);
    expect(atRg.body).toEqual({ value: [{ actions: ['Microsoft.ContainerService/managedClusters/read'], notActions: [], dataActions: [], notDataActions: [] }] });
    expect((await arm('GET', `${FLEET}${PERMS}`)).body.value).toHaveLength(2);

    const refused = await arm('GET', `${CLUSTER}/maintenanceConfigurations?api-version=2026-04-01`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AuthorizationFailed');
    expect(refused.body.error.message).toContain(`perform action 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read' over scope '${CLUSTER}/maintenanceConfigurations'`);
    expect((await arm('GET', `${CLUSTER}?api-version=2026-04-01`)).status).toBe(200);
    expect((await arm('GET', `${FLEET}/updateRuns?api-version=2026-03-02-preview`)).status).toBe(200);
    expect((await arm('POST', `${FLEET}/updateRuns/r1/start?api-version=2026-03-02-preview`)).status).toBe(403);

    expect((await roles('GET')).body).toMatchObject({ configured: true, value: [expect.objectContaining({ roleName: 'custom' }), expect.objectContaining({ roleName: 'Reader' })] });
    expect((await roles('DELETE')).status).toBe(204);
    expect((await arm('GET', `${CLUSTER}/maintenanceConfigurations?api-version=2026-04-01`)).status).toBe(200);
  });

  it('rejects unknown fields, unknown built-in roles, bad scopes and ambiguous assignments with 400, changing nothing', async () => {
    for (const body of [
      { value: [], extra: 1 },
      { value: [{ scope: RG, roleDefinitionName: 'Reader', condition: 'x' }] },
      { value: [{ scope: RG, roleDefinitionName: 'Kubernetes Wizard' }] },
      { value: [{ scope: 'rg-clusters', roleDefinitionName: 'Reader' }] },
      { value: [{ scope: RG }] },
      { value: [{ scope: RG, roleDefinitionName: 'Reader', permissions: { actions: ['*'] } }] },
      { value: [{ scope: RG, permissions: { actions: ['*'], conditions: [] } }] },
      { value: [{ scope: RG, permissions: { actions: '*' } }] },
    ]) {
      const res = await roles('PUT', body);
      expect([JSON.stringify(body), res.status, res.body.error?.code]).toEqual([JSON.stringify(body), 400, 'InvalidRequestContent']);
    }
    expect((await roles('GET')).body).toEqual({ configured: false, value: [] });
  });

  it('serves permissions only at resource group and resource scopes, with an api-version', async () => {
    expect((await arm('GET', `/subscriptions/${SUB}${PERMS}`)).status).toBe(404);
    expect((await arm('GET', `${RG}/providers/Microsoft.Authorization/permissions`)).body.error.code).toBe('MissingApiVersionParameter');
  });
});
