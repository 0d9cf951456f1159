// Log Analytics and workspace-based Application Insights for the Function App.

@description('Region of the resources.')
param location string

@description('Prefix of the resource names.')
param name string

@description('Tags for every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('Resource id of Application Insights.')
output insightsId string = insights.id

@description('Name of Application Insights.')
output insightsName string = insights.name
