import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, bicepSources, readInfra, type BicepFile } from './support/bicep';
import table from './builtInRoles.json';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Every ARM call the adapters make (src/adapters/arm, by method) and the action it needs. A new adapter method fails
 * the coverage test below until it is added here and the roles are reviewed for it.
 */
const CALLS: Record<string, { readonly action: string; readonly scope: 'fleet' | 'subscription' }> = {
  'ArmFleetApi.listGates': { action: 'Microsoft.ContainerService/fleets/gates/read', scope: 'fleet' },
  'ArmFleetApi.getGate': { action: 'Microsoft.ContainerService/fleets/gates/read', scope: 'fleet' },
  'ArmFleetApi.completeGate': { action: 'Microsoft.ContainerService/fleets/gates/write', scope: 'fleet' },
  'ArmFleetApi.getUpdateRun': { action: 'Microsoft.ContainerService/fleets/updateRuns/read', scope: 'fleet' },
  'ArmFleetApi.listRunSnapshots': { action: 'Microsoft.ContainerService/fleets/updateRuns/read', scope: 'fleet' },
  'ArmFleetApi.observeRun': { action: 'Microsoft.ContainerService/fleets/updateRuns/read', scope: 'fleet' },
  'ArmFleetApi.stopUpdateRun': { action: 'Microsoft.ContainerService/fleets/updateRuns/stop/action', scope: 'fleet' },
  'ArmFleetApi.skipUpdateRun': { action: 'Microsoft.ContainerService/fleets/updateRuns/skip/action', scope: 'fleet' },
  'ArmFleetApi.getUpdateStrategy': { action: 'Microsoft.ContainerService/fleets/updateStrategies/read', scope: 'fleet' },
  'ArmFleetApi.getUpdateStrategyState': { action: 'Microsoft.ContainerService/fleets/updateStrategies/read', scope: 'fleet' },
  'ArmFleetApi.upsertUpdateStrategy': { action: 'Microsoft.ContainerService/fleets/updateStrategies/write', scope: 'fleet' },
  'ArmRunCreator.createUpdateRun': { action: 'Microsoft.ContainerService/fleets/updateRuns/write', scope: 'fleet' },
  'ArmRunCreator.startUpdateRun': { action: 'Microsoft.ContainerService/fleets/updateRuns/start/action', scope: 'fleet' },
  'ArmRunCreator.generateUpdateRun': { action: 'Microsoft.ContainerService/fleets/autoUpgradeProfiles/generateUpdateRun/action', scope: 'fleet' },
  'ArmRunCreator.findGeneratedRun': { action: 'Microsoft.ContainerService/fleets/updateRuns/read', scope: 'fleet' },
  'ArmRunCreator.listActiveRuns': { action: 'Microsoft.ContainerService/fleets/updateRuns/read', scope: 'fleet' },
  'ArmReleaseSource.listMembers': { action: 'Microsoft.ContainerService/fleets/members/read', scope: 'fleet' },
  'ArmReleaseSource.listManagedClusters': { action: 'Microsoft.ContainerService/managedClusters/read', scope: 'subscription' },
  'ArmReleaseSource.listKubernetesVersions': { action: 'Microsoft.ContainerService/locations/kubernetesVersions/read', scope: 'subscription' },
  'ArmReleaseSource.listNodeImageVersions': { action: 'Microsoft.ContainerService/locations/nodeImageVersions/read', scope: 'subscription' },
  // Preflight: the identity's own permissions on the fleet and on member resource groups (both inside a subscription
  // the catalogue reader is assigned on), and each member cluster's maintenance configurations.
  'ArmPreflightSource.listPermissions': { action: 'Microsoft.Authorization/permissions/read', scope: 'subscription' },
  'ArmPreflightSource.listMaintenanceConfigurations': { action: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read', scope: 'subscription' },
  // Long-running Fleet operations (create/start/stop/skip/generate) are polled at the subscription's
  // locations/{region}/operationStatuses URL (Azure-AsyncOperation).
  'ArmTransport.mutate (LRO poll)': { action: 'Microsoft.ContainerService/locations/operationStatuses/read', scope: 'subscription' },
};

/** Azure's action matching: `*` stands for any run of characters; comparison is case-insensitive. */
function grants(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

function stringList(file: BicepFile, name: string): string[] {
  const v = file.vars.get(name);
  return v?.kind === 'array' ? v.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
}

function roleProblems(files: ReadonlyMap<string, BicepFile>): string[] {
  const problems: string[] = [];
  const known = table.roles as Record<string, string>;
  for (const file of files.values()) {
    const builtIns = file.vars.get('builtInRoles');
    const declared = builtIns?.kind === 'object' ? builtIns.properties : new Map();
    for (const [name, id] of declared) {
      if (id.kind !== 'string') problems.push(`${file.path}: builtInRoles["${name}"] is not a literal id`);
      else if (known[name] === undefined) problems.push(`${file.path}: "${name}" is not in test/infra/builtInRoles.json`);
      else if (known[name].toLowerCase() !== id.value.toLowerCase()) problems.push(`${file.path}: "${name}" is ${known[name]}, not ${id.value}`);
      if (table.tooBroadForTheApp.includes(name)) problems.push(`${file.path}: grants "${name}", broader than the app's calls need`);
    }
    // A role id anywhere else is an unnamed grant nobody can review.
    const builtInText = builtIns?.kind === 'object' ? builtIns.node.text : '';
    const stray = (file.text.replace(builtInText, '').match(GUID) ?? []);
    for (const id of stray) problems.push(`${file.path}: role id ${id} outside builtInRoles (name it there)`);
  }
  return problems;
}

function uncoveredCalls(roles: BicepFile): string[] {
  const fleetActions = stringList(roles, 'fleetOperatorActions');
  const catalogueActions = stringList(roles, 'catalogueReaderActions');
  return Object.entries(CALLS).flatMap(([call, { action, scope }]) => {
    const actions = scope === 'fleet' ? fleetActions : catalogueActions;
    return actions.some((a) => grants(a, action)) ? [] : [`${call} needs ${action} at ${scope} scope`];
  });
}

function unusedActions(roles: BicepFile): string[] {
  const needed = Object.values(CALLS).map((c) => c.action);
  return [...stringList(roles, 'fleetOperatorActions'), ...stringList(roles, 'catalogueReaderActions')].filter(
    (a) => !needed.some((n) => grants(a, n)) && a !== 'Microsoft.ContainerService/fleets/read',
  );
}

describe('least privilege: roles named, checked and covering every call the app makes', () => {
  let files: Map<string, BicepFile>;
  beforeAll(async () => {
    files = await readInfra();
  });

  it('built-in role ids match their names in the table, none is broader than needed, and no role id is unnamed', () => {
    expect(roleProblems(files)).toEqual([]);
  });

  it('the custom roles grant an action for every ARM call in src/adapters/arm, and nothing no call needs', () => {
    const roles = files.get('app/roles.bicep')!;
    expect(uncoveredCalls(roles)).toEqual([]);
    expect(unusedActions(roles)).toEqual([]);
  });

  it('the call table lists every public method of the ARM adapters', () => {
    const methods = ['ArmFleetApi', 'ArmRunCreator', 'ArmReleaseSource', 'ArmPreflightSource'].flatMap((cls) =>
      [...readFileSync(join(REPO, 'src/adapters/arm', `${cls}.ts`), 'utf8').matchAll(/^ {2}async (\w+)\(/gm)].map((m) => `${cls}.${m[1]}`),
    );
    expect(methods.filter((m) => !(m in CALLS))).toEqual([]);
  });

  it('negative controls: a wrong id, a broad role, a stray id and a dropped action are all reported', async () => {
    const sources = bicepSources();
    const rbac = sources.get('app/rbac.bicep')!;
    sources.set('app/rbac.bicep', rbac
      .replace("'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'", "'Storage Blob Data Owner': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'")
      .replace("var builtInRoles = {", "var builtInRoles = {\n  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c'")
      .replace("principalType: 'ServicePrincipal'", "principalType: 'ServicePrincipal' // 11111111-2222-3333-4444-555555555555"));
    sources.set('app/roles.bicep', sources.get('app/roles.bicep')!.replace("  'Microsoft.ContainerService/fleets/gates/write' // completeGate (PATCH state=Completed)\n", ''));
    const broken = await readInfra(sources);
    expect(roleProblems(broken)).toEqual([
      'app/rbac.bicep: grants "Contributor", broader than the app\'s calls need',
      'app/rbac.bicep: "Storage Blob Data Owner" is b7e6dc6d-f1e8-4753-8033-0f276bb0955b, not ba92f5b4-2d11-453d-a403-e96b0029c9fe',
      'app/rbac.bicep: role id 11111111-2222-3333-4444-555555555555 outside builtInRoles (name it there)',
    ]);
    expect(uncoveredCalls(broken.get('app/roles.bicep')!)).toEqual(['ArmFleetApi.completeGate needs Microsoft.ContainerService/fleets/gates/write at fleet scope']);
  });
});
