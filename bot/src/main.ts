import { ConfigError, loadConfig } from './config';
import { startServer } from './start-server';

/** `npm start`: parse config, then start the server (start-server.ts) with the product's defaults. */
const main = async () => {
  await startServer(loadConfig());
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
