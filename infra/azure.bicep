// Azure resources for 職員提案・アクションスタンプ, deployed into one resource group by the Agents
// Toolkit (m365agents.yml, arm/deploy with azure.parameters.json) or by `az deployment group create`
// (docs/operations.md). One App Service plan runs two sites from the same code: `web` (bot endpoint,
// tab and API, scaled out behind App Service's load balancer) and `worker` (one instance, the only
// process sending notifications). Both use one PostgreSQL Flexible Server; secrets live in Key Vault
// and are read through a user-assigned managed identity; logs and metrics go to Log Analytics.

@description('Prefix of the resource names (lower-case letters, digits).')
@minLength(3)
@maxLength(12)
param resourceBaseName string = 'proposals'

@description('Makes globally unique names unique (web site, server, vault). Empty = derived from the resource group.')
@maxLength(13)
param resourceSuffix string = ''

param location string = resourceGroup().location

@description('The Entra app (client) id shared by the bot and the tab SSO: BOT_APP_ID.')
param botAppId string

@description('Client secret of that app: SECRET_BOT_APP_PASSWORD. Stored in Key Vault.')
@secure()
param botAppPassword string

@description('The Teams app (manifest) id: TEAMS_APP_ID.')
param teamsAppId string

@description('The app\'s id in the org app catalog (TEAMS_APP_PUBLISHED_APP_ID, written by atk publish): proactive installation and deep links. Empty until the app is published.')
param teamsAppPublishedAppId string = ''

@description('Name shown for the bot in Azure and the Bot Framework.')
@maxLength(42)
param botDisplayName string = '職員提案'

@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan SKU: B1 for trials, P0v3 or larger in production.')
param appServicePlanSku string = 'B1'

@description('Instances of the web site behind the load balancer. The worker site always runs one.')
@minValue(1)
@maxValue(10)
param webInstanceCount int = 1

@description('Node.js on App Service (the app supports 20.19+ and 22.12+).')
@allowed([
  '20-lts'
  '22-lts'
])
param nodeVersion string = '20-lts'

@description('A custom host name already bound to the web site (e.g. proposals.example.lg.jp); empty = <site>.azurewebsites.net.')
param publicHostName string = ''

param postgresAdminLogin string = 'proposalsadmin'

@description('PostgreSQL administrator password: SECRET_POSTGRES_ADMIN_PASSWORD. Stored in Key Vault inside DATABASE_URL.')
@secure()
@minLength(12)
param postgresAdminPassword string

@allowed([
  '16'
  '17'
])
param postgresVersion string = '16'

@description('Standard_B1ms for trials; Standard_D2ds_v5 (GeneralPurpose) or larger in production.')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@minValue(32)
param postgresStorageSizeGB int = 32

@description('Point-in-time restore window in days.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@allowed([
  'Enabled'
  'Disabled'
])
param postgresGeoRedundantBackup string = 'Disabled'

@description('ZoneRedundant or SameZone for a standby server (not on Burstable).')
@allowed([
  'Disabled'
  'ZoneRedundant'
  'SameZone'
])
param postgresHighAvailability string = 'Disabled'

@description('Operators\' public IPv4 addresses allowed to reach PostgreSQL (psql, restores).')
param adminIpAddresses array = []

@description('Database connections per process (DATABASE_POOL_SIZE). Keep (web instances + 1) × this under the server\'s max_connections.')
@minValue(2)
param databasePoolSize int = 10

@description('GRAPH_ENABLED: divisions from Microsoft Graph and proactive installation (needs admin-consented application permissions).')
@allowed([
  'true'
  'false'
])
param graphEnabled string = 'false'

@description('AUTH_OFFICE_GROUP_IDS: comma-separated Entra group object ids whose members are the promotion office.')
param authOfficeGroupIds string = ''

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var suffix = toLower(empty(resourceSuffix) ? uniqueString(resourceGroup().id) : resourceSuffix)
var baseName = toLower('${resourceBaseName}-${suffix}')
var databaseName = 'proposals'
var tags = {
  application: 'staff-proposals'
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// The sites' identity: reads Key Vault secrets, nothing else.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
  tags: tags
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('kv${replace(baseName, '-', '')}', 24)
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
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${baseName}-pg'
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: postgresGeoRedundantBackup
    }
    highAvailability: {
      mode: postgresHighAvailability
    }
    // Public endpoint closed by the firewall: only the rules in postgres-firewall.bicep get through.
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// TLS only, 1.2 or later. Server parameters change one at a time.
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

resource minimumTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
  dependsOn: [
    requireTls
  ]
}

