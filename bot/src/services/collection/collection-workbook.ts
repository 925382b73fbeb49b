import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  collectionStatusNotes,
  collectionStatusTitle,
  collectionTotalLabel,
  type CollectionEntryDto,
  type CollectionHeaderDto,
} from '#shared';
import type { Collection } from './proposal-collection';

/**
 * The 提案集 as an Excel workbook (exceljs' streaming writer: each row is written out as it is added,
 * so a year of 10,000 proposals never sits in memory whole).
 *
 * Sheet 1 「提案一覧」: a title row (令和N年度 職員提案集), the column headers (frozen, filtered), then
 * one row per published proposal in number order. Sheet 2 「状況集計」: the plan's status table of
 * the year, the dashboard's figures (shares as the numbers the dashboard shows, formatted 29.5%).
 */
export const collectionSheetNames = { list: '提案一覧', status: '状況集計' } as const;

interface ListColumn {
  header: string;
  width: number;
  value(entry: CollectionEntryDto): string | number;
  numeric?: boolean;
}

/** Sheet 1's columns, in order. The tests read them back by these headers. */
export const collectionListColumns: readonly ListColumn[] = [
  { header: '提案番号', width: 11, value: (entry) => entry.number },
  { header: '件名', width: 32, value: (entry) => entry.title },
  { header: '提案内容', width: 60, value: (entry) => entry.body },
  { header: '提案時の所属', width: 18, value: (entry) => entry.proposerDivisionName ?? '' },
  { header: '分類', width: 16, value: (entry) => entry.categoryLabel },
  { header: '状況', width: 16, value: (entry) => entry.statusGroupLabel },
  { header: '講評', width: 50, value: (entry) => entry.answer ?? '' },
  { header: '所管課', width: 18, value: (entry) => entry.responsibleDivisionName ?? '' },
  {
    header: '重点案件',
    width: 32,
    value: (entry) => entry.priorityProjects.map((project) => `${project.code} ${project.title}`).join('\n'),
  },
  { header: '賛同数', width: 8, value: (entry) => entry.supportCount, numeric: true },
];

/** Rows above the proposals on sheet 1: the title, then the headers. */
export const collectionListHeaderRow = 2;

const font = { name: 'Yu Gothic', size: 10 };
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8EA9C1' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const shareFormat = '0.0"%"';

const a4Landscape: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

const lastColumnLetter = String.fromCharCode('A'.charCodeAt(0) + collectionListColumns.length - 1);

const writeListSheet = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter, collection: Collection) => {
  const { header } = collection;
  const sheet = workbook.addWorksheet(collectionSheetNames.list, {
    views: [{ state: 'frozen', ySplit: collectionListHeaderRow, xSplit: 2 }],
    // Printed, the headers repeat on every page.
    pageSetup: { ...a4Landscape, printTitlesRow: `${collectionListHeaderRow}:${collectionListHeaderRow}` },
    headerFooter: { oddHeader: `&L${header.title}`, oddFooter: '&C&P / &N' },
  });
  sheet.columns = collectionListColumns.map((column) => ({
    width: column.width,
    style: {
      font,
      alignment: { wrapText: true, vertical: 'top', ...(column.numeric ? { horizontal: 'right' } : {}) },
    },
  }));
  const title = sheet.addRow([header.title]);
  title.font = { ...font, size: 14, bold: true };
  title.height = 24;
  sheet.mergeCells(`A1:${lastColumnLetter}1`);
  title.commit();
  const headings = sheet.addRow(collectionListColumns.map((column) => column.header));
  headings.eachCell((cell) => {
    cell.font = { ...font, bold: true };
    cell.fill = headerFill;
    cell.border = box;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  headings.commit();
  sheet.autoFilter = `A${collectionListHeaderRow}:${lastColumnLetter}${collectionListHeaderRow}`;

  for await (const batch of collection.batches()) {
    for (const entry of batch) {
      const row = sheet.addRow(collectionListColumns.map((column) => column.value(entry)));
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = box;
      });
      row.commit();
    }
  }
  sheet.commit();
};

/** Sheet 2: the plan's table as the plan prints it — 全体件数 first, then the three groups. */
const writeStatusSheet = (workbook: ExcelJS.stream.xlsx.WorkbookWriter, header: CollectionHeaderDto) => {
  const sheet = workbook.addWorksheet(collectionSheetNames.status, {
    pageSetup: { ...a4Landscape, orientation: 'portrait' },
    headerFooter: { oddHeader: `&L${header.title}` },
  });
  sheet.columns = [
    { width: 28, style: { font } },
    { width: 12, style: { font, numFmt: '#,##0' } },
    { width: 12, style: { font, numFmt: shareFormat } },
  ];
  const title = sheet.addRow([collectionStatusTitle(header.fiscalYear)]);
  title.font = { ...font, size: 14, bold: true };
  sheet.mergeCells('A1:C1');
  title.commit();
  sheet.addRow([`（${header.asOfLabel}時点）`]).commit();
  const headings = sheet.addRow(['区分', '件数', '割合']);
  headings.eachCell((cell) => {
    cell.font = { ...font, bold: true };
    cell.fill = headerFill;
    cell.border = box;
    cell.alignment = { horizontal: 'center' };
  });
  headings.commit();
  const { statusTable } = header;
  const lines: [string, number, number][] = [
    [collectionTotalLabel, statusTable.total, statusTable.total > 0 ? 100 : 0],
    ...statusTable.rows.map((row): [string, number, number] => [row.label, row.count, row.share]),
  ];
  lines.forEach((line, index) => {
    const row = sheet.addRow(line);
    row.eachCell((cell) => {
      cell.border = box;
    });
    if (index === 0) row.font = { ...font, bold: true };
    row.commit();
  });
  sheet.addRow([]).commit();
  for (const note of collectionStatusNotes(header.fiscalYear)) sheet.addRow([note]).commit();
  sheet.commit();
};

/**
 * Writes the workbook to `output` (a file, a response). Resolves once the last byte was handed to it.
 * The list sheet comes first: the streaming writer finishes each sheet before starting the next.
 */
export const writeCollectionWorkbook = async (collection: Collection, output: Writable): Promise<void> => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '職員提案';
  workbook.title = collection.header.title;
  workbook.created = new Date(collection.header.generatedAt);
  await writeListSheet(workbook, collection);
  writeStatusSheet(workbook, collection.header);
  await workbook.commit();
};
