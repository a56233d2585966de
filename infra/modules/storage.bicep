// The storage account behind the Function App: the Functions host and the Durable task hub (blobs, queues, tables),
// the documents container for proposal papers and decision records, and the container Flex Consumption deploys from.

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

@description('Name of the storage account.')
output accountName string = account.name

@description('Blob service address, ending in a slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Name of the documents container.')
output documentsContainerName string = documentsContainer.name

@description('Address of the deployment container that Flex Consumption reads the package from.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
