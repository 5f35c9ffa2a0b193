@description('Storage account name (3-24 lowercase letters and digits).')
param name string
param location string = resourceGroup().location
param tags object = {}

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

@description('Disabled (default): reachable only through the private endpoints of app/network.bicep; Enabled: the public endpoint, filtered by networkDefaultAction.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Disabled'

@description('Firewall default when public network access is enabled: Deny (with allowedIpRanges) or Allow.')
// Allow or Deny; main.bicep validates the value (its parameter allows '' for "default" too).
param networkDefaultAction string = 'Deny'

@description('Public IP ranges (CIDR) allowed when networkDefaultAction is Deny, e.g. the machine that runs azd deploy.')
param allowedIpRanges array = []

// Holds the Functions host state (AzureWebJobsStorage), the Flex deployment package and
// Conductor's own tables. Reached only with Entra ID tokens: shared keys are disabled.
// Plain resources (see identity.bicep for why not Azure Verified Modules).
resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    publicNetworkAccess: publicNetworkAccess
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      defaultAction: networkDefaultAction
      bypass: 'AzureServices'
      ipRules: map(allowedIpRanges, range => { value: range, action: 'Allow' })
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = storageAccount.name
output resourceId string = storageAccount.id
output primaryBlobEndpoint string = storageAccount.properties.primaryEndpoints.blob
