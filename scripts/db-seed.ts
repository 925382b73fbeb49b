import { parseArgs } from 'node:util';
import { seedDemoData } from '../bot/src/services/demo/seed-demo-data';
import { seedBaseData } from '../bot/src/services/seed/seed-base-data';
import { databaseLabel, runCli, UsageError, withDatabase } from './cli-support';

const usage = `使い方 / usage: npm run db:seed [-- --demo]
  --demo   デモデータ（職員150人、令和6年度の提案648件＋取下げ・統合、スタンプ3,000件）も登録する
           also load the demo data (150 staff, FY2024 proposals, 3,000 stamps)`;

/** `npm run db:seed`: migrations and the base data; `-- --demo` adds the demo prefecture. */
runCli(usage, async () => {
  const { values } = parseCommandLine();
  await withDatabase(async (database, config) => {
    console.log(`データベース / database: ${databaseLabel(database, config)}`);
    await seedBaseData(database.db);
    console.log('基本データ（令和6年度重点案件、スタンプ種別）を登録しました / Base data loaded');
    if (!values.demo) return;
    const result = await seedDemoData(database.db);
    console.log(
      result.created
        ? `デモデータを登録しました: 利用者 ${result.users}人、提案 ${result.proposals}件、スタンプ ${result.stamps.toLocaleString('ja-JP')}件 / ` +
            `Demo data loaded: ${result.users} users, ${result.proposals} proposals, ${result.stamps} stamps`
        : 'デモデータは登録済みのため、何もしませんでした / Demo data already present; nothing done',
    );
  });
});

function parseCommandLine() {
  try {
    return parseArgs({ options: { demo: { type: 'boolean', default: false } }, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
