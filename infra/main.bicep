// Durango in one resource group: a Function App on the Flex Consumption plan running the Durango API and engine,
// its storage account (Durable Task and Durango's blobs), Application Insights, Key Vault with the SendGrid key,
// and the managed identity that ties them together and creates the steps' container groups.
//
//   az deployment group create -g RG -f infra/main.bicep -p infra/main.parameters.json

targetScope = 'resourceGroup'

@description('Region of every resource; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Prefix of resource names: 3-11 lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param name string = 'durango'

@secure()
@description('The SendGrid API key for the email plugin; empty to set it in Key Vault later.')
param sendGridApiKey string = ''

@secure()
@description('The bearer token clients send (Authorization: Bearer, ARGO_TOKEN); a new random one unless given. Kept in Key Vault as durango-api-key.')
param apiKey string = newGuid()

@description('Sender of notification e-mails (a verified SendGrid sender).')
param sendGridFrom string = ''

@description('Durable task hub; also prefixes Durango\'s blob containers. Letters and digits.')
param taskHub string = 'durango'

@description('Most instances the Function App scales out to.')
param maximumInstances int = 40

@description('Memory of each Function App instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Tags for every resource.')
param tags object = {
  application: 'durango'
}

var suffix = uniqueString(resourceGroup().id)
var deploymentContainer = 'app-package'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    name: name
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: take('${name}${suffix}', 24)
    tags: tags
    deploymentContainer: deploymentContainer
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: take('${name}-kv-${suffix}', 24)
    tags: tags
    sendGridApiKey: sendGridApiKey
    apiKey: apiKey
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: name
    tags: tags
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    insightsName: monitoring.outputs.insightsName
  }
}

module functions 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    name: '${name}-${suffix}'
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: deploymentContainer
    insightsName: monitoring.outputs.insightsName
    sendGridSecretUri: vault.outputs.sendGridSecretUri
    apiKeySecretUri: vault.outputs.apiKeySecretUri
    sendGridFrom: sendGridFrom
    taskHub: taskHub
    maximumInstances: maximumInstances
    instanceMemoryMB: instanceMemoryMB
  }
}

@description('Name of the Function App (for func azure functionapp publish).')
output functionAppName string = functions.outputs.name

@description('Base URL of the Durango server (argo-server\'s API under /api/v1).')
output apiUrl string = functions.outputs.apiUrl

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Name of the Key Vault.')
output keyVaultName string = vault.outputs.name
