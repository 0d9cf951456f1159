// Key Vault (RBAC) holding the API's bearer token and the SendGrid API key, which the app reads through Key Vault references.

@description('Region of the resources.')
param location string

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
param name string

@description('Tags for every resource.')
param tags object

@secure()
@description('The SendGrid API key; empty to add it later (az keyvault secret set).')
param sendGridApiKey string

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
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

@secure()
@description('The bearer token the Durango API asks of every client (argo\'s ARGO_TOKEN, Hera\'s token).')
param apiKey string

resource api 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'durango-api-key'
  properties: {
    value: apiKey
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
  }
}

@description('Name of the Key Vault.')
output name string = vault.name

@description('URI of the API key secret (without version: the app follows rotations).')
output apiKeySecretUri string = '${vault.properties.vaultUri}secrets/durango-api-key'

@description('URI of the SendGrid key secret (without version: the app follows rotations).')
output sendGridSecretUri string = '${vault.properties.vaultUri}secrets/sendgrid-api-key'
