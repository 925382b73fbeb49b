import { databaseLabel, runCli, withDatabase } from './cli-support';

/** `npm run db:migrate`: applies pending migrations to the configured database. */
runCli('使い方 / usage: npm run db:migrate', async () => {
  await withDatabase(async (database, config) => {
    console.log(`マイグレーションを適用しました / Migrations applied (${databaseLabel(database, config)})`);
  });
});
