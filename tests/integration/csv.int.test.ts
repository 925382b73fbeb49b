import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared';
import { queryRows, type Database, type DatabaseHandle } from '../../bot/src/data/database';
import { importProposalsCsv } from '../../bot/src/services/csv/import-proposals';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { createTestUser, useTestDatabase } from '../helpers/test-context';
import { openFreshDatabase, resetDatabase } from '../helpers/test-database';
import { exportProposalsCsv } from '../helpers/proposal-csv';
import { encodeShiftJis } from '../helpers/shift-jis';

const header = [
  '提案番号',
  '年度',
  '提出日',
  '件名',
  '提案内容',
  '分類',
  '期待される効果',
  '提案者',
  '提案者メール',
  '提案者所属',
  '共同提案者',
  '所管課',
  '期間',
  '状況',
  'その他の理由区分',
  'その他の理由',
  '再検討時期',
  '回答',
  '統合先',
  '重点案件',
  '公開',
  '実現日',
];

type Row = Partial<Record<string, string>>;

const baseRow: Row = {
  提出日: '2024-05-10',
  件名: '会議資料のペーパレス化',
  提案内容: '会議資料を紙で配布しています。\nタブレットで閲覧できるようにします。',
  分類: 'ペーパレス化',
  提案者: '佐藤 一郎',
  提案者メール: 'ichiro.sato@example.jp',
  提案者所属: '財政課',
};

/** A CSV file as a spreadsheet would save it: header row and records, CRLF, UTF-8 with BOM. */
const csvFile = (rows: Row[], columns: string[] = header, bom = true): Buffer =>
  Buffer.from(
    (bom ? '\uFEFF' : '') +
      stringify([columns, ...rows.map((row) => columns.map((column) => row[column] ?? ''))], {
        record_delimiter: '\r\n',
        quote_record_delimiter: true,
      }),
    'utf8',
  );

const records = (content: Buffer): Record<string, string>[] =>
  parse(content.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];

/** What an import must leave untouched when it refuses a file. */
const snapshot = async (db: Database) =>
  (
    await queryRows<Record<string, number>>(
      db,
      sql`select (select count(*)::int from proposals) as proposals, (select count(*)::int from users) as users,
      (select count(*)::int from divisions) as divisions, (select count(*)::int from proposal_history) as history,
      (select count(*)::int from proposal_co_proposers) as co_proposers,
      (select count(*)::int from proposal_project_links) as links,
      (select coalesce(sum(last_sequence), 0)::int from proposal_counters) as counters`,
    )
  )[0]!;

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

/** Rows that exercise the format: formulas, quotes, commas, line breaks, people, projects, merges. */
const trickyRows: Row[] = [
  {
    ...baseRow,
    提案番号: 'R6-0900',
    年度: '令和6年度',
    件名: '=HYPERLINK("http://example.com","クリック")',
    提案内容: '+1 で始まる本文, カンマと "引用符" を含む\n複数行の本文\n\n空行も含む',
    期待される効果: '-30% の削減',
    提案者: '@田中 花子',
    共同提案者: '=共同 提案者 <co@example.jp>; 山口 太郎 <taro.yamaguchi@demo.example.jp>',
    所管課: '新設の課',
    期間: '中期',
    状況: 'その他',
    その他の理由区分: '法律上の制約',
    その他の理由: "''=すでにアポストロフィで始まる理由",
    再検討時期: '2025-10-01',
    回答: '\t回答はタブで始まらない（前後の空白は取り除かれる）',
    重点案件: 'R6-2-1; R6-1-2',
    公開: 'はい',
  },
  {
    ...baseRow,
    提案番号: 'R6-0901',
    件名: 'メールのない提案者の提案',
    提案者: '紙 提出者',
    提案者メール: '',
    提案者所属: '',
    状況: '統合',
    統合先: 'R6-0900',
  },
  {
    ...baseRow,
    提案番号: 'R7-0003',
    年度: '令和7年度',
    提出日: '2025-04-01',
    件名: '令和7年度の提案',
    状況: '実現完了',
    実現日: '2025-06-30',
    回答: '実現しました。',
    所管課: '財政課',
    期間: '短期',
  },
];

