// Private networking for the app's storage and Key Vault (infra/README.md, "Network access"): a virtual network
// whose `app` subnet the Flex Consumption app integrates with (delegated to Microsoft.App/environments, as Flex
// Consumption requires), private endpoints for the storage account's blob, queue and table services and for the
// vault, and the private DNS zones that make their public names resolve to those endpoints inside the network.
// Storage and the vault then disable public network access altogether.

param name string
param location string = resourceGroup().location
param tags object = {}

@description('Storage account reached through private endpoints (blob, queue, table).')
param storageAccountName string

@description('Key Vault reached through a private endpoint.')
param keyVaultName string

param addressPrefix string = '10.60.0.0/16'
param appSubnetPrefix string = '10.60.1.0/24'
param privateEndpointSubnetPrefix string = '10.60.2.0/24'

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

var storageSuffix = environment().suffixes.storage
var endpoints = [
  {
    name: 'blob'
    resourceId: storageAccount.id
    zone: 'privatelink.blob.${storageSuffix}'
  }
  {
    name: 'queue'
    resourceId: storageAccount.id
    zone: 'privatelink.queue.${storageSuffix}'
  }
  {
    name: 'table'
    resourceId: storageAccount.id
    zone: 'privatelink.table.${storageSuffix}'
  }
  {
    name: 'vault'
    resourceId: vault.id
    zone: 'privatelink.vaultcore.azure.net'
  }
]

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for e in endpoints: {
    name: e.zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (e, i) in endpoints: {
    parent: zones[i]
    name: '${name}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for e in endpoints: {
    name: 'pe-${e.name}-${name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: '${vnet.id}/subnets/private-endpoints'
      }
      privateLinkServiceConnections: [
        {
          name: e.name
          properties: {
            privateLinkServiceId: e.resourceId
            groupIds: [
              e.name
            ]
          }
        }
      ]
    }
  }
]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (e, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: e.name
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
  }
]

output appSubnetId string = '${vnet.id}/subnets/app'
output virtualNetworkId string = vnet.id
