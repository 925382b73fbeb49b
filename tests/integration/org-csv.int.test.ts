import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { OrgDivisionListDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { tabApiCast } from '../helpers/personas';
import { encodeShiftJis } from '../helpers/shift-jis';
import { useSignedInApp } from '../helpers/test-context';
import { rowsDigest } from '../helpers/test-database';

/**
 * The organisation CSV through the API: the office exports, admins import (UTF-8 or Shift_JIS, a dry
 * run by default, all or nothing). An exported file imported again changes nothing; an edited one
 * changes exactly what was edited, audited; a bad file is refused with every bad row and writes nothing.
 */
describe('organisation CSV', () => {
  const { ctx, call } = useSignedInApp(tabApiCast);
  const csv = { 'content-type': 'text/csv' };
  const tables = ['divisions', 'master_data_changes', 'users', 'proposals'];

  const exportCsv = async (): Promise<string> => {
    const response = await call('office', 'GET', '/api/org/divisions/export.csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    return response.body;
  };
  const importCsv = (body: string | Buffer, dryRun: boolean) =>
    call('admin', 'POST', `/api/org/divisions/import?dryRun=${dryRun}`, body, csv);

  it('round-trips: the exported file imports with no change; an edited Shift_JIS file changes what was edited', async () => {
    await seedDemoData(ctx.db);
    const exported = await exportCsv();
    expect(exported.startsWith('\uFEFF組織コード,組織名,種類,上位組織コード,表示順,状態\r\n')).toBe(true);
    expect(exported).toContain('demo-0101,人事課,課・室,demo-01,1010,有効\r\n');
    const before = await rowsDigest(ctx.db, tables);
    const total = exported.trim().split('\r\n').length - 1;

    const same = await importCsv(exported, false);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ dryRun: false, created: 0, updated: 0, unchanged: total });
    expect(await rowsDigest(ctx.db, tables)).toBe(before);

    // Edited as in Excel: a rename, a new 出先機関 under a bureau, a retirement, saved as Shift_JIS.
    const edited = exported
      .replace('demo-0107,税務課,', 'demo-0107,税務企画課,')
      .replace('demo-0106,管財課,課・室,demo-01,1060,有効', 'demo-0106,管財課,課・室,demo-01,1060,廃止')
      .concat('B0101,東部県税事務所,出先機関,demo-01,1500,有効\r\n');
    const file = encodeShiftJis(edited.replace('\uFEFF', ''));
    const dry = await importCsv(file, true);
    expect(dry.json()).toEqual({ dryRun: true, created: 1, updated: 2, unchanged: total - 2 });
    expect(await rowsDigest(ctx.db, tables)).toBe(before);

    const applied = await importCsv(file, false);
    expect(applied.json()).toEqual({ dryRun: false, created: 1, updated: 2, unchanged: total - 2 });
    const items = ((await call('office', 'GET', '/api/org/divisions')).json() as OrgDivisionListDto).items;
    const byCode = (code: string) => items.find((item) => item.code === code)!;
    expect(byCode('demo-0107').name).toBe('税務企画課');
    expect(byCode('demo-0106').isActive).toBe(false);
    expect(byCode('B0101')).toMatchObject({ kind: 'branch', parent: { name: '総務部' }, isActive: true });
    const audit = await queryRows<{ action: string; reason: string }>(
      ctx.db,
      sql`select action, reason from master_data_changes where entity = 'division' order by action`,
    );
    expect(audit).toEqual([
      { action: 'create', reason: 'CSVから取込' },
      { action: 'rename', reason: 'CSVから取込' },
      { action: 'retire', reason: 'CSVから取込' },
    ]);
    // The file exported now imports with no change again.
    expect((await importCsv(await exportCsv(), true)).json()).toMatchObject({ created: 0, updated: 0 });
  });

  it('refuses a bad file with every bad row, writing nothing; only admins import', async () => {
    await seedDemoData(ctx.db);
    const before = await rowsDigest(ctx.db, tables);
    const bad = [
      '組織コード,組織名,種類,上位組織コード,表示順,状態',
      'N01,新しい課,係,demo-01,10,有効',
      'N02,人事課,課・室,demo-01,10,有効',
      'N03,三番目の課,課・室,NOPE,10,有効',
      'N04,四番目の課,課・室,N05,10,有効',
      'N05,五番目の課,課・室,N04,10,有効',
      'N06,六番目の課,課・室,,abc,有効',
      'N07,七番目の課,課・室,,10,休止',
      'N04,重複した課,課・室,,10,有効',
      'demo-02,総合企画部,部局,,2000,廃止',
      '=cmd,式の課,課・室,,10,有効',
    ].join('\r\n');
    const response = await importCsv(bad, false);
    expect(response.statusCode).toBe(400);
    const body = response.json().error;
    expect(body.message).toBe(
      '10行に誤りがあるため、取り込みませんでした（1件も登録していません）。各行を修正してから取り込み直してください。',
    );
    expect(body.details).toEqual([
      { path: 'row:2', message: '種類「係」は「部局」「課・室」「出先機関」のいずれかで指定してください。' },
      { path: 'row:3', message: '組織名「人事課」はほかの組織（コード demo-0101）で使われています。' },
      { path: 'row:4', message: '上位組織コード「NOPE」の組織がありません。' },
      { path: 'row:5', message: '上位組織の指定が循環しています。' },
      { path: 'row:6', message: '上位組織の指定が循環しています。' },
      { path: 'row:7', message: '表示順は数値で指定してください。' },
      { path: 'row:8', message: '状態「休止」は「有効」か「廃止」で指定してください。' },
      { path: 'row:9', message: '組織コード「N04」は5行目と重複しています。' },
      { path: 'row:10', message: '配下に有効な組織（政策企画課、デジタル政策課）があるため廃止できません。' },
      { path: 'row:11', message: '組織コードは半角英数字・ハイフン・アンダースコアで入力してください。' },
    ]);
    expect(await rowsDigest(ctx.db, tables)).toBe(before);

    const header = await importCsv('組織名\r\n人事課\r\n', false);
    expect(header.json().error.message).toBe(
      '必須の列がありません: 「組織コード」。1行目（見出し行）を確認してください。',
    );
    expect(
      (await call('office', 'POST', '/api/org/divisions/import?dryRun=false', bad, csv)).statusCode,
    ).toBe(403);
    expect((await call('staff', 'GET', '/api/org/divisions/export.csv')).statusCode).toBe(403);
    expect(await rowsDigest(ctx.db, tables)).toBe(before);
  });
});
