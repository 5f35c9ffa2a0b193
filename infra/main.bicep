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

@description('Object id of the developer running azd (azd sets AZURE_PRINCIPAL_ID). Used only when grantDeveloperDataAccess is true.')
param principalId string = ''

@description('Type of that principal: User, or ServicePrincipal when azd runs as one (CI). Default: User.')
param principalType string = ''

@description('"true" gives the developer in principalId Storage Table Data Contributor on Conductor\'s storage, so a local run can use the real state. Off by default: no person gets a data-plane write role unless asked.')
param grantDeveloperDataAccess string = ''

@description('Resource group name. Defaults to rg-<environmentName>.')
param resourceGroupName string = ''

@description('Fleets Conductor manages, "<subscriptionId>/<resourceGroup>/<fleetName>" entries separated by commas. Derived from conductor.yaml by the preprovision hook (infra/scripts/deploymentInputs.mjs): do not set it by hand.')
param fleets string = ''

@description('Subscriptions holding the fleets, separated by commas; derived from conductor.yaml with the fleets.')
param fleetSubscriptionIds string = ''

@description('Further subscriptions holding member clusters (when they are not in a fleet\'s subscription), separated by commas or spaces. Conductor lists clusters and reads the version catalogues there.')
param memberClusterSubscriptionIds string = ''

@description('Resource ids of the Log Analytics workspaces the member clusters send Container Insights data to, separated by commas or spaces. Conductor gets Log Analytics Reader there to run its health checks.')
param logAnalyticsWorkspaceIds string = ''

// The next settings accept '' as "use the default", because azd passes an unset environment
// variable as an empty string rather than omitting the parameter.

@description('Prefix of every table Conductor creates (a letter, then letters/digits). Default: conductor.')
param conductorTablePrefix string = ''

@description('NCRONTAB (6 fields) for the reconcile timer, the safety net that re-derives every active run and pending gate. Default: 0 */2 * * * *.')
param reconcileSchedule string = ''

@description('NCRONTAB (6 fields) for the release poll timer that detects new AKS versions and node images. Default: 0 */15 * * * *.')
param releasePollSchedule string = ''

@description('Path of the conductor config file inside the deployed package, relative to the app root. Default: conductor.yaml.')
param conductorConfigPath string = ''

@description('Client (application) id of the Microsoft Entra app registration used by App Service authentication. Required for approvals and operator routes: without it the app is deployed with no trusted principal source and refuses them.')
param authClientId string = ''

@description('App setting NOTIFY_WEBHOOK_URL: a generic JSON webhook for notifications. Empty: notifications go to the log only.')
@secure()
param notifyWebhookUrl string = ''

@description('App setting APP_BASE_URL: public origin of approval links. Empty: the app uses https://WEBSITE_HOSTNAME.')
param appBaseUrl string = ''

@description('App settings approval channels name in conductor.yaml, as "SETTING=secret-name" pairs separated by commas; each becomes a Key Vault reference. The preprovision hook lists only settings whose secret already exists in the vault.')
param channelSettings string = ''

@description('A new approval link signing key (base64 of 48 random bytes). The preprovision hook generates one only when the vault has no approval-token-key yet; empty leaves the secret alone.')
@secure()
param newApprovalTokenKey string = ''

@allowed([
  ''
  'private'
  'public'
])
@description('private (default): storage and Key Vault have public network access disabled and are reached through private endpoints in a virtual network the app integrates with (app/network.bicep). public: their public endpoints stay on, filtered by the firewall parameters below. See infra/README.md, "Network access".')
param networkIsolation string = ''

@allowed([
  ''
  'Allow'
  'Deny'
])
@description('Storage firewall when networkIsolation is public: Allow (default there) or Deny with storageAllowedIpRanges.')
param storageNetworkDefaultAction string = ''

@description('Public IP ranges (CIDR) allowed through the storage firewall when it denies by default, separated by commas or spaces (e.g. the machine running azd deploy).')
param storageAllowedIpRanges string = ''

@allowed([
  ''
  'Allow'
  'Deny'
])
@description('Key Vault firewall when networkIsolation is public: Allow (default there) or Deny with keyVaultAllowedIpRanges.')
param keyVaultNetworkDefaultAction string = ''

@description('Public IP ranges (CIDR) allowed through the Key Vault firewall when it denies by default, separated by commas or spaces.')
param keyVaultAllowedIpRanges string = ''

@description('E-mail address for the alert rules (gate failed, fleet blocked, release pending, function failures). Empty: the rules fire in Azure Monitor without notifying anyone.')
param alertEmailAddress string = ''

@description('Hours a fleet may stay held or paused before the "fleet blocked" alert fires. Default: 6.')
param fleetBlockedAlertHours string = ''

