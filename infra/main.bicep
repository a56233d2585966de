// The governance workflows as an Azure Function App (Durable Functions, .NET 10 isolated worker) on the Flex
// Consumption plan, with its storage, telemetry and secrets. Deployed to one resource group:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam -p sendGridApiKey=... adminKey=...

targetScope = 'resourceGroup'

@description('Short prefix of every resource name: 3 to 8 lower-case letters and digits, starting with a letter.')
@minLength(3)
@maxLength(8)
param baseName string

@description('Azure region of every resource; the resource group\'s by default. Flex Consumption is not offered in every region.')
param location string = resourceGroup().location

@description('Tags put on every resource.')
param tags object = {}

@description('SendGrid API key; stored in Key Vault as Email--SendGrid--ApiKey.')
@secure()
@minLength(1)
param sendGridApiKey string

@description('Key the admin routes require; stored in Key Vault as Security--AdminKey. At least 24 characters.')
@secure()
@minLength(24)
param adminKey string

@description('Address emails are sent from (Email:FromAddress); SendGrid must know it as a verified sender.')
@minLength(3)
param emailFromAddress string

@description('Display name emails are sent under (Email:FromName); empty for none.')
param emailFromName string = ''

@description('Name of the Durable task hub: 3 to 45 letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'Workflows'

@description('Blob container for proposal papers and decision records.')
@minLength(3)
@maxLength(63)
param documentsContainerName string = 'documents'

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Concurrent HTTP requests each instance takes before the platform adds one.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Instances kept warm for Durable triggers, billed while idle; 0 lets the app scale to zero.')
@minValue(0)
@maxValue(100)
param alwaysReadyDurableInstances int = 0

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Whether the vault is purge-protected. Once on it cannot be turned off, and a deleted vault\'s name stays taken for 90 days.')
param keyVaultPurgeProtection bool = true

// Globally unique names carry a suffix stable for the resource group, so a redeployment updates rather than adds.
var suffix = uniqueString(resourceGroup().id)
var names = {
  storage: toLower('st${baseName}${suffix}')
  vault: 'kv-${baseName}-${take(suffix, 10)}'
  app: toLower('${baseName}-func-${suffix}')
  plan: '${baseName}-plan'
  workspace: '${baseName}-log'
  appInsights: '${baseName}-appi'
}
var deploymentContainerName = 'app-package'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: names.storage
    documentsContainerName: documentsContainerName
    deploymentContainerName: deploymentContainerName
    tags: tags
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: names.vault
    enablePurgeProtection: keyVaultPurgeProtection
    sendGridApiKey: sendGridApiKey
    adminKey: adminKey
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: names.plan
    appName: names.app
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.accountName
    vaultName: vault.outputs.vaultName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module appSettings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  dependsOn: [
    roles
  ]
  params: {
    appName: functionApp.outputs.name
    storageAccountName: storage.outputs.accountName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    taskHubName: taskHubName
    publicBaseUrl: functionApp.outputs.url
    appSettings: {
      // Configuration keys use '__' for ':' in app settings; Key Vault names use '--'.
      Email__SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${vault.outputs.sendGridApiKeyUri})'
      Security__AdminKey: '@Microsoft.KeyVault(SecretUri=${vault.outputs.adminKeyUri})'
      Email__FromAddress: emailFromAddress
      Email__FromName: emailFromName
      Documents__Provider: 'AzureBlob'
      // Identity-based blob access: the app reads the service address and signs in with its managed identity
      // (Documents:AzureBlob:ServiceUri), so no connection string with an account key exists.
      Documents__AzureBlob__ServiceUri: storage.outputs.blobEndpoint
      Documents__AzureBlob__ContainerName: storage.outputs.documentsContainerName
    }
  }
}

@description('The Function App\'s https address.')
output functionAppUrl string = functionApp.outputs.url

@description('Name of the Function App, for publishing the package to it.')
output functionAppName string = functionApp.outputs.name

@description('Name of the Key Vault holding the app\'s secrets.')
output keyVaultName string = vault.outputs.vaultName
