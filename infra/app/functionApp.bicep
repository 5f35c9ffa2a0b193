param name string
param location string = resourceGroup().location
param tags object = {}

@description('azd service name from azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string = 'api'

param appServicePlanId string
param storageAccountName string
param deploymentStorageContainerName string
param applicationInsightsName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of the same identity.')
param identityClientId string

@description('Node.js major version on Flex Consumption (functionAppConfig.runtime.version). 22: Node 20 left Azure Functions support on 2026-04-30.')
@allowed([
  '22'
])
param runtimeVersion string = '22'
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 100

param conductorTablePrefix string = 'conductor'
param reconcileSchedule string = '0 */2 * * * *'
param releasePollSchedule string = '0 */15 * * * *'
param conductorConfigPath string = 'conductor.yaml'

@description('Key Vault holding the approval link signing key and the channel secrets, read through Key Vault references.')
param keyVaultName string

@description('Name of the signing key secret; main.bicep passes the Key Vault module\'s output so these settings are written after it.')
param approvalTokenKeySecretName string

@description('"SETTING=secret-name" pairs: app settings approval channels name, each a Key Vault reference to a secret that exists.')
param channelSettingPairs array = []

@secure()
param notifyWebhookUrl string = ''

param appBaseUrl string = ''

@description('Client id of the Entra app registration for App Service authentication; empty skips it.')
param authClientId string = ''

@description('Tenant of that app registration.')
param authTenantId string = tenant().tenantId

@description('Subnet (delegated to Microsoft.App/environments) for virtual network integration; empty: none (storage and Key Vault must then be public).')
param virtualNetworkSubnetId string = ''

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var keyVaultReference = '@Microsoft.KeyVault(VaultName={0};SecretName={1})'

// Set only where App Service authentication guarantees the principal headers (it strips client-sent
// x-ms-client-principal* headers); the app refuses approval and operator routes without a trusted source.
var principalSource = empty(authClientId) ? '' : 'appServiceAuthentication'

var channelSettings = toObject(
  channelSettingPairs,
  pair => split(pair, '=')[0],
  pair => format(keyVaultReference, keyVaultName, split(pair, '=')[1])
)

var optionalSettings = union(
  empty(notifyWebhookUrl) ? {} : { NOTIFY_WEBHOOK_URL: notifyWebhookUrl },
  empty(appBaseUrl) ? {} : { APP_BASE_URL: appBaseUrl },
  empty(principalSource) ? {} : { CONDUCTOR_PRINCIPAL_SOURCE: principalSource }
)

// Names as in the README settings table. ARM_ENDPOINT and LOGS_ENDPOINT are deliberately
// absent: their defaults are the public Azure endpoints. FUNCTIONS_EXTENSION_VERSION and
// FUNCTIONS_WORKER_RUNTIME are absent too: Flex Consumption lists them as deprecated app
// settings; the runtime (node 22, Functions host v4) comes from functionAppConfig.runtime.
var baseSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AZURE_CREDENTIAL: 'managedidentity'
  AZURE_CLIENT_ID: identityClientId
  CONDUCTOR_TABLE_PREFIX: conductorTablePrefix
  RECONCILE_SCHEDULE: reconcileSchedule
  RELEASE_POLL_SCHEDULE: releasePollSchedule
  CONDUCTOR_CONFIG_PATH: conductorConfigPath
  // Resolved by App Service with the user-assigned identity (keyVaultAccessIdentityResourceId below).
  APPROVAL_TOKEN_KEY: format(keyVaultReference, keyVaultName, approvalTokenKeySecretName)
}

var appSettings = union(baseSettings, optionalSettings, channelSettings)

// AVM web/site 0.22.0: the newest release whose compiled template could be read here with the commit it comes from
// (infra/avm/manifest.json says which and why; infra/README.md says what changed since 0.15.1: the subnet parameter's
// new name, and app settings passed as an `appsettings` config).
module functionApp 'br/public:avm/res/web/site:0.22.0' = {
  name: '${serviceName}-flex-consumption'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    serverFarmResourceId: appServicePlanId
    keyVaultAccessIdentityResourceId: identityId
    virtualNetworkSubnetResourceId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: runtimeVersion
      }
    }
    // Passing siteConfig replaces the module's own defaults (minTlsVersion 1.2, ftpsState FtpsOnly), so the
    // transport settings are restated here; FTP(S) is off because the package is deployed by azd, never by FTP.
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    configs: [
      {
        name: 'appsettings'
        properties: appSettings
        // The module otherwise merges in the app's current settings (its default for appsettings), so a setting
        // removed here, or a stale Key Vault reference, would live on; the Bicep's settings are the whole set.
        retainCurrentAppSettings: false
      }
    ]
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: name
}

// App Service authentication (Easy Auth) with Microsoft Entra ID, whenever an app registration is
// given (approvals and operator routes need it; infra/README.md says why and cites the docs). Anonymous requests still
// reach the functions, which do their own key and role checks (Event Grid deliveries carry
// the system key, not a token); signed-in users arrive with the x-ms-client-principal*
// headers the approvals page reads. The token store is off: Flex Consumption has no
// persistent file system, and the app needs only the principal headers.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(authClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
  dependsOn: [
    functionApp
  ]
}

output name string = functionApp.outputs.name
output principalSource string = principalSource