@description('Days a release the policy targets may go without a run before the "release pending" alert fires. Default: 3.')
param releasePendingAlertDays string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}conductor-${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// The list parameters are plain strings because azd substitutes environment variables into
// main.parameters.json as strings; they are split here into arrays.
var fleetEntries = filter(split(replace(fleets, ' ', ','), ','), entry => !empty(entry))
var fleetResourceIds = map(fleetEntries, entry => '/subscriptions/${split(entry, '/')[0]}/resourceGroups/${split(entry, '/')[1]}/providers/Microsoft.ContainerService/fleets/${split(entry, '/')[2]}')
var catalogueSubscriptionIds = union(
  map(filter(split(replace(fleetSubscriptionIds, ' ', ','), ','), id => !empty(id)), id => toLower(id)),
  map(filter(split(replace(memberClusterSubscriptionIds, ' ', ','), ','), id => !empty(id)), id => toLower(id))
)
var logAnalyticsWorkspaceIdList = filter(split(replace(logAnalyticsWorkspaceIds, ' ', ','), ','), entry => !empty(entry))
var channelSettingPairs = filter(split(replace(channelSettings, ' ', ','), ','), entry => !empty(entry))
var privateNetworking = networkIsolation != 'public'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The app's only identity: every grant in app/rbac.bicep and app/roles.bicep is to it.
module apiIdentity 'app/identity.bicep' = {
  name: 'apiUserAssignedIdentity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}conductor-${resourceToken}'
    location: location
    tags: tags
  }
}

module appServicePlan 'app/plan.bicep' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
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
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkDefaultAction: privateNetworking ? 'Deny' : (empty(storageNetworkDefaultAction) ? 'Allow' : storageNetworkDefaultAction)
    allowedIpRanges: filter(split(replace(storageAllowedIpRanges, ' ', ','), ','), entry => !empty(entry))
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

// The workbook and alert rules (infra/README.md, "Dashboards and alerts").
module dashboards 'app/dashboards.bicep' = {
  name: 'dashboards'
  scope: rg
  params: {
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    memberWorkspaceIds: logAnalyticsWorkspaceIdList
    fleetBlockedHours: empty(fleetBlockedAlertHours) ? 6 : int(fleetBlockedAlertHours)
    releasePendingDays: empty(releasePendingAlertDays) ? 3 : int(releasePendingAlertDays)
    alertEmailAddress: alertEmailAddress
  }
}

// Creates approval-token-key when the preprovision hook hands it a new key. The function app below
// takes the secret's name from this module's outputs, so ARM writes the app settings (and their Key
// Vault reference) only after the vault and the secret exist.
module keyVault 'app/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    newApprovalTokenKey: newApprovalTokenKey
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkDefaultAction: privateNetworking ? 'Deny' : (empty(keyVaultNetworkDefaultAction) ? 'Allow' : keyVaultNetworkDefaultAction)
    allowedIpRanges: filter(split(replace(keyVaultAllowedIpRanges, ' ', ','), ','), entry => !empty(entry))
  }
}

// Private endpoints for storage and Key Vault, and the subnet the app integrates with (networkIsolation private).
module network 'app/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
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
    approvalTokenKeySecretName: keyVault.outputs.approvalTokenKeySecretName
    channelSettingPairs: channelSettingPairs
    notifyWebhookUrl: notifyWebhookUrl
    appBaseUrl: appBaseUrl
    authClientId: authClientId
    virtualNetworkSubnetId: privateNetworking ? network.outputs.appSubnetId : ''
  }
  // The identity must hold Key Vault Secrets User before App Service resolves the reference.
  dependsOn: [
    rbac
  ]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbacAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.applicationInsightsName
    managedIdentityPrincipalId: apiIdentity.outputs.principalId
    developerPrincipalId: grantDeveloperDataAccess == 'true' ? principalId : ''
    developerPrincipalType: empty(principalType) ? 'User' : principalType
    keyVaultName: keyVault.outputs.name
  }
}

// Custom roles carry exactly the actions the app's ARM calls need (infra/README.md lists them with
// their reasons); they are defined here, at subscription scope, and assigned on the fleets, on the
// subscriptions whose catalogues and clusters the app reads, and on the workspaces.
module roles 'app/roles.bicep' = {
  name: 'conductorRoles'
  params: {
    environmentName: environmentName
    resourceToken: resourceToken
    managedIdentityPrincipalId: apiIdentity.outputs.principalId
    fleetResourceIds: fleetResourceIds
    catalogueSubscriptionIds: catalogueSubscriptionIds
    logAnalyticsWorkspaceIds: logAnalyticsWorkspaceIdList
  }
}

// azd stores these in the environment; the hooks read them.
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
output CONDUCTOR_PRINCIPAL_SOURCE string = api.outputs.principalSource
