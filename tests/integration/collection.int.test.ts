import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CollectionDtoSchema,
  type CollectionDto,
  type DashboardDto,
  type ProposalDto,
  type ProposalPageDto,
} from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { collectionBatchQuery } from '../../bot/src/data/repositories/collection-repository';
import { findDivisionNames } from '../../bot/src/data/repositories/dashboard-repository';
import {
  collectionListColumns,
  collectionSheetNames,
} from '../../bot/src/services/collection/collection-workbook';
import { openCollection } from '../../bot/src/services/collection/proposal-collection';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { personas, type Persona } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';
import { queryPlan } from '../helpers/test-database';

/**
 * 提案集 (issue 18): the office's workbook and the print page's JSON of a fiscal year, over the demo
 * prefecture (FY2024: 648 counted proposals, some published). The workbook is read back with exceljs.
 * What it lists is checked against what the visibility rule shows a member of staff without
 * proposals of their own (published ones only), and its 状況集計 against the dashboard's API.
 */
const cast = {
  staff: personas.taro,
  reader: personas.saburo,
  liaison: personas.jiro,
  office: personas.kenichi,
  admin: personas.makoto,
} satisfies Record<string, Persona>;

const countedStatuses = 'received,under_consideration,settled,realised,blocked';

type Cell = string | number | null;

/** A sheet as plain values, row by row (exceljs is 1-based; row 0 and column 0 are dropped). */
const sheetValues = (sheet: ExcelJS.Worksheet): Cell[][] => {
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows[rowNumber - 1] = values.map((value) =>
      value === undefined || value === null ? null : (value as string | number),
    );
  });
  return rows;
};

const readWorkbook = async (payload: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
};

