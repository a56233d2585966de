// The Function App's application settings: the host's own (storage, task hub, telemetry, its public address) and the
// workflows'. Deployed after the identity's role assignments, so the host starts with access to its storage and
// Key Vault references resolve on the first try.

@description('Name of the Function App.')
param appName string

@description('Name of the storage account the host and the task hub use with the app\'s identity.')
param storageAccountName string

@description('Connection string of the Application Insights component (ingestion address; local auth is off).')
param appInsightsConnectionString string

@description('Name of the Durable task hub (its queues, tables and containers in the storage account).')
param taskHubName string

@description('The app\'s https address, where links in approval emails point.')
param publicBaseUrl string

@description('Application settings of the workflows themselves, added to the host\'s own.')
param appSettings object

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: appName
}

// This resource replaces the app's whole set of settings: every setting the app needs is listed here or in appSettings.
resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
    {
      // The host's storage, by identity: no connection string, no account key.
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      // The root host.json names no provider (the self-hosted service then uses SQLite, Durable Functions Azure
      // Storage); it is said here all the same: the task hub lives in Azure Storage on the host's own identity-based
      // AzureWebJobsStorage connection.
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'AzureStorage'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionName: 'AzureWebJobsStorage'
      AzureFunctionsJobHost__extensions__durableTask__hubName: taskHubName
      Governance__Approvals__PublicBaseUrl: publicBaseUrl
      // The app's package folder is read-only on Flex Consumption. What its instances share (the email ledger, raised
      // decisions, sign-in failures, Data Protection keys) is in the storage account of AzureWebJobsStorage; only the
      // development outbox (when no SendGrid key is set) would write under this per-instance temporary folder.
      DataDirectory: '/tmp/workflows'
    },
    appSettings
  )
}
