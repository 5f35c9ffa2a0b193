/**
 * Where Conductor's identity needs an action: on the fleet resource, or on the resource group of a member cluster
 * (where `GET {scope}/providers/Microsoft.Authorization/permissions` can check it; that operation exists for
 * resource groups and resources only, per azure-rest-api-specs
 * specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleDefinitionsCalls.json,
 * `Permissions_ListForResourceGroup` and `Permissions_ListForResource`). Subscription-scope reads (cluster list,
 * Kubernetes versions per region) are checked by making the calls and naming their 403s.
 */
export type ActionScope = 'fleet' | 'memberResourceGroup' | 'subscription' | 'workspace';

export interface RequiredAction {
  readonly action: string;
  readonly scope: ActionScope;
  /** What Conductor does with it. */
  readonly why: string;
  /** A built-in role that grants it (Microsoft Learn, "Azure built-in roles"). */
  readonly builtInRole: string;
  /** The deployment's own least-privilege role holding it (infra/app/roles.bicep). */
  readonly customRole?: string;
}

const FLEET_OPERATOR = 'Fleet Conductor fleet operator';
const CATALOGUE_READER = 'Fleet Conductor catalogue reader';
const FLEET_CONTRIBUTOR = 'Azure Kubernetes Fleet Manager Contributor Role';

const fleet = (action: string, why: string): RequiredAction => ({
  action: `Microsoft.ContainerService/fleets/${action}`,
  scope: 'fleet',
  why,
  builtInRole: action.endsWith('/read') ? 'Reader' : FLEET_CONTRIBUTOR,
  customRole: FLEET_OPERATOR,
});

/** Every ARM action of src/adapters/arm (the same list as infra/README.md "Roles granted, and why"). */
export const REQUIRED_ACTIONS: readonly RequiredAction[] = [
  fleet('read', 'read the fleet'),
  fleet('members/read', 'list the members and their update groups'),
  fleet('updateRuns/read', 'observe runs and their gates'),
  fleet('updateRuns/write', 'create update runs'),
  fleet('updateRuns/start/action', 'start update runs'),
  fleet('updateRuns/stop/action', 'stop a run whose gate failed'),
  fleet('updateRuns/skip/action', 'skip members on an operator\'s word'),
  fleet('updateStrategies/read', 'read the managed strategy'),
  fleet('updateStrategies/write', 'write the managed strategy'),
  fleet('gates/read', 'read approval gates'),
  fleet('gates/write', 'complete approval gates after the health checks pass'),
  fleet('autoUpgradeProfiles/generateUpdateRun/action', 'profile-mode releases'),
  {
    action: 'Microsoft.ContainerService/managedClusters/read',
    scope: 'memberResourceGroup',
    why: 'read member clusters (versions, channels)',
    builtInRole: 'Reader',
    customRole: CATALOGUE_READER,
  },
  {
    action: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read',
    scope: 'memberResourceGroup',
    why: 'read planned maintenance windows that hold members Pending',
    builtInRole: 'Reader',
    customRole: CATALOGUE_READER,
  },
  {
    action: 'Microsoft.ContainerService/managedClusters/read',
    scope: 'subscription',
    why: 'list the clusters of a subscription in one call',
    builtInRole: 'Reader',
    customRole: CATALOGUE_READER,
  },
  {
    action: 'Microsoft.ContainerService/locations/kubernetesVersions/read',
    scope: 'subscription',
    why: 'Kubernetes versions per region',
    builtInRole: 'Reader',
    customRole: CATALOGUE_READER,
  },
  {
    action: 'Microsoft.OperationalInsights/workspaces/query/read',
    scope: 'workspace',
    why: 'run the health checks\' KQL',
    builtInRole: 'Log Analytics Reader',
  },
];

/** The required action of `scope` whose action equals `action` (case-insensitive), if any. */
export function requiredAction(scope: ActionScope, action: string): RequiredAction | undefined {
  return REQUIRED_ACTIONS.find((a) => a.scope === scope && a.action.toLowerCase() === action.toLowerCase());
}

/** The fix sentence for a missing action. */
export function grantFix(required: RequiredAction, scope: string): string {
  const custom = required.customRole ? `the deployment's '${required.customRole}' role (infra/app/roles.bicep) or ` : '';
  return `Grant the app's identity ${custom}the built-in '${required.builtInRole}' role on ${scope}.`;
}