describe('proposal CSV', () => {
  const ctx = useTestDatabase();
  const opened: DatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((handle) => handle.close()));
  });

  it('round-trips exactly: export from one database, import into an empty one, export again', async () => {
    await seedDemoData(ctx.db);
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    expect(await importProposalsCsv(ctx.db, { actor: office, content: csvFile(trickyRows) })).toEqual({
      imported: 3,
      numbers: ['R6-0900', 'R6-0901', 'R7-0003'],
      // The demo has 財政課 and the other divisions named; this one it has not.
      newDivisions: ['新設の課'],
    });
    const first = await exportProposalsCsv(ctx.db);

    expect(first.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = first.toString('utf8');
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(header.join(','));
    expect(text.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/g)).toBeNull(); // CRLF outside quoted cells
    const exported = records(first);
    expect(exported).toHaveLength(663);
    expect(exported[0]).toMatchObject({ 提案番号: 'R6-0001', 年度: '令和6年度' });

    const second = await openFreshDatabase(`csv_${process.env.VITEST_POOL_ID ?? '0'}_b`);
    opened.push(second);
    await second.migrate();
    await seedBaseData(second.db);
    const result = await importProposalsCsv(second.db, { actor: null, content: first });
    expect(result.imported).toBe(663);
    expect(result.numbers).toEqual(exported.map((row) => row['提案番号']));
    const again = await exportProposalsCsv(second.db);
    expect(again.equals(first)).toBe(true);

    // The import created the people and divisions it named and recorded one history entry each.
    const [counts] = await queryRows<Record<string, number>>(
      second.db,
      sql`select (select count(*)::int from proposal_history where action = 'imported' and actor_id is null) as history,
        (select count(*)::int from proposal_history) as all_history,
        (select count(*)::int from proposals where proposer_id is null) as without_proposer,
        (select last_sequence from proposal_counters where fiscal_year = 2024) as r6,
        (select last_sequence from proposal_counters where fiscal_year = 2025) as r7`,
    );
    expect(counts).toEqual({ history: 663, all_history: 663, without_proposer: 1, r6: 901, r7: 3 });
  });

  it('neutralises formulas on export and restores them on import', async () => {
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    await seedBaseData(ctx.db);
    await importProposalsCsv(ctx.db, { actor: office, content: csvFile(trickyRows) });
    const [stored] = await queryRows<Record<string, string>>(
      ctx.db,
      sql`select title, body, expected_effect, proposer_name, block_reason_note, answer
          from proposals where number = 'R6-0900'`,
    );
    expect(stored).toEqual({
      title: '=HYPERLINK("http://example.com","クリック")',
      body: '+1 で始まる本文, カンマと "引用符" を含む\n複数行の本文\n\n空行も含む',
      expected_effect: '-30% の削減',
      proposer_name: '@田中 花子',
      block_reason_note: "'=すでにアポストロフィで始まる理由",
      answer: '回答はタブで始まらない（前後の空白は取り除かれる）',
    });
    const [row] = records(await exportProposalsCsv(ctx.db, { fiscalYear: 2024 })).filter(
      (record) => record['提案番号'] === 'R6-0900',
    );
    expect(row).toMatchObject({
      件名: `'=HYPERLINK("http://example.com","クリック")`,
      提案内容: '\'+1 で始まる本文, カンマと "引用符" を含む\n複数行の本文\n\n空行も含む',
      期待される効果: "'-30% の削減",
      提案者: "'@田中 花子",
      その他の理由: "''=すでにアポストロフィで始まる理由",
      共同提案者: "'=共同 提案者 <co@example.jp>; 山口 太郎 <taro.yamaguchi@demo.example.jp>",
      重点案件: 'R6-1-2; R6-2-1',
      状況: 'その他',
      その他の理由区分: '法律上の制約',
      公開: 'はい',
    });
    // No exported cell starts with a formula character.
    const exported = records(await exportProposalsCsv(ctx.db));
    for (const record of exported) {
      for (const value of Object.values(record)) expect(value).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
    }
  });

  it('neutralises full-width ＝ ＋ － ＠ too (Japanese Excel runs them as formulas) and restores them', async () => {
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    await seedBaseData(ctx.db);
    const fullWidth = {
      ...baseRow,
      提案番号: 'R6-0950',
      件名: '＝ＨＹＰＥＲＬＩＮＫ（"http://example.com"）',
      提案内容: '＋１で始まる本文',
      期待される効果: '－３０％',
      提案者: '＠全角 太郎',
    };
    await importProposalsCsv(ctx.db, { actor: office, content: csvFile([fullWidth]) });
    const first = await exportProposalsCsv(ctx.db, { fiscalYear: 2024 });
    const [row] = records(first).filter((record) => record['提案番号'] === 'R6-0950');
    expect(row).toMatchObject({
      件名: `'＝ＨＹＰＥＲＬＩＮＫ（"http://example.com"）`,
      提案内容: "'＋１で始まる本文",
      期待される効果: "'－３０％",
      提案者: "'＠全角 太郎",
    });
    // The exported file imports back to the same texts.
    const second = await openFreshDatabase(`csv_${process.env.VITEST_POOL_ID ?? '0'}_c`);
    opened.push(second);
    await second.migrate();
    await seedBaseData(second.db);
    await importProposalsCsv(second.db, { actor: null, content: first });
    const [stored] = await queryRows<Record<string, string>>(
      second.db,
      sql`select title, body, expected_effect, proposer_name from proposals where number = 'R6-0950'`,
    );
    expect(stored).toEqual({
      title: fullWidth.件名,
      body: fullWidth.提案内容,
      expected_effect: fullWidth.期待される効果,
      proposer_name: fullWidth.提案者,
    });
  });

  it('refuses a file with bad rows, listing every one of them, and writes nothing', async () => {
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    await seedBaseData(ctx.db);
    await submitProposal(ctx.db, {
      actor: office,
      input: { title: '既存の提案', body: '本文', category: 'other' },
      now: new Date('2024-04-10T01:00:00Z'),
    });
    const before = await snapshot(ctx.db);
    const rows: Row[] = [
      { ...baseRow }, // row 2: fine
      { ...baseRow, 件名: '', 分類: '不明な分類' }, // row 3
      { ...baseRow, 提出日: '2024-02-30' }, // row 4
      { ...baseRow, 状況: 'その他' }, // row 5: no reason
      { ...baseRow, 状況: '統合', 統合先: 'R6-0999' }, // row 6: unknown target
      { ...baseRow, 提案番号: 'R6-0001' }, // row 7: taken in the database
      { ...baseRow, 提案番号: 'R7-0001' }, // row 8: number of another fiscal year
      { ...baseRow, 提案番号: 'R6-0500' }, // row 9: fine
      { ...baseRow, 提案番号: 'R6-0500' }, // row 10: duplicate in the file
      { ...baseRow, 重点案件: 'R6-9-9' }, // row 11: unknown project
      { ...baseRow, 件名: 'x'.repeat(101), 提案内容: '制御文字\u0007入り' }, // row 12
      { ...baseRow, 年度: '令和7年度', 状況: '完了', 公開: 'たぶん' }, // row 13
      { ...baseRow, 共同提案者: '存在しない 人; 山口 太郎 <taro@example.jp>' }, // row 14: unknown person
      { ...baseRow, 提案者メール: 'not-an-email', 共同提案者: '山口 太郎 <taro@' }, // row 15
    ];
    const error = await rejection(importProposalsCsv(ctx.db, { actor: office, content: csvFile(rows) }));
    expect(error.code).toBe('VALIDATION');
    const badRows = [...new Set(error.details.map((detail) => detail.path))];
    expect(badRows).toEqual([
      'row:3',
      'row:4',
      'row:5',
      'row:6',
      'row:7',
      'row:8',
      'row:10',
      'row:11',
      'row:12',
      'row:13',
      'row:14',
      'row:15',
    ]);
    const messages = (row: number) =>
      error.details.filter((detail) => detail.path === `row:${row}`).map((detail) => detail.message);
    expect(messages(3)).toEqual(expect.arrayContaining(['件名を入力してください。']));
    expect(messages(3).join()).toContain('「分類」の「不明な分類」は使用できません');
    expect(messages(4).join()).toContain('「提出日」');
    expect(messages(5).join()).toContain('「その他の理由区分」');
    expect(messages(6).join()).toContain('R6-0999');
    expect(messages(7).join()).toContain('既に登録されています');
    expect(messages(8).join()).toContain('令和7年度の番号');
    expect(messages(10).join()).toContain('9行目と同じ番号');
    expect(messages(11).join()).toContain('R6-9-9');
    expect(messages(12)).toEqual(
      expect.arrayContaining([
        '件名は100文字以内で入力してください。',
        '提案内容に使用できない文字が含まれています。',
      ]),
    );
    expect(messages(13)).toHaveLength(3);
    expect(messages(14)).toEqual([
      '「共同提案者」の「存在しない 人」が見つかりません。「氏名 <メールアドレス>」の形式で入力してください。',
    ]);
    expect(messages(15)).toHaveLength(2);
    for (const detail of error.details) expect(detail.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(error.userMessage).toContain('12行');
    expect(await snapshot(ctx.db)).toEqual(before);
  });

  it('imports Shift_JIS files as Excel saves them', async () => {
    await seedBaseData(ctx.db);
    const text = stringify(
      [
        header,
        header.map(
          (column) =>
            ({
              ...baseRow,
              提出日: '2024/7/1',
              件名: '窓口のキャッシュレス化（①・②・③の手数料）',
              提案者: '髙橋 﨑子',
              所管課: '税務課',
              状況: '検討中',
              期間: '短期',
              重点案件: 'Ｒ６－１－３',
            })[column] ?? '',
        ),
      ],
      { record_delimiter: '\r\n', quote_record_delimiter: true },
    );
    const content = encodeShiftJis(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(content)).toThrow();
    expect(await importProposalsCsv(ctx.db, { actor: null, content })).toEqual({
      imported: 1,
      numbers: ['R6-0001'],
      newDivisions: ['財政課', '税務課'],
    });
    const [row] = await queryRows<Record<string, string>>(
      ctx.db,
      sql`select p.title, p.proposer_name, p.status, d.name as division,
          to_char(p.submitted_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') as submitted,
          (select theme_no || '-' || item_no from priority_projects pp join proposal_project_links l on l.project_id = pp.id
           where l.proposal_id = p.id) as project
          from proposals p join divisions d on d.id = p.responsible_division_id`,
    );
    expect(row).toEqual({
      title: '窓口のキャッシュレス化（①・②・③の手数料）',
      proposer_name: '髙橋 﨑子',
      status: 'under_consideration',
      division: '税務課',
      submitted: '2024-07-01',
      project: '1-3',
    });
  });

  it('numbers rows without a number after the highest taken, and a dry run writes nothing', async () => {
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    await submitProposal(ctx.db, {
      actor: office,
      input: { title: '既存の提案', body: '本文', category: 'other' },
      now: new Date('2024-04-10T01:00:00Z'),
    });
    const rows: Row[] = [
      { ...baseRow },
      { ...baseRow, 提案番号: 'R6-0010' },
      { ...baseRow, 提出日: '2025-04-02' },
      { ...baseRow },
    ];
    const before = await snapshot(ctx.db);
    const dryRun = await importProposalsCsv(ctx.db, { actor: office, content: csvFile(rows), dryRun: true });
    expect(dryRun).toEqual({
      imported: 4,
      numbers: ['R6-0011', 'R6-0010', 'R7-0001', 'R6-0012'],
      newDivisions: ['財政課'],
    });
    expect(await snapshot(ctx.db)).toEqual(before);

    expect(await importProposalsCsv(ctx.db, { actor: office, content: csvFile(rows) })).toEqual(dryRun);
    const next = await submitProposal(ctx.db, {
      actor: office,
      input: { title: '取込後の提案', body: '本文', category: 'other' },
      now: new Date('2024-09-10T01:00:00Z'),
    });
    expect(next.proposal.number).toBe('R6-0013');
    const history = await queryRows<{ action: string; actor_id: string; to: string }>(
      ctx.db,
      sql`select action, actor_id, changes->'status'->>'to' as to from proposal_history where action = 'imported'`,
    );
    expect(history).toHaveLength(4);
    expect(history.every((entry) => entry.actor_id === office.userId && entry.to === 'received')).toBe(true);
    // The proposer was created once, with the division of the file.
    const people = await queryRows<{ display_name: string; division: string }>(
      ctx.db,
      sql`select u.display_name, d.name as division from users u join divisions d on d.id = u.division_id
          where lower(u.email) = 'ichiro.sato@example.jp'`,
    );
    expect(people).toEqual([{ display_name: '佐藤 一郎', division: '財政課' }]);
  });

  it('refreshes the planner statistics of proposals after a large import', async () => {
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    const estimate = async () =>
      Number(
        (
          await queryRows<{ n: number }>(
            ctx.db,
            sql`select reltuples::float8 as n from pg_class where oid = 'proposals'::regclass`,
          )
        )[0]!.n,
      );
    expect(await estimate()).toBeLessThan(1_000);
    const rows: Row[] = Array.from({ length: 1_000 }, (_, i) => ({
      ...baseRow,
      件名: `会議資料のペーパレス化（${i + 1}）`,
    }));
    expect((await importProposalsCsv(ctx.db, { actor: office, content: csvFile(rows) })).imported).toBe(
      1_000,
    );
    // What the planner believes now is what was imported (no need to wait for autovacuum).
    expect(await estimate()).toBe(1_000);
  });

  it('refuses oversized files, too many rows, missing columns, bad encodings and non-office actors', async () => {
    const before = await snapshot(ctx.db);
    const tooBig = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
    expect((await rejection(importProposalsCsv(ctx.db, { actor: null, content: tooBig }))).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );

    const manyRows = csvFile(
      Array.from({ length: 20_001 }, () => ({ 件名: 'a' })),
      ['件名', '提案内容', '分類', '提案者', '提出日'],
    );
    expect(manyRows.length).toBeLessThan(5 * 1024 * 1024);
    const tooMany = await rejection(importProposalsCsv(ctx.db, { actor: null, content: manyRows }));
    expect(tooMany.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooMany.userMessage).toContain('20,000行');

    const missing = await rejection(
      importProposalsCsv(ctx.db, {
        actor: null,
        content: csvFile(
          [baseRow],
          header.filter((column) => column !== '件名' && column !== '提案者'),
        ),
      }),
    );
    expect(missing.code).toBe('VALIDATION');
    expect(missing.userMessage).toContain('「件名」「提案者」');
    expect(missing.details).toEqual([{ path: 'row:1', message: missing.userMessage }]);

    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x82, 0x20, 0xff, 0xfe, 0x00, 0x81]);
    const encoding = await rejection(importProposalsCsv(ctx.db, { actor: null, content: binary }));
    expect(encoding.code).toBe('VALIDATION');
    expect(encoding.userMessage).toContain('文字コード');

    const staff = await createTestUser(ctx.db);
    const forbidden = await rejection(
      importProposalsCsv(ctx.db, { actor: staff, content: csvFile([baseRow]) }),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(await snapshot(ctx.db)).toEqual({ ...before, users: before.users! + 1 });
  });

  it('exports the same bytes from two runs of the demo seed (deterministic demo data)', async () => {
    await seedDemoData(ctx.db);
    const first = await exportProposalsCsv(ctx.db, { fiscalYear: 2024 });
    await resetDatabase(ctx.database);
    await seedDemoData(ctx.db);
    expect((await exportProposalsCsv(ctx.db, { fiscalYear: 2024 })).equals(first)).toBe(true);
    expect(records(await exportProposalsCsv(ctx.db, { fiscalYear: 2025 }))).toEqual([]);
  });
});
