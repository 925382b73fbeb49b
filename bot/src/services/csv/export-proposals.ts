import {
  blockReasonLabels,
  fiscalYearLabel,
  fiscalYearShortLabel,
  horizonLabels,
  proposalStatusLabels,
  type BlockReason,
  type Horizon,
  type ProposalStatus,
  type Actor,
} from '#shared';
import type { Executor } from '../../data/database';
import {
  findProposalExportBatch,
  type ProposalExportCursor,
  type ProposalExportRow,
} from '../../data/repositories/proposal-export-repository';
import type { ProposalListFilter } from '../../data/repositories/proposal-list-filter';
import { requireOffice } from '../proposals/proposal-access';
import { proposalFilterOf, type ProposalFilterParams } from '../proposals/proposal-reads';
import {
  csvRecords,
  formatPerson,
  formatTokyoDate,
  listSeparator,
  neutraliseFormula,
  proposalCsvColumns,
  publishedLabels,
  type ProposalCsvColumn,
} from './proposal-csv-format';
import { csvCategoriesOf } from './proposal-csv-row-parts';

export const csvExportBatchSize = 1000;

const utf8Bom = '\uFEFF';

const labelOf = <T extends string>(labels: Record<T, string>, value: string | null): string =>
  value === null ? '' : (labels[value as T] ?? value);

/** `R6-1-2`: fiscal year, theme and item of a priority project. */
export const projectCode = (project: { fiscalYear: number; themeNo: number; itemNo: number }): string =>
  `${fiscalYearShortLabel(project.fiscalYear)}-${project.themeNo}-${project.itemNo}`;

const toRecord = (row: ProposalExportRow, categories: Record<string, string>): string[] => {
  const cells: Record<ProposalCsvColumn, string> = {
    提案番号: row.number,
    年度: fiscalYearLabel(row.fiscalYear),
    提出日: formatTokyoDate(row.submittedAt),
    件名: row.title,
    提案内容: row.body,
    分類: labelOf(categories, row.category),
    期待される効果: row.expectedEffect ?? '',
    提案者: row.proposerName,
    提案者メール: row.proposerEmail ?? '',
    提案者所属: row.proposerDivisionName ?? '',
    共同提案者: row.coProposers.map(formatPerson).join(listSeparator),
    所管課: row.responsibleDivisionName ?? '',
    期間: labelOf<Horizon>(horizonLabels, row.horizon),
    状況: labelOf<ProposalStatus>(proposalStatusLabels, row.status),
    その他の理由区分: labelOf<BlockReason>(blockReasonLabels, row.blockReason),
    その他の理由: row.blockReasonNote ?? '',
    再検討時期: row.revisitOn ?? '',
    回答: row.answer ?? '',
    統合先: row.mergedIntoNumber ?? '',
    重点案件: row.projects.map(projectCode).join(listSeparator),
    公開: row.isPublished ? publishedLabels.yes : publishedLabels.no,
    実現日: row.realisedAt ? formatTokyoDate(row.realisedAt) : '',
  };
  return proposalCsvColumns.map((column) => neutraliseFormula(cells[column]));
};

/**
 * The proposal CSV in pieces: the header (after a UTF-8 byte-order mark, which Excel needs to read
 * UTF-8), then one piece per batch of proposals in number order. Memory stays flat however many
 * proposals there are; a caller may write each piece to a file or a response as it comes.
 */
export async function* generateProposalsCsv(
  db: Executor,
  filter: ProposalListFilter = {},
  options: { batchSize?: number; onRows?: (count: number) => void } = {},
): AsyncGenerator<Buffer> {
  const batchSize = options.batchSize ?? csvExportBatchSize;
  yield Buffer.from(utf8Bom + csvRecords([[...proposalCsvColumns]]), 'utf8');
  // The office's current labels (a retired category keeps its label on old proposals).
  const categories = await csvCategoriesOf(db);
  let cursor: ProposalExportCursor | undefined;
  for (;;) {
    const rows = await findProposalExportBatch(db, filter, cursor, batchSize);
    options.onRows?.(rows.length);
    if (rows.length > 0) yield Buffer.from(csvRecords(rows.map((row) => toRecord(row, categories))), 'utf8');
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    cursor = { fiscalYear: last.fiscalYear, sequence: last.sequence };
  }
}

/**
 * The office's export from the tab: the list's filters (the one filter builder), refused for anyone
 * but the office before a byte is produced.
 */
export const exportProposalsCsvFor = (
  db: Executor,
  actor: Actor,
  params: ProposalFilterParams,
): AsyncGenerator<Buffer> => {
  requireOffice(actor, 'CSV export');
  return generateProposalsCsv(db, proposalFilterOf(actor, params));
};
