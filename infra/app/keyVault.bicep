// Secrets Conductor reads through Key Vault references: the approval link signing key
// (APPROVAL_TOKEN_KEY) and the URLs and secrets approval channels name.
// RBAC mode (no access policies). Purge protection, because a lost signing key invalidates every
// approval link in flight; `azd down && azd up` still works because the preprovision hook recovers
// this environment's soft-deleted vault (same name) instead of creating a new one.
param name string
param location string = resourceGroup().location
param tags object = {}

@description('A new approval link signing key; empty leaves approval-token-key as it is (never rotated by a redeploy).')
@secure()
param newApprovalTokenKey string = ''

@description('Disabled (default): reachable only through the private endpoint of app/network.bicep (App Service resolves Key Vault references over the app\'s virtual network integration); Enabled: the public endpoint, filtered by networkDefaultAction.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Disabled'

// Allow or Deny; main.bicep validates the value (its parameter allows '' for "default" too).
param networkDefaultAction string = 'Deny'

@description('Public IP ranges (CIDR) allowed when networkDefaultAction is Deny.')
param allowedIpRanges array = []

var approvalTokenKeySecretName = 'approval-token-key'

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
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: networkDefaultAction
      bypass: 'AzureServices'
      ipRules: map(allowedIpRanges, range => { value: range })
    }
  }
}

// Written through ARM (control plane), so no person needs a Key Vault data-plane role.
resource approvalTokenKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(newApprovalTokenKey)) {
  parent: vault
  name: approvalTokenKeySecretName
  properties: {
    value: newApprovalTokenKey
    contentType: 'base64 HMAC-SHA256 key for approval links'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
// Read by the function app module: a module that uses another module's output is deployed after that
// whole module (vault and secret included), so the app settings never reference a secret not yet written.
output approvalTokenKeySecretName string = approvalTokenKeySecretName
