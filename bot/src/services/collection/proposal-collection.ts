import {
  collectionTitle,
  eraDateLabel,
  fiscalYearLabel,
  fiscalYearOf,
  formatPriorityProjectCode,
  offeredFiscalYears,
  reportGroupLabels,
  reportGroupOf,
  type Actor,
  type CollectionEntryDto,
  type CollectionHeaderDto,
} from '#shared';
import type { Executor } from '../../data/database';
import { findCollectionBatch, type CollectionRow } from '../../data/repositories/collection-repository';
import { findFiscalYearsWithData } from '../../data/repositories/dashboard-repository';
import { findCategories } from '../../data/repositories/master-data-repository';
import { getStatusTable } from '../dashboard/status-table';
import { requireOffice } from '../proposals/proposal-access';

/**
 * 提案集 (the yearly collection): the cover (the dashboard's status table of the year) and the
 * proposals the office published, in number order. One source for the Excel workbook and the print
 * page's JSON, so both always hold the same proposals and figures.
 *
 * What is in it: proposals of the fiscal year that are published (`is_published`, the office's
 * 「公開」 in the triage: what every member of staff may already read) and still counted (withdrawn
 * and merged ones leave the plan's count and the collection). No proposer names: a published proposal
 * shows staff its division at submission, not who wrote it.
 */
export interface Collection {
  header: CollectionHeaderDto;
  /** The proposals a batch at a time: memory stays flat however many there are. */
  batches(): AsyncGenerator<CollectionEntryDto[]>;
}

export const collectionBatchSize = 500;

const toEntry = (row: CollectionRow, categoryLabels: Map<string, string>): CollectionEntryDto => {
  // The repository returns counted statuses only, which all have a group.
  const statusGroup = reportGroupOf(row.status) ?? 'considering';
  return {
    number: row.number,
    title: row.title,
    body: row.body,
    proposerDivisionName: row.proposerDivisionName,
    categoryCode: row.category,
    categoryLabel: categoryLabels.get(row.category) ?? row.category,
    statusGroup,
    statusGroupLabel: reportGroupLabels[statusGroup],
    answer: row.answer,
    responsibleDivisionName: row.responsibleDivisionName,
    priorityProjects: row.projects.map((project) => ({
      code: formatPriorityProjectCode(project.fiscalYear, project.themeNo, project.itemNo),
      title: project.title,
    })),
    supportCount: row.supportCount,
  };
};

/**
 * Opens the collection of a fiscal year for the office (admins too): refused for anyone else before
 * anything is read. The cover is read at once; the proposals when `batches()` is iterated.
 */
export const openCollection = async (
  db: Executor,
  actor: Actor,
  fiscalYear: number,
  options: { now?: Date; batchSize?: number } = {},
): Promise<Collection> => {
  requireOffice(actor, 'Collection', '提案集は推進室だけが作成できます。');
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? collectionBatchSize;
  const statusTable = await getStatusTable(db, fiscalYear);
  const categories = await findCategories(db);
  const years = await findFiscalYearsWithData(db);
  const categoryLabels = new Map(categories.map((category) => [category.code, category.label]));

  return {
    header: {
      fiscalYear,
      fiscalYearLabel: fiscalYearLabel(fiscalYear),
      title: collectionTitle(fiscalYear),
      asOfLabel: eraDateLabel(now),
      statusTable,
      categories: categories.map(({ code, label }) => ({ code, label })),
      availableFiscalYears: offeredFiscalYears(fiscalYearOf(now), years, fiscalYear),
      generatedAt: now.toISOString(),
    },
    async *batches() {
      let after = 0;
      for (;;) {
        const rows = await findCollectionBatch(db, fiscalYear, after, batchSize);
        if (rows.length > 0) yield rows.map((row) => toEntry(row, categoryLabels));
        if (rows.length < batchSize) return;
        after = rows[rows.length - 1]!.sequence;
      }
    },
  };
};

/**
 * The collection as JSON text in pieces (`GET /api/collection/:fiscalYear`): the cover's fields, then
 * the proposals a batch at a time, so a year of 10,000 proposals is never one string in memory.
 */
export async function* collectionJson(collection: Collection): AsyncGenerator<string> {
  const head = JSON.stringify(collection.header);
  yield `${head.slice(0, -1)},"entries":[`;
  let first = true;
  for await (const batch of collection.batches()) {
    const text = batch.map((entry) => JSON.stringify(entry)).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  yield ']}';
}
