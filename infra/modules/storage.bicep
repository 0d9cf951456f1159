// The storage account: AzureWebJobsStorage (Durable Task's queues and tables), Durango's blob containers, and the
// Flex Consumption deployment package. Shared keys are off: everything signs in with the managed identity.

@description('Region of the resources.')
param location string

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
param name string

@description('Tags for every resource.')
param tags object

@description('Blob container that holds the deployment package of the Function App.')
param deploymentContainer string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
}

@description('Name of the storage account.')
output name string = account.name

@description('Resource id of the storage account.')
output id string = account.id

@description('Blob endpoint of the storage account.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
