import type { TurnContext } from 'botbuilder';
import Fastify from 'fastify';
import { loadConfig } from '../../bot/src/config';
import {
  createBotAuthentication,
  FixedTokenCredentialsFactory,
} from '../../bot/src/teams/bot-authentication';
import { registerMessagesRoute } from '../../bot/src/teams/fastify-bridge';
import { createCloudAdapter } from '../../bot/src/teams/teams-bot';
import { messagesRouteOptions } from '../../bot/src/teams/teams-runtime';

/**
 * The SDK floor of scenarios 1 and 2: the least a botbuilder bot can do per card action. A CloudAdapter
 * with the product's token validation settings (same metadata URL, app id, tenant: every request's JWT
 * is verified), hosted the same way (Fastify, the same bridge), answering every `adaptiveCard/action`
 * invoke with one constant card. No database, no logging, no other plugins.
 */
const constantCard = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '提案を受け付けました', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'FactSet', facts: [{ title: '提案番号', value: 'R8-0001' }] },
  ],
};

const main = async () => {
  const config = loadConfig();
  const authentication = createBotAuthentication(config.bot, {
    credentialsFactory: new FixedTokenCredentialsFactory(config.bot.appId ?? '', 'bench-outgoing-token'),
  });
  const adapter = createCloudAdapter(authentication);
  const app = Fastify({ logger: false });
  await registerMessagesRoute(
    app,
    messagesRouteOptions(config.bot, adapter, authentication, async (context: TurnContext) => {
      if (context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action') {
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: constantCard },
          },
        });
      }
    }),
  );
  app.get('/readyz', async () => ({ status: 'ok' }));
  await app.listen({ port: config.port, host: config.host });
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
