// The app's grants outside its resource group: two custom roles with exactly the actions its ARM
// calls need (src/adapters/arm), and Log Analytics Reader on the workspaces. Defined at subscription
// scope because role definitions and subscription-scope assignments live there.
targetScope = 'subscription'

param environmentName string
param resourceToken string

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param managedIdentityPrincipalId string

@description('Resource ids of the fleets Conductor manages.')
param fleetResourceIds array = []

@description('Subscriptions whose AKS catalogues and clusters Conductor reads: the fleets\' and the member clusters\'.')
param catalogueSubscriptionIds array = []

@description('Resource ids of the Log Analytics workspaces with the member clusters\' Container Insights data.')
param logAnalyticsWorkspaceIds array = []

var builtInRoles = {
  'Log Analytics Reader': '73c42c96-874c-492b-b04d-ab87d138a893'
}

// Instead of Azure Kubernetes Fleet Manager Contributor Role (which can also create, change and
// delete fleets, members and profiles): the reads and writes ArmFleetApi and ArmRunCreator make.
var fleetOperatorActions = [
  'Microsoft.ContainerService/fleets/read' // the fleet itself (ARM checks it on child reads)
  'Microsoft.ContainerService/fleets/members/read' // ArmReleaseSource.listMembers
  'Microsoft.ContainerService/fleets/updateRuns/read' // getUpdateRun, listRunSnapshots, listActiveRuns
  'Microsoft.ContainerService/fleets/updateRuns/write' // createUpdateRun (PUT, If-None-Match: *)
  'Microsoft.ContainerService/fleets/updateRuns/start/action' // startUpdateRun
  'Microsoft.ContainerService/fleets/updateRuns/stop/action' // stopUpdateRun
  'Microsoft.ContainerService/fleets/updateRuns/skip/action' // skipUpdateRun
  'Microsoft.ContainerService/fleets/updateStrategies/read' // getUpdateStrategy
  'Microsoft.ContainerService/fleets/updateStrategies/write' // upsertUpdateStrategy
  'Microsoft.ContainerService/fleets/gates/read' // listGates, getGate
  'Microsoft.ContainerService/fleets/gates/write' // completeGate (PATCH state=Completed)
  'Microsoft.ContainerService/fleets/autoUpgradeProfiles/generateUpdateRun/action' // generateUpdateRun
]

// Subscription-scope reads: the per-region catalogues (kubernetesVersions, nodeImageVersions) and the
// status of Fleet's long-running operations all sit under locations/*, and managedClusters.list() is
// one subscription-wide list (ArmReleaseSource.listManagedClusters).
var catalogueReaderActions = [
  'Microsoft.ContainerService/locations/*/read'
  'Microsoft.ContainerService/managedClusters/read'
  'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/read' // preflight: windows that hold members Pending
  'Microsoft.Authorization/permissions/read' // preflight: the identity's own permissions on the fleet and member resource groups
]

var fleetSubscriptionScopes = union(map(fleetResourceIds, id => toLower('/subscriptions/${split(id, '/')[2]}')), [])
var catalogueScopes = map(catalogueSubscriptionIds, id => '/subscriptions/${id}')

resource fleetOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (!empty(fleetResourceIds)) {
  name: guid(subscription().id, environmentName, resourceToken, 'fleet-operator')
  properties: {
    roleName: 'Fleet Conductor fleet operator (${environmentName}-${resourceToken})'
    description: 'Update runs, strategies, gates and auto-upgrade profiles of the fleets Fleet Conductor manages; nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: fleetOperatorActions
        notActions: []
      }
    ]
    assignableScopes: fleetSubscriptionScopes
  }
}

resource catalogueReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (!empty(catalogueSubscriptionIds)) {
  name: guid(subscription().id, environmentName, resourceToken, 'catalogue-reader')
  properties: {
    roleName: 'Fleet Conductor catalogue reader (${environmentName}-${resourceToken})'
    description: 'AKS version and node image catalogues, Fleet operation statuses and the cluster list of a subscription.'
    type: 'CustomRole'
    permissions: [
      {
        actions: catalogueReaderActions
        notActions: []
      }
    ]
    assignableScopes: catalogueScopes
  }
}

// Resource ids split on '/': [2] is the subscription, [4] the resource group, [8] the name.
module fleetGrants 'rbac/fleetRoleAssignment.bicep' = [
  for (fleetId, i) in fleetResourceIds: {
    name: 'rbac-fleet-${i}-${uniqueString(fleetId)}'
    scope: resourceGroup(split(fleetId, '/')[2], split(fleetId, '/')[4])
    params: {
      fleetName: split(fleetId, '/')[8]
      principalId: managedIdentityPrincipalId
      roleDefinitionGuid: fleetOperator.name
    }
  }
]

module catalogueGrants 'rbac/subscriptionRoleAssignment.bicep' = [
  for (subscriptionId, i) in catalogueSubscriptionIds: {
    name: 'rbac-catalogue-${i}-${uniqueString(subscriptionId)}'
    scope: subscription(subscriptionId)
    params: {
      principalId: managedIdentityPrincipalId
      roleDefinitionGuid: catalogueReader.name
    }
  }
]

module workspaceGrants 'rbac/workspaceRoleAssignment.bicep' = [
  for (workspaceId, i) in logAnalyticsWorkspaceIds: {
    name: 'rbac-logs-${i}-${uniqueString(workspaceId)}'
    scope: resourceGroup(split(workspaceId, '/')[2], split(workspaceId, '/')[4])
    params: {
      workspaceName: split(workspaceId, '/')[8]
      principalId: managedIdentityPrincipalId
      roleDefinitionGuid: builtInRoles['Log Analytics Reader']
    }
  }
]
