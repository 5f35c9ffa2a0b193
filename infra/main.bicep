targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the resource token that makes resource names unique.')
param environmentName string

@minLength(1)
@description('Region for all resources. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the developer running azd. When set, that principal gets table access to Conductor\'s storage so local runs can use the real state.')
param principalId string = ''

@description('Type of that principal: User, or ServicePrincipal when azd runs as one (CI). Default: User.')
param principalType string = ''

@description('Resource group name. Defaults to rg-<environmentName>.')
param resourceGroupName string = ''

@description('Fleets Conductor manages, as "<subscriptionId>/<resourceGroup>/<fleetName>" entries separated by commas or spaces (same format as the FLEETS variable read by the postdeploy hook).')
param fleets string = ''

@description('Resource ids of the resource groups that hold the fleets\' member clusters, separated by commas or spaces. Conductor gets Reader there to read cluster versions and node pools.')
param memberClusterResourceGroupIds string = ''

@description('Resource ids of the Log Analytics workspaces the member clusters send Container Insights data to, separated by commas or spaces. Conductor gets Log Analytics Reader there to run its health checks.')
param logAnalyticsWorkspaceIds string = ''

// The next four accept '' as "use the default", because azd passes an unset environment
// variable as an empty string rather than omitting the parameter.

@description('Prefix of every table Conductor creates (a letter, then letters/digits). Default: conductor.')
param conductorTablePrefix string = ''

@description('NCRONTAB (6 fields) for the reconcile timer, the safety net that re-derives every active run and pending gate. Default: 0 */2 * * * *.')
param reconcileSchedule string = ''

@description('NCRONTAB (6 fields) for the release poll timer that detects new AKS versions and node images. Default: 0 */15 * * * *.')
param releasePollSchedule string = ''

@description('Path of the conductor config file inside the deployed package, relative to the app root. Default: conductor.yaml.')
param conductorConfigPath string = ''

@description('Client (application) id of the Microsoft Entra app registration used by App Service authentication. Leave empty to skip authentication setup.')
param authClientId string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}conductor-${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// The list parameters are plain strings because azd substitutes environment variables into
// main.parameters.json as strings; they are split here into the arrays rbac.bicep expects.
var fleetEntries = filter(split(replace(fleets, ' ', ','), ','), entry => !empty(entry))
var fleetResourceIds = map(fleetEntries, entry => '/subscriptions/${split(entry, '/')[0]}/resourceGroups/${split(entry, '/')[1]}/providers/Microsoft.ContainerService/fleets/${split(entry, '/')[2]}')
var memberClusterResourceGroupIdList = filter(split(replace(memberClusterResourceGroupIds, ' ', ','), ','), entry => !empty(entry))
var logAnalyticsWorkspaceIdList = filter(split(replace(logAnalyticsWorkspaceIds, ' ', ','), ','), entry => !empty(entry))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The app's only identity: it reaches storage, App Insights, the fleets, the member clusters'
// resource groups and the Log Analytics workspaces through the roles granted in app/rbac.bicep.
module apiIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'apiUserAssignedIdentity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}conductor-${resourceToken}'
    location: location
    tags: tags
  }
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentStorageContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'app/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
  }
}

module api 'app/functionApp.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    storageAccountName: storage.outputs.name
    deploymentStorageContainerName: deploymentStorageContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    conductorTablePrefix: empty(conductorTablePrefix) ? 'conductor' : conductorTablePrefix
    reconcileSchedule: empty(reconcileSchedule) ? '0 */2 * * * *' : reconcileSchedule
    releasePollSchedule: empty(releasePollSchedule) ? '0 */15 * * * *' : releasePollSchedule
    conductorConfigPath: empty(conductorConfigPath) ? 'conductor.yaml' : conductorConfigPath
    keyVaultName: keyVault.outputs.name
    authClientId: authClientId
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbacAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.applicationInsightsName
    managedIdentityPrincipalId: apiIdentity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: empty(principalType) ? 'User' : principalType
    fleetResourceIds: fleetResourceIds
    memberClusterResourceGroupIds: memberClusterResourceGroupIdList
    logAnalyticsWorkspaceIds: logAnalyticsWorkspaceIdList
    keyVaultName: keyVault.outputs.name
  }
}

// azd stores these in the environment; the postdeploy hook reads the first three.
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_SUBSCRIPTION_ID string = subscription().subscriptionId
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output SERVICE_API_NAME string = api.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output CONDUCTOR_IDENTITY_CLIENT_ID string = apiIdentity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
