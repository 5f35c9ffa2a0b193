// Deployed at the fleet's resource group (which may be in another subscription): a role
// assignment can only be declared against a resource in the scope of its own deployment.
param fleetName string
param principalId string
param roleDefinitionGuid string

resource fleet 'Microsoft.ContainerService/fleets@2025-03-01' existing = {
  name: fleetName
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fleet.id, principalId, roleDefinitionGuid)
  scope: fleet
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionGuid)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
