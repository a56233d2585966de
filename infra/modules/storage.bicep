// The storage account behind the Function App: the Functions host and the Durable task hub (blobs, queues, tables),
// the documents container for proposal papers and decision records, the container Flex Consumption deploys from, and
// what the app's instances share: the Data Protection key ring's container and the tables of the email ledger, the
// raised approval decisions and the dashboard's sign-in failures.

@description('Azure region of the account.')
param location string

@description('Globally unique account name: 3 to 24 lower-case letters and digits.')
@minLength(3)
@maxLength(24)
param accountName string

@description('Blob container for proposal papers and decision records.')
param documentsContainerName string

@description('Blob container the Flex Consumption plan reads the app package from.')
param deploymentContainerName string

// Named by the app itself (Workflows.Governance), which also creates them on first use; declared here so that a
// deployment shows everything the app keeps.
var keyRingContainerName = 'governance-keys'
var sharedStateTableNames = [
  'GovernanceEmailLedger'
  'GovernanceRaisedDecisions'
  'GovernanceSignInFailures'
]

@description('Tags put on the account.')
param tags object

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // Every client (host, task hub, documents, deployment) signs in with the app's managed identity: no account keys.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource documentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: documentsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource keyRingContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: keyRingContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource sharedStateTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in sharedStateTableNames: {
    parent: tableService
    name: tableName
  }
]

@description('Name of the storage account.')
output accountName string = account.name

@description('Blob service address, ending in a slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Name of the documents container.')
output documentsContainerName string = documentsContainer.name

@description('Address of the deployment container that Flex Consumption reads the package from.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
