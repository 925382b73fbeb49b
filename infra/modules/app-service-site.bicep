// One App Service (Linux, Node.js) site running this repository: the web site (bot endpoint, tab,
// API) and the notification worker site are both this module with different settings.

@description('Site name; also the default host name <name>.azurewebsites.net.')
param name string

param location string

@description('The App Service plan (Linux, per-site scaling).')
param planId string

@description('User-assigned identity that reads the Key Vault references.')
param identityId string

@description('Node.js runtime, e.g. 20-lts.')
param nodeVersion string

@description('Instances of this site (per-site scaling).')
@minValue(1)
param numberOfWorkers int

@description('Application settings (environment variables), see bot/src/config.ts.')
param appSettings object

@description('https://… where users reach the app; empty = this site\'s default host name.')
param publicUrl string = ''

param logAnalyticsWorkspaceId string

param tags object = {}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    // Stateless instances: no sticky sessions, any instance answers any request.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'NODE|${nodeVersion}'
      // package.json's start script: migrations and base data, then the server.
      appCommandLine: 'npm start'
      alwaysOn: true
      numberOfWorkers: numberOfWorkers
      // Readiness: the database answers and the schema is current.
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, {
    PUBLIC_URL: empty(publicUrl) ? 'https://${site.properties.defaultHostName}' : publicUrl
  })
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = site.id
output defaultHostName string = site.properties.defaultHostName
output possibleOutboundIpAddresses string = site.properties.possibleOutboundIpAddresses
