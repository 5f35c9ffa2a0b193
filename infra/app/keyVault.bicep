// Secrets Conductor reads through Key Vault references: the approval link signing key
// (APPROVAL_TOKEN_KEY) and, when configured, Teams/webhook URLs and callback secrets.
// RBAC mode (no access policies); purge protection because a lost signing key invalidates
// every approval link in flight.
param name string
param location string = resourceGroup().location
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
