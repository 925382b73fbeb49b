// The Azure Bot resource: registers the bot's Entra app (single tenant) with the Bot Framework and
// connects the Microsoft Teams channel. Deployed on its own for local development (the messaging
// endpoint is the dev tunnel) and as a module of ../azure.bicep for Azure.

@description('Globally unique name of the Azure Bot resource (2-64 characters).')
@minLength(2)
@maxLength(64)
param botName string

@description('The Entra app (client) id of the bot: BOT_APP_ID.')
param botAppId string

@description('The tenant of the single-tenant bot app.')
param botTenantId string = tenant().tenantId

@description('https://<app domain>/api/messages')
param messagingEndpoint string

@description('Name shown in the Bot Framework and Azure portal.')
@maxLength(42)
param botDisplayName string = '職員提案'

@description('F0 is enough: Microsoft Teams is a standard channel, free on both SKUs.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: messagingEndpoint
    msaAppId: botAppId
    msaAppTenantId: botTenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output BOT_SERVICE_NAME string = bot.name
