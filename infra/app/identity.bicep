// The app's only identity. A plain resource: it has three properties, and an Azure Verified
// Module would add a pinned template the infra tests must check against its compiled main.json
// (infra/avm/manifest.json), which cannot be fetched offline here.
param name string
param location string = resourceGroup().location
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output resourceId string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