// UTF-8. The collation does not matter to the app (its Japanese search is pure SQL); en_US.utf8
// exists on every server.
resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    minimumTls
  ]
}

resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: postgres
  properties: {
    workspaceId: logAnalytics.id
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

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    // verify-full: TLS with the server's certificate checked (Azure's CAs are in Node's trust store).
    value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: webInstanceCount
  }
  properties: {
    reserved: true
    // Each site chooses its instance count: the web site scales out, the worker stays at one.
    perSiteScaling: true
  }
}

var keyVaultReference = '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/'

// Environment variables read by bot/src/config.ts, plus the App Service build and monitoring settings.
var commonSettings = {
  NODE_ENV: 'production'
  LOG_LEVEL: 'info'
  TRUST_PROXY: '1'
  DATABASE_URL: '${keyVaultReference}${databaseUrlSecret.name})'
  DATABASE_POOL_SIZE: string(databasePoolSize)
  TEAMS_APP_ID: teamsAppId
  TEAMS_APP_PUBLISHED_APP_ID: teamsAppPublishedAppId
  BOT_APP_ID: botAppId
  BOT_APP_TYPE: 'SingleTenant'
  BOT_TENANT_ID: tenant().tenantId
  SECRET_BOT_APP_PASSWORD: '${keyVaultReference}${botPasswordSecret.name})'
  AUTH_MODE: 'entra'
  AUTH_OFFICE_GROUP_IDS: authOfficeGroupIds
  GRAPH_ENABLED: graphEnabled
  // Zip deploys carry the built tab but no node_modules: App Service installs the production
  // dependencies from package-lock.json.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  CUSTOM_BUILD_COMMAND: 'npm ci --omit=dev --no-audit --no-fund'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
}

module web 'modules/app-service-site.bicep' = {
  name: 'site-web'
  params: {
    name: '${baseName}-web'
    location: location
    planId: plan.id
    identityId: identity.id
    nodeVersion: nodeVersion
    numberOfWorkers: webInstanceCount
    // Empty: the site's own default host name.
    publicUrl: empty(publicHostName) ? '' : 'https://${publicHostName}'
    logAnalyticsWorkspaceId: logAnalytics.id
    tags: tags
    // Web instances leave notifications to the worker site: Teams' rate limits are kept per process.
    appSettings: union(commonSettings, {
      WORKER_IN_PROCESS: 'false'
    })
  }
  dependsOn: [
    identityReadsSecrets
  ]
}

module worker 'modules/app-service-site.bicep' = {
  name: 'site-worker'
  params: {
    name: '${baseName}-worker'
    location: location
    planId: plan.id
    identityId: identity.id
    nodeVersion: nodeVersion
    numberOfWorkers: 1
    // Links in the notifications point at the web site.
    publicUrl: publicUrl
    logAnalyticsWorkspaceId: logAnalytics.id
    tags: tags
    appSettings: union(commonSettings, {
      WORKER_IN_PROCESS: 'true'
    })
  }
  dependsOn: [
    identityReadsSecrets
  ]
}

// Where users reach the app: the custom host name, else the web site's default host name.
var webHostName = empty(publicHostName) ? web.outputs.defaultHostName : publicHostName
var publicUrl = 'https://${webHostName}'

module postgresFirewall 'modules/postgres-firewall.bicep' = {
  name: 'postgres-firewall'
  params: {
    serverName: postgres.name
    // Both sites share the plan, hence the outbound addresses.
    appOutboundIpAddresses: web.outputs.possibleOutboundIpAddresses
    adminIpAddresses: adminIpAddresses
  }
  dependsOn: [
    database
  ]
}

module bot 'bot-registration/azurebot.bicep' = {
  name: 'azure-bot'
  params: {
    botName: '${baseName}-bot'
    botAppId: botAppId
    botTenantId: tenant().tenantId
    messagingEndpoint: '${publicUrl}/api/messages'
    botDisplayName: botDisplayName
    botSku: botSku
  }
}

// Written to env/.env.<env> by the Agents Toolkit (names as they are), used by the manifest, the
// Entra manifest and the deploy steps.
output TAB_ENDPOINT string = publicUrl
output TAB_DOMAIN string = webHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = web.outputs.id
output WORKER_AZURE_APP_SERVICE_RESOURCE_ID string = worker.outputs.id
output AZURE_KEY_VAULT_NAME string = keyVault.name
output POSTGRES_SERVER_NAME string = postgres.name
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
output POSTGRES_DATABASE_NAME string = databaseName
output LOG_ANALYTICS_WORKSPACE_NAME string = logAnalytics.name
output APPLICATIONINSIGHTS_NAME string = appInsights.name
