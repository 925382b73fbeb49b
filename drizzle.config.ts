import { defineConfig } from 'drizzle-kit';

// Generation only: migrations are applied by the app itself (bot/src/data/migrate.ts) on both back ends.
export default defineConfig({
  dialect: 'postgresql',
  schema: './bot/src/data/schema/index.ts',
  out: './bot/src/data/migrations',
  casing: 'snake_case',
});
