@description('Storage account name (3-24 lowercase letters and digits).')
param name string
param location string = resourceGroup().location
param tags object = {}

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

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
      defaultAction: 'Allow'
      bypass: 'AzureServices'
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
