import Fastify from 'fastify';

/**
 * The HTTP ceiling of scenarios 1 and 2: a bare Fastify JSON route at `POST /api/messages` that reads
 * the body and answers a constant invoke response. Nothing else a Node server could skip.
 */
const main = async () => {
  const app = Fastify({ logger: false });
  const answer = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' };
  app.post('/api/messages', async () => answer);
  app.get('/readyz', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
