import {
  reportGroupOf,
  type BlockReason,
  type Horizon,
  type ProposalCategory,
  type ProposalStatus,
} from '#shared';
import { tokyoMorningOf, type CsvPerson } from './proposal-csv-format';
import {
  parseDateAndNumber,
  parseMergeTarget,
  parsePeople,
  parseProjects,
  parsePublication,
  parseStatus,
  parseTexts,
  type CsvCategories,
  type CsvCell,
} from './proposal-csv-row-parts';

/** One data row of a proposal CSV, checked on its own (checks across rows and the database come later). */
export interface ProposalCsvRow {
  /** Spreadsheet row number (the header is row 1). */
  rowNumber: number;
  /** The explicit number, canonical (`R6-0001`), or null to take the next one. */
  number: { text: string; fiscalYear: number; sequence: number } | null;
  fiscalYear: number;
  submittedAt: Date;
  title: string;
  body: string;
  category: ProposalCategory;
  expectedEffect: string | null;
  proposerName: string;
  proposerEmail: string | null;
  proposerDivision: string | null;
  coProposers: CsvPerson[];
  responsibleDivision: string | null;
  horizon: Horizon | null;
  status: ProposalStatus;
  blockReason: BlockReason | null;
  blockReasonNote: string | null;
  revisitOn: string | null;
  answer: string | null;
  /** Canonical number of the proposal this one was merged into. */
  mergedInto: string | null;
  projects: { code: string; fiscalYear: number; themeNo: number; itemNo: number }[];
  isPublished: boolean;
  realisedAt: Date | null;
}

/**
 * Checks one row and converts it, or returns every problem found in it (Japanese, naming the column).
 * `cell` returns the (formula-restored) text of a column, '' when the column or the cell is absent.
 * Each column group is checked on its own (proposal-csv-row-parts.ts); their problems are listed in
 * column order, and the row is built only when none of them found any.
 */
export const parseProposalCsvRow = (
  rowNumber: number,
  cell: CsvCell,
  categories: CsvCategories,
): { row: ProposalCsvRow; errors: [] } | { row: undefined; errors: string[] } => {
  const dates = parseDateAndNumber(cell);
  const { proposal, texts, ...textChecks } = parseTexts(cell, categories);
  const people = parsePeople(cell);
  const state = parseStatus(cell);
  const merge = parseMergeTarget(cell, state.status, dates.number?.text);
  const links = parseProjects(cell);
  const publication = parsePublication(cell);
  const errors = [dates, textChecks, people, state, merge, links, publication].flatMap((part) => part.errors);

  const { submittedAt, fiscalYear } = dates;
  const { horizon, status, blockReason, revisitOn } = state;
  const { isPublished, realisedOn } = publication;
  if (
    errors.length > 0 ||
    !proposal ||
    !texts ||
    !submittedAt ||
    fiscalYear === undefined ||
    !status ||
    horizon === undefined ||
    blockReason === undefined ||
    revisitOn === undefined ||
    isPublished === undefined ||
    realisedOn === undefined
  ) {
    return { row: undefined, errors };
  }
  const blocked = status === 'blocked';
  return {
    row: {
      rowNumber,
      number: dates.number,
      fiscalYear,
      submittedAt,
      title: proposal.title,
      body: proposal.body,
      category: proposal.category,
      expectedEffect: proposal.expectedEffect ?? null,
      proposerName: texts.proposerName,
      proposerEmail: people.proposerEmail || null,
      proposerDivision: texts.proposerDivision ?? null,
      coProposers: people.coProposers,
      responsibleDivision: texts.responsibleDivision ?? null,
      horizon,
      status,
      blockReason: blocked ? blockReason : null,
      blockReasonNote: blocked ? (texts.blockReasonNote ?? null) : null,
      revisitOn: blocked ? revisitOn : null,
      answer: texts.answer ?? null,
      mergedInto: merge.mergedInto,
      projects: links.projects,
      isPublished,
      // 実現見込み / 実現完了 without a date count as realised when submitted.
      realisedAt: realisedOn
        ? tokyoMorningOf(realisedOn)
        : reportGroupOf(status) === 'realised'
          ? submittedAt
          : null,
    },
    errors: [],
  };
};
