// The Durango Function App on the Flex Consumption plan (.NET isolated), running as the user-assigned identity,
// with every Durango setting: Azure Storage through the identity, steps on Azure Container Instances in this
// resource group, the SendGrid key as a Key Vault reference.

@description('Region of the resources.')
param location string

@description('Prefix of the resource names.')
param name string

@description('Tags for every resource.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account (AzureWebJobsStorage and Durango\'s containers).')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param storageBlobEndpoint string

@description('Blob container for the deployment package.')
param deploymentContainer string

@description('Name of Application Insights.')
param insightsName string

@description('Client id of an Entra ID app registration: when set, App Service authentication validates Entra ID bearer tokens and Durango trusts the identity it vouches for (besides the API key).')
param entraClientId string = ''

@description('Key Vault URI of the API\'s bearer token.')
param apiKeySecretUri string

@description('Key Vault URI of the SendGrid API key.')
param sendGridSecretUri string

@description('Sender of notification e-mails.')
param sendGridFrom string

@description('Durable task hub; also prefixes Durango\'s blob containers.')
param taskHub string

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstances int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${name}-func'
  location: location
  // azd deploys the service named `api` in azure.yaml to the resource with this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstances
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        {
          // The web view answers /, not the Functions host's own page.
          name: 'AzureWebJobsDisableHomepage'
          value: 'true'
        }
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        {
          name: 'Durango__TaskHub'
          value: taskHub
        }
        {
          name: 'Durango__ContainerRuntime'
          value: 'aci'
        }
        {
          name: 'Durango__Aci__SubscriptionId'
          value: subscription().subscriptionId
        }
        {
          name: 'Durango__Aci__ResourceGroup'
          value: resourceGroup().name
        }
        {
          name: 'Durango__Aci__Location'
          value: location
        }
        {
          name: 'Durango__Aci__ManagedIdentityClientId'
          value: identityClientId
        }
        {
          // Artifacts of ACI steps pass through this account with user-delegation SAS; the identity's Storage Blob
          // Data Owner role allows generateUserDelegationKey. Set Durango__Aci__ArtifactAgentImage to use them.
          name: 'Durango__Aci__ArtifactStaging'
          value: storageBlobEndpoint
        }
        {
          name: 'Durango__SendGrid__ApiKey'
          value: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})'
        }
        {
          name: 'Durango__SendGrid__From'
          value: sendGridFrom
        }
        {
          // argo's clients send a Bearer token; Durango checks it (the triggers are anonymous to the Functions host).
          name: 'Durango__Api__ApiKey'
          value: '@Microsoft.KeyVault(SecretUri=${apiKeySecretUri})'
        }
        {
          name: 'Durango__Api__TrustAppServiceAuthentication'
          value: empty(entraClientId) ? 'false' : 'true'
        }
      ]
    }
  }
}

@description('Name of the Function App.')
output name string = app.name

@description('Base URL of the HTTP API.')
// App Service authentication (Entra ID), when an app registration is given: requests with a valid Entra ID token
// reach Durango with the platform's X-MS-CLIENT-PRINCIPAL-* headers; others (the API key) pass through to Durango's own check.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(entraClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
  }
}

output apiUrl string = 'https://${app.properties.defaultHostName}'
