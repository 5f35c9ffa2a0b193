// Role assignments inside Conductor's resource group, each at the narrowest scope that works.
// Grants outside it (fleets, catalogues, workspaces) are in roles.bicep. Built-in role ids are
// listed once, by their Azure name, and checked against test/infra/builtInRoles.json.

param storageAccountName string
param appInsightsName string

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param managedIdentityPrincipalId string

@description('Object id of a developer who asked for table access (grantDeveloperDataAccess); empty grants nothing.')
param developerPrincipalId string = ''

@description('User for a person; ServicePrincipal when azd runs as one (CI).')
@allowed([
  'User'
  'ServicePrincipal'
])
param developerPrincipalType string = 'User'

@description('Key Vault holding the approval signing key and the channel secrets.')
param keyVaultName string

var builtInRoles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb'
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6'
}

// Why each grant (infra/README.md has the same table):
// - Storage Blob Data Owner: the Functions host keeps its keys and leases in blobs (AzureWebJobsStorage
//   with an identity) and Flex Consumption reads the deployment package from the deployment container.
// - Storage Queue Data Contributor: the Functions host's queues (AzureWebJobsStorage).
// - Storage Table Data Contributor: Conductor's state lives in tables it creates itself.
// - Monitoring Metrics Publisher: App Insights has local auth disabled; telemetry is sent with Entra ID.
// - Key Vault Secrets User: App Service resolves the Key Vault references with the app's identity.
resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageGrants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    'Storage Blob Data Owner'
    'Storage Queue Data Contributor'
    'Storage Table Data Contributor'
  ]: {
    name: guid(storageAccount.id, managedIdentityPrincipalId, builtInRoles[role])
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles[role])
      principalId: managedIdentityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, managedIdentityPrincipalId, builtInRoles['Monitoring Metrics Publisher'])
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles['Monitoring Metrics Publisher'])
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, managedIdentityPrincipalId, builtInRoles['Key Vault Secrets User'])
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles['Key Vault Secrets User'])
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Only on request (grantDeveloperDataAccess=true): the developer gets the tables, so a local run
// (AzureWebJobsStorage__tableServiceUri with AZURE_CREDENTIAL=default) can use Conductor's real state.
// No person gets a Key Vault data-plane role: the deployment writes secrets through ARM.
resource developerTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(storageAccount.id, developerPrincipalId, builtInRoles['Storage Table Data Contributor'])
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles['Storage Table Data Contributor'])
    principalId: developerPrincipalId
    principalType: developerPrincipalType
  }
}
