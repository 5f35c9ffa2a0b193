// Every role assignment of the deployment. Each grant is at the narrowest scope that works.
// Assignments outside this resource group go through the small modules in ./rbac, deployed
// at the target resource group (possibly in another subscription).

param storageAccountName string
param appInsightsName string

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param managedIdentityPrincipalId string

@description('Object id of the developer running azd; empty skips the developer grants.')
param developerPrincipalId string = ''

@description('User for a person; ServicePrincipal when azd runs as one (CI).')
@allowed([
  'User'
  'ServicePrincipal'
])
param developerPrincipalType string = 'User'

@description('Resource ids of the fleets Conductor manages.')
param fleetResourceIds array = []

@description('Resource ids of the resource groups holding the member clusters.')
param memberClusterResourceGroupIds array = []

@description('Resource ids of the Log Analytics workspaces with the member clusters\' Container Insights data.')
param logAnalyticsWorkspaceIds array = []

@description('Key Vault holding the approval signing key.')
param keyVaultName string

// Storage Blob Data Owner: the Functions host keeps leases and keys in blobs, and Flex
// Consumption reads the deployment package from the deployment container.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Queue Data Contributor: the Functions host uses queues (AzureWebJobsStorage).
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// Storage Table Data Contributor: Conductor's state lives in tables it creates itself.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Monitoring Metrics Publisher: App Insights has local auth disabled; telemetry is sent with Entra ID.
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
// Azure Kubernetes Fleet Manager Contributor Role: update strategies, update runs (create,
// start, stop) and gates (approve) on the fleet, and nothing outside Fleet resources.
var fleetManagerContributorRoleId = '63bb64ad-9799-4770-b5c3-24ed299a07bf'
// Reader: read member clusters (versions, node pools, location) in their resource groups.
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
// Log Analytics Reader: run the KQL health checks against Container Insights tables.
var logAnalyticsReaderRoleId = '73c42c96-874c-492b-b04d-ab87d138a893'
// Key Vault Secrets User: the app resolves its Key Vault references (signing key, channel secrets).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// Key Vault Secrets Officer: the deploying developer's postdeploy hook creates the signing key once.
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, managedIdentityPrincipalId, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource developerKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(keyVault.id, developerPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: developerPrincipalId
    principalType: developerPrincipalType
  }
}

resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, managedIdentityPrincipalId, storageBlobDataOwnerRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, managedIdentityPrincipalId, storageQueueDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, managedIdentityPrincipalId, storageTableDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, managedIdentityPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The developer gets the tables only, so a local run (AzureWebJobsStorage__tableServiceUri
// with AZURE_CREDENTIAL=default) can read and write Conductor's real state.
resource developerTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(storageAccount.id, developerPrincipalId, storageTableDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: developerPrincipalId
    principalType: developerPrincipalType
  }
}

// Resource ids split on '/': [2] is the subscription, [4] the resource group, [8] the name.
module fleetContributor 'rbac/fleetRoleAssignment.bicep' = [
  for (fleetId, i) in fleetResourceIds: {
    name: 'rbac-fleet-${i}-${uniqueString(fleetId)}'
    scope: resourceGroup(split(fleetId, '/')[2], split(fleetId, '/')[4])
    params: {
      fleetName: split(fleetId, '/')[8]
      principalId: managedIdentityPrincipalId
      roleDefinitionGuid: fleetManagerContributorRoleId
    }
  }
]

module memberClusterReader 'rbac/resourceGroupRoleAssignment.bicep' = [
  for (rgId, i) in memberClusterResourceGroupIds: {
    name: 'rbac-members-${i}-${uniqueString(rgId)}'
    scope: resourceGroup(split(rgId, '/')[2], split(rgId, '/')[4])
    params: {
      principalId: managedIdentityPrincipalId
      roleDefinitionGuid: readerRoleId
    }
  }
]

module workspaceReader 'rbac/workspaceRoleAssignment.bicep' = [
  for (workspaceId, i) in logAnalyticsWorkspaceIds: {
    name: 'rbac-logs-${i}-${uniqueString(workspaceId)}'
    scope: resourceGroup(split(workspaceId, '/')[2], split(workspaceId, '/')[4])
    params: {
      workspaceName: split(workspaceId, '/')[8]
      principalId: managedIdentityPrincipalId
      roleDefinitionGuid: logAnalyticsReaderRoleId
    }
  }
]
