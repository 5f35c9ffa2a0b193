/** The permission block of a role definition (azure-rest-api-specs, Microsoft.Authorization 2022-04-01 `Permission`). */
export interface RolePermissions {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

const role = (actions: string[], notActions: string[] = [], dataActions: string[] = []): RolePermissions => ({ actions, notActions, dataActions, notDataActions: [] });

/**
 * Built-in roles a world can assign by name, with their control-plane actions as Microsoft Learn "Azure built-in
 * roles" lists them. Azure Kubernetes Fleet Manager Contributor Role keeps only the actions that matter here (its
 * `fleets/*` and the read actions); the page lists a few more network and deployment actions no call here needs.
 */
export const BUILT_IN_ROLES: Readonly<Record<string, RolePermissions>> = {
  Owner: role(['*']),
  Contributor: role(['*'], [
    'Microsoft.Authorization/*/Delete',
    'Microsoft.Authorization/*/Write',
    'Microsoft.Authorization/elevateAccess/Action',
    'Microsoft.Blueprint/blueprintAssignments/write',
    'Microsoft.Blueprint/blueprintAssignments/delete',
    'Microsoft.Compute/galleries/share/action',
    'Microsoft.Purview/consents/write',
    'Microsoft.Purview/consents/delete',
    'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
    'Microsoft.Subscription/cancel/action',
    'Microsoft.Subscription/enable/action',
  ]),
  Reader: role(['*/read']),
  'Azure Kubernetes Fleet Manager Contributor Role': role([
    'Microsoft.ContainerService/fleets/*',
    'Microsoft.Authorization/*/read',
    'Microsoft.Resources/subscriptions/resourcegroups/read',
    'Microsoft.Resources/deployments/*',
    'Microsoft.Insights/alertRules/*',
  ]),
  'Log Analytics Reader': role(
    ['*/read', 'Microsoft.OperationalInsights/workspaces/analytics/query/action', 'Microsoft.OperationalInsights/workspaces/search/action', 'Microsoft.Support/*'],
    ['Microsoft.OperationalInsights/workspaces/sharedKeys/read'],
  ),
};
