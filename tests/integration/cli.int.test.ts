import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, usesServer } from '../helpers/test-database';

/** The command-line tools as an operator runs them: separate processes on a database of their own. */
describe('command-line tools', () => {
  let folder: string;
  let databaseUrl: string | undefined;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'proposals-cli-'));
    databaseUrl = usesServer() ? await createServerDatabase('cli') : undefined;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const run = async (script: string, args: string[], dataDir = join(folder, 'data')) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    return { code, stdout, stderr };
  };

  it('seeds the demo data, exports it and refuses a bad import with the rows on stderr', async () => {
    const seeded = await run('db-seed', ['--demo']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('デモデータを登録しました');

    const exported = await run('export-csv', ['-', '--fiscal-year', 'R6']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(parse(exported.stdout, { bom: true, columns: true })).toHaveLength(660);
    expect(exported.stderr).toContain('令和6年度の提案 660件を書き出しました');

    const file = join(folder, 'bad.csv');
    writeFileSync(
      file,
      '提出日,件名,提案内容,分類,提案者\r\n2024-05-01,件名,本文,業務の効率化,山田\r\n2024-13-01,件名,,謎,山田\r\n',
    );
    const imported = await run('import-csv', [file, '--dry-run']);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('1行に誤りがあるため、取り込みませんでした');
    expect(imported.stderr).toContain('row:3: 「提出日」');
    expect(imported.stderr).not.toMatch(/^\s+at /m);
  });

  it.skipIf(usesServer())(
    'explains that the embedded database is in use, without a stack trace',
    async () => {
      // This test process stands in for a running server holding the folder.
      const data = join(folder, 'locked');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'app.lock'), String(process.pid));
      const { code, stderr } = await run('db-migrate', [], data);
      expect(code).toBe(1);
      expect(stderr).toContain(`別のプロセス（PID ${process.pid}）が使用中です`);
      expect(stderr).toContain(`in use by process ${process.pid}`);
      expect(stderr).not.toMatch(/^\s+at /m);
    },
  );
});
