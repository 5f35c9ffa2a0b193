@description('Storage account name (3-24 lowercase letters and digits).')
param name string
param location string = resourceGroup().location
param tags object = {}

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

@description('Firewall default: Allow, or Deny with allowedIpRanges (the app then needs a virtual network path to storage, which this template does not create).')
@allowed([
  'Allow'
  'Deny'
])
param networkDefaultAction string = 'Allow'

@description('Public IP ranges (CIDR) allowed when networkDefaultAction is Deny, e.g. the machine that runs azd deploy.')
param allowedIpRanges array = []

// Holds the Functions host state (AzureWebJobsStorage), the Flex deployment package and
// Conductor's own tables. Reached only with Entra ID tokens: shared keys are disabled.
module storageAccount 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storageAccount'
  params: {
    name: name
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: networkDefaultAction
      bypass: 'AzureServices'
      ipRules: map(allowedIpRanges, range => { value: range, action: 'Allow' })
    }
    blobServices: {
      containers: [
        {
          name: deploymentContainerName
        }
      ]
    }
    minimumTlsVersion: 'TLS1_2'
  }
}

output name string = storageAccount.outputs.name
output resourceId string = storageAccount.outputs.resourceId
output primaryBlobEndpoint string = storageAccount.outputs.primaryBlobEndpoint
