// The Function App on the Flex Consumption plan: .NET 10 isolated worker, a system-assigned managed identity, the
// package read from a blob container with that identity. Its settings are set by appsettings.bicep once the identity
// holds its roles.

@description('Azure region of the plan and the app.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Globally unique name of the Function App; its address is https://<name>.azurewebsites.net or similar.')
param appName string

@description('Address of the blob container the app package is deployed to.')
param deploymentContainerUrl string

@description('Most instances the app scales out to.')
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Concurrent HTTP requests each instance takes before the platform adds one.')
param httpPerInstanceConcurrency int

@description('Instances kept warm for Durable (orchestrator, activity and entity) triggers; 0 for none.')
param alwaysReadyDurableInstances int

@description('Tags put on the plan and the app.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Flex Consumption runs on Linux only.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyDurableInstances > 0
          ? [
              {
                name: 'durable'
                instanceCount: alwaysReadyDurableInstances
              }
            ]
          : []
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      // On Flex Consumption the runtime is chosen here; FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION
      // are not allowed as app settings.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

@description('Name of the Function App.')
output name string = site.name

@description('The app\'s https address.')
output url string = 'https://${site.properties.defaultHostName}'

@description('Object id of the app\'s system-assigned managed identity.')
output principalId string = site.identity.principalId
