// The Key Vault holding the app's secrets. Access is by Azure RBAC only (no access policies). Key Vault secret names
// allow letters, digits and '-', so the configuration keys' ':' becomes '--' (the form .NET's Key Vault provider maps).

@description('Azure region of the vault.')
param location string

@description('Globally unique vault name: 3 to 24 letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Whether deleted secrets and the vault itself are protected from purging for the retention period.')
param enablePurgeProtection bool

@description('SendGrid API key (configuration key Email:SendGrid:ApiKey).')
@secure()
param sendGridApiKey string

@description('Key that admin routes require (configuration key Security:AdminKey).')
@secure()
param adminKey string

@description('Tags put on the vault.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Once on, purge protection cannot be turned off, so "off" is expressed by leaving the property out.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'Email--SendGrid--ApiKey'
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'Security--AdminKey'
  properties: {
    value: adminKey
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output vaultName string = vault.name

@description('Versionless address of the SendGrid API key, so a new version is picked up without a redeployment.')
output sendGridApiKeyUri string = sendGridApiKeySecret.properties.secretUri

@description('Versionless address of the admin key.')
output adminKeyUri string = adminKeySecret.properties.secretUri