describe('提案集 (the yearly collection): Excel workbook and print data', () => {
  const { ctx, ids, call } = useSignedInApp(cast, {
    reset: 'once',
    now: () => new Date('2025-06-01T00:00:00Z'),
  });

  const ok = async <T>(who: keyof typeof cast, method: string, url: string, payload?: unknown) => {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBe(200);
    return response.json() as T;
  };

  /** FY2024's proposals a member of staff without proposals of their own sees: the published ones. */
  const publishedNumbersSeenByStaff = async (): Promise<string[]> => {
    const numbers: string[] = [];
    for (let page = 1; ; page += 1) {
      const list = await ok<ProposalPageDto>(
        'reader',
        'GET',
        `/api/proposals?fiscalYear=2024&status=${countedStatuses}&sort=number&direction=asc&pageSize=100&page=${page}`,
      );
      numbers.push(...list.items.map((item) => item.number));
      if (list.items.length < 100) return numbers;
    }
  };

  const workbookOf = async (fiscalYear: number | string) => {
    const response = await call('office', 'GET', `/api/collection/${fiscalYear}.xlsx`);
    expect(response.statusCode, response.body).toBe(200);
    return { response, workbook: await readWorkbook(response.rawPayload) };
  };

  const listedNumbers = (workbook: ExcelJS.Workbook): string[] =>
    sheetValues(workbook.getWorksheet(collectionSheetNames.list)!)
      .slice(2)
      .map((row) => String(row[0]));

  beforeAll(async () => {
    await seedDemoData(ctx.db);
    // 権限管理: 下関 次郎 is the liaison (所管課担当) of a division; a liaison is no office member.
    const [division] = [...(await findDivisionNames(ctx.db)).keys()];
    const response = await call('admin', 'PUT', `/api/admin/users/${ids.liaison}/liaison-divisions`, {
      divisionIds: [division],
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('lists exactly the published proposals of the year and prints the dashboard’s status table', async () => {
    const { response, workbook } = await workbookOf(2024);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('職員提案集_R6.xlsx')}`,
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['提案一覧', '状況集計']);

    // Sheet 1: title, headers, then the published proposals in number order.
    const list = workbook.getWorksheet('提案一覧')!;
    const rows = sheetValues(list);
    expect(rows[0]![0]).toBe('令和6年度 職員提案集');
    expect(rows[1]).toEqual([
      '提案番号',
      '件名',
      '提案内容',
      '提案時の所属',
      '分類',
      '状況',
      '講評',
      '所管課',
      '重点案件',
      '賛同数',
    ]);
    const listed = listedNumbers(workbook);
    const seenByStaff = await publishedNumbersSeenByStaff();
    expect(listed).toEqual(seenByStaff);
    // The demo has unpublished proposals in FY2024, and none of them is listed.
    const unpublished = await queryRows<{ number: string }>(
      ctx.db,
      sql`select number from proposals where fiscal_year = 2024 and not is_published
          and status not in ('withdrawn', 'merged')`,
    );
    expect(unpublished.length).toBeGreaterThan(0);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length + unpublished.length).toBe(648);
    expect(listed.filter((number) => unpublished.some((row) => row.number === number))).toEqual([]);

    // The layout: frozen header rows, set widths, wrapped text.
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(list.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '2:2' });
    expect(list.getColumn(3).width).toBe(60);
    expect(list.getCell('C3').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(list.getCell('A2').font).toMatchObject({ bold: true });

    // Sheet 2: the plan's table as the plan prints it, with the dashboard API's figures of the year.
    const dashboard = await ok<DashboardDto>('reader', 'GET', '/api/dashboard?fiscalYear=2024');
    const status = sheetValues(workbook.getWorksheet('状況集計')!);
    expect(status[0]![0]).toBe('令和6年度 職員提案 実現・検討状況');
    expect(status[2]).toEqual(['区分', '件数', '割合']);
    expect(status.slice(3, 7)).toEqual([
      ['全体件数', dashboard.statusTable.total, 100],
      ...dashboard.statusTable.rows.map((row) => [row.label, row.count, row.share]),
    ]);
    // …which are the plan's own.
    expect(status.slice(3, 7)).toEqual([
      ['全体件数', 648, 100],
      ['実現完了（又は見込み）', 191, 29.5],
      ['検討中等', 377, 58.2],
      ['その他', 80, 12.3],
    ]);
    expect(workbook.getWorksheet('状況集計')!.getCell('C5').numFmt).toBe('0.0"%"');
  });

  it('fills each row from the proposal: division at submission, category, group, 講評, 所管課, 重点案件, 賛同数', async () => {
    const [linked] = await queryRows<{ id: string; number: string; codes: string }>(
      ctx.db,
      sql`select p.id, p.number,
                 string_agg('R6-' || pp.theme_no || '-' || pp.item_no || ' ' || pp.title, E'\n'
                            order by pp.theme_no, pp.item_no) as codes
          from proposals p
          join proposal_project_links l on l.proposal_id = p.id
          join priority_projects pp on pp.id = l.project_id
          where p.fiscal_year = 2024 and p.is_published and p.answer is not null
            and p.responsible_division_id is not null and p.status not in ('withdrawn', 'merged')
          group by p.id, p.number order by p.number limit 1`,
    );
    expect(linked, 'the demo has a published, answered proposal linked to a 重点案件').toBeDefined();
    // Two colleagues support it (賛同) through the API: the workbook counts them.
    for (const who of ['staff', 'reader'] as const)
      await ok(who, 'PUT', `/api/proposals/${linked!.id}/support`);
    const proposal = await ok<ProposalDto>('office', 'GET', `/api/proposals/${linked!.id}`);
    expect(proposal.supportCount).toBe(2);
    const { workbook } = await workbookOf(2024);
    const rows = sheetValues(workbook.getWorksheet('提案一覧')!).slice(2);
    const row = rows.find((cells) => cells[0] === proposal.number)!;
    const cell = (header: string) => row[collectionListColumns.findIndex((c) => c.header === header)];
    const groupLabels = { realised: '実現完了（又は見込み）', considering: '検討中等', blocked: 'その他' };
    const group = ['settled', 'realised'].includes(proposal.status)
      ? 'realised'
      : proposal.status === 'blocked'
        ? 'blocked'
        : 'considering';
    expect({
      件名: cell('件名'),
      提案内容: cell('提案内容'),
      提案時の所属: cell('提案時の所属'),
      分類: cell('分類'),
      状況: cell('状況'),
      講評: cell('講評'),
      所管課: cell('所管課'),
      重点案件: cell('重点案件'),
      賛同数: cell('賛同数'),
    }).toEqual({
      件名: proposal.title,
      提案内容: proposal.body,
      提案時の所属: proposal.proposerDivision?.name ?? null,
      分類: proposal.categoryLabel,
      状況: groupLabels[group],
      講評: proposal.answer,
      所管課: proposal.responsibleDivision!.name,
      重点案件: linked!.codes,
      賛同数: 2,
    });
  });

  it('the print page’s JSON holds the same proposals and figures as the workbook', async () => {
    const { workbook } = await workbookOf(2024);
    const response = await call('office', 'GET', '/api/collection/2024');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    // The streamed answer has the declared shape.
    const collection: CollectionDto = CollectionDtoSchema.parse(response.json());
    const dashboard = await ok<DashboardDto>('office', 'GET', '/api/dashboard?fiscalYear=2024');
    expect(collection).toMatchObject({
      fiscalYear: 2024,
      fiscalYearLabel: '令和6年度',
      title: '令和6年度 職員提案集',
      asOfLabel: '令和7年6月1日',
      statusTable: dashboard.statusTable,
    });
    expect(collection.entries.map((entry) => entry.number)).toEqual(listedNumbers(workbook));
    // Every category of the year is there to group by, with the label the dashboard shows.
    expect(collection.categories.map((category) => category.label)).toEqual(
      expect.arrayContaining(dashboard.byCategory.map((row) => row.label)),
    );
    const codes = new Set(collection.categories.map((category) => category.code));
    expect(collection.entries.every((entry) => codes.has(entry.categoryCode))).toBe(true);
    expect(collection.availableFiscalYears.map((year) => year.fiscalYear)).toEqual([2025, 2024]);
  });

  it('reads the proposals in batches without losing or repeating one', async () => {
    const office = { userId: ids.office, roles: ['office' as const] };
    const whole = await openCollection(ctx.db, office, 2024);
    const small = await openCollection(ctx.db, office, 2024, { batchSize: 7 });
    const numbersOf = async (collection: typeof whole) => {
      const numbers: string[] = [];
      for await (const batch of collection.batches()) numbers.push(...batch.map((entry) => entry.number));
      return numbers;
    };
    const all = await numbersOf(whole);
    expect(await numbersOf(small)).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it('reads a batch through an index of proposals, never the whole table', async () => {
    const plan = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryPlan(tx, collectionBatchQuery(tx, 2024, 100, 500));
    });
    // The (fiscal_year, sequence) key bounds a batch; on this small seed the planner may prefer the
    // published-proposals index instead, which is as bounded. Either way: no scan of the table.
    expect(plan).toMatch(
      /(Index|Bitmap Index) Scan (using|on) proposals_(fiscal_year_sequence_key|published_idx)/,
    );
    expect(plan).not.toMatch(/Seq Scan on proposals/);
  });

  it('follows the office’s 公開: unpublishing takes a proposal out, publishing puts one in', async () => {
    const before = listedNumbers((await workbookOf(2024)).workbook);
    const [published] = await queryRows<{ id: string; number: string; version: number }>(
      ctx.db,
      sql`select id, number, version from proposals where fiscal_year = 2024 and is_published
          and status not in ('withdrawn', 'merged') order by sequence limit 1`,
    );
    const [hidden] = await queryRows<{ id: string; number: string; version: number }>(
      ctx.db,
      sql`select id, number, version from proposals where fiscal_year = 2024 and not is_published
          and status not in ('withdrawn', 'merged') order by sequence limit 1`,
    );
    await ok('office', 'PATCH', `/api/proposals/${published!.id}`, {
      version: published!.version,
      isPublished: false,
    });
    await ok('office', 'PATCH', `/api/proposals/${hidden!.id}`, {
      version: hidden!.version,
      isPublished: true,
    });

    const after = listedNumbers((await workbookOf(2024)).workbook);
    expect(after).not.toContain(published!.number);
    expect(after).toContain(hidden!.number);
    expect(after.length).toBe(before.length);
    expect(after).toEqual(await publishedNumbersSeenByStaff());
  });

  it('is the office’s: staff and liaisons are refused in Japanese, admins may, nobody signed out', async () => {
    for (const url of ['/api/collection/2024.xlsx', '/api/collection/2024']) {
      for (const who of ['staff', 'liaison'] as const) {
        const response = await call(who, 'GET', url);
        expect(response.statusCode, `${url} as ${who}`).toBe(403);
        expect(response.json().error.message).toBe('提案集は推進室だけが作成できます。');
        expect(response.headers['content-disposition']).toBeUndefined();
      }
      expect((await call('anonymous', 'GET', url)).statusCode).toBe(401);
      expect((await call('admin', 'GET', url)).statusCode).toBe(200);
      expect((await call('office', 'GET', url)).statusCode).toBe(200);
    }
  });

  it('refuses a year that is not one with a Japanese message; a year without proposals is empty', async () => {
    const cases: [string, string][] = [
      ['/api/collection/abc.xlsx', '年度は数値（例: 2024）で指定してください。'],
      ['/api/collection/1900.xlsx', '年度は1989年度以降を指定してください。'],
      ['/api/collection/2024.5', '年度は整数で指定してください。'],
      ['/api/collection/R6', '年度は数値（例: 2024）で指定してください。'],
    ];
    for (const [url, message] of cases) {
      const response = await call('office', 'GET', url);
      expect(response.statusCode, url).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toEqual([{ path: 'fiscalYear', message }]);
    }

    const { workbook } = await workbookOf(2031);
    expect(sheetValues(workbook.getWorksheet('提案一覧')!)[0]![0]).toBe('令和13年度 職員提案集');
    expect(listedNumbers(workbook)).toEqual([]);
    expect(sheetValues(workbook.getWorksheet('状況集計')!).slice(3, 7)).toEqual([
      ['全体件数', 0, 0],
      ['実現完了（又は見込み）', 0, 0],
      ['検討中等', 0, 0],
      ['その他', 0, 0],
    ]);
  });
});
