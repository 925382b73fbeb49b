// The column groups of one proposal CSV row, each checked by its own small function that returns its
// values (undefined when unreadable) and its problems. parseProposalCsvRow calls them in column order
// and concatenates the problems, so a row's messages keep the order the importer has always shown.
import { z } from 'zod';
import {
  blockReasonLabels,
  fiscalYearLabel,
  fiscalYearOf,
  formatProposalNumber,
  horizonLabels,
  optionalTextField,
  parseFiscalYear,
  parseProposalNumber,
  proposalLimits,
  ProposalInputSchema,
  proposalStatusLabels,
  requiredTextField,
  type BlockReason,
  type Horizon,
  type ProposalInput,
  type ProposalStatus,
} from '#shared';
import {
  isEmail,
  labelLookup,
  parseCsvDate,
  parsePerson,
  publishedLabels,
  splitList,
  tokyoMorningOf,
  type CsvPerson,
  type ProposalCsvColumn,
} from './proposal-csv-format';
import type { Executor } from '../../data/database';
import { findCategories } from '../../data/repositories/master-data-repository';
import type { ProposalCsvRow } from './proposal-csv-rows';

/** The (formula-restored) text of a column, '' when the column or the cell is absent. */
export type CsvCell = (column: ProposalCsvColumn) => string;

/** The categories a file may name, by label (code → label), read from the office's list. */
export type CsvCategories = Record<string, string>;

/**
 * Every category, retired ones included: an import carries old proposals, which keep theirs. The
 * list of allowed labels in a message names the active ones.
 */
export const csvCategoriesOf = async (db: Executor): Promise<CsvCategories> =>
  Object.fromEntries((await findCategories(db)).map((category) => [category.code, category.label]));
const statusOf = labelLookup(proposalStatusLabels);
const horizonOf = labelLookup(horizonLabels);
const blockReasonOf = labelLookup(blockReasonLabels);

const allowed = (labels: Record<string, string>) =>
  Object.values(labels)
    .map((label) => `「${label}」`)
    .join('');

const unreadableDate = (column: ProposalCsvColumn, text: string) =>
  `「${column}」の「${text}」は日付として読み取れません（YYYY-MM-DD の形式で入力してください）。`;

/** 提出日 decides the fiscal year; 年度 and 提案番号, when given, must agree with it. */
export const parseDateAndNumber = (cell: CsvCell) => {
  const errors: string[] = [];
  const submittedText = cell('提出日').trim();
  const submittedOn = parseCsvDate(submittedText);
  if (!submittedText) errors.push('「提出日」を入力してください。');
  else if (!submittedOn) errors.push(unreadableDate('提出日', submittedText));
  const submittedAt = submittedOn ? tokyoMorningOf(submittedOn) : undefined;
  const fiscalYear = submittedAt ? fiscalYearOf(submittedAt) : undefined;

  const yearText = cell('年度').trim();
  if (yearText) {
    const statedYear = parseFiscalYear(yearText);
    if (statedYear === undefined) {
      errors.push(`「年度」の「${yearText}」を読み取れません（例: 令和6年度）。`);
    } else if (fiscalYear !== undefined && statedYear !== fiscalYear) {
      errors.push(
        `「年度」（${fiscalYearLabel(statedYear)}）と「提出日」（${submittedOn}は${fiscalYearLabel(fiscalYear)}）が一致しません。`,
      );
    }
  }

  const numberText = cell('提案番号').trim();
  let number: ProposalCsvRow['number'] = null;
  if (numberText) {
    const parsed = parseProposalNumber(numberText);
    if (!parsed) {
      errors.push(`「提案番号」の「${numberText}」は R6-0001 の形式ではありません。`);
    } else {
      number = { text: formatProposalNumber(parsed.fiscalYear, parsed.sequence), ...parsed };
      if (fiscalYear !== undefined && parsed.fiscalYear !== fiscalYear) {
        errors.push(
          `「提案番号」${number.text}は${fiscalYearLabel(parsed.fiscalYear)}の番号ですが、「提出日」は${fiscalYearLabel(fiscalYear)}です。`,
        );
      }
    }
  }
  return { submittedAt, fiscalYear, number, errors };
};

/** Text columns beyond the proposal itself, with the same rules (length, forbidden characters). */
const OtherTextSchema = z.object({
  proposerName: requiredTextField('提案者', 100),
  proposerDivision: optionalTextField('提案者所属', 100),
  responsibleDivision: optionalTextField('所管課', 100),
  blockReasonNote: optionalTextField('その他の理由', 500),
  answer: optionalTextField('回答', proposalLimits.answer),
});

/**
 * The free-text columns: the proposal itself by the same schema as a submission from Teams, then the
 * other texts (names, divisions, notes, answer) by the same text rules.
 */
export const parseTexts = (
  cell: CsvCell,
  categories: CsvCategories,
): {
  proposal: ProposalInput | undefined;
  texts: z.infer<typeof OtherTextSchema> | undefined;
  errors: string[];
} => {
  const errors: string[] = [];
  const categoryText = cell('分類').trim();
  const category = labelLookup(categories)(categoryText);
  if (!categoryText) errors.push('「分類」を入力してください。');
  else if (!category)
    errors.push(
      `「分類」の「${categoryText}」は使用できません。${allowed(categories)}のいずれかを入力してください。`,
    );
  const proposal = ProposalInputSchema.safeParse({
    title: cell('件名'),
    body: cell('提案内容'),
    category: category ?? 'other',
    expectedEffect: cell('期待される効果'),
  });
  if (!proposal.success) errors.push(...proposal.error.issues.map((issue) => issue.message));

  const texts = OtherTextSchema.safeParse({
    proposerName: cell('提案者'),
    proposerDivision: cell('提案者所属'),
    responsibleDivision: cell('所管課'),
    blockReasonNote: cell('その他の理由'),
    answer: cell('回答'),
  });
  if (!texts.success) errors.push(...texts.error.issues.map((issue) => issue.message));
  return { proposal: proposal.data, texts: texts.data, errors };
};

/** The proposer's address and the co-proposers (the proposer listed among them is dropped, not an error). */
export const parsePeople = (cell: CsvCell) => {
  const errors: string[] = [];
  const proposerEmail = cell('提案者メール').trim();
  if (proposerEmail && !isEmail(proposerEmail)) {
    errors.push(`「提案者メール」の「${proposerEmail}」はメールアドレスの形式ではありません。`);
  }

  const coProposers: CsvPerson[] = [];
  for (const entry of splitList(cell('共同提案者'))) {
    const person = parsePerson(entry);
    if (!person) errors.push(`「共同提案者」の「${entry}」のメールアドレスが正しくありません。`);
    else if (!person.email || person.email.toLowerCase() !== proposerEmail.toLowerCase())
      coProposers.push(person);
  }
  if (coProposers.length > proposalLimits.coProposers)
    errors.push(`「共同提案者」は${proposalLimits.coProposers}人までです。`);
  return { proposerEmail, coProposers, errors };
};

/**
 * 期間 and 状況, with the columns that belong to the 「その他」 status only (reason, revisit date):
 * required or forbidden depending on the status. An empty 状況 means 受付.
 */
export const parseStatus = (
  cell: CsvCell,
): {
  horizon: Horizon | null | undefined;
  status: ProposalStatus | undefined;
  blockReason: BlockReason | null | undefined;
  revisitOn: string | null | undefined;
  errors: string[];
} => {
  const errors: string[] = [];
  const horizonText = cell('期間').trim();
  const horizon = horizonText ? horizonOf(horizonText) : null;
  if (horizon === undefined) {
    errors.push(
      `「期間」の「${horizonText}」は使用できません。${allowed(horizonLabels)}のいずれかを入力してください。`,
    );
  }

  const statusText = cell('状況').trim();
  const status = statusText ? statusOf(statusText) : 'received';
  if (status === undefined) {
    errors.push(
      `「状況」の「${statusText}」は使用できません。${allowed(proposalStatusLabels)}のいずれかを入力してください。`,
    );
  }
  const blocked = status === 'blocked';
  const reasonText = cell('その他の理由区分').trim();
  const blockReason = reasonText ? blockReasonOf(reasonText) : null;
  if (blockReason === undefined) {
    errors.push(
      `「その他の理由区分」の「${reasonText}」は使用できません。${allowed(blockReasonLabels)}のいずれかを入力してください。`,
    );
  } else if (blocked && !blockReason) {
    errors.push('状況が「その他」の行には「その他の理由区分」を入力してください。');
  }
  const revisitText = cell('再検討時期').trim();
  const revisitOn = revisitText ? parseCsvDate(revisitText) : null;
  if (revisitOn === undefined) errors.push(unreadableDate('再検討時期', revisitText));
  if (status && !blocked) {
    const misplaced = (['その他の理由区分', 'その他の理由', '再検討時期'] as const).filter((column) =>
      cell(column).trim(),
    );
    if (misplaced.length > 0) {
      errors.push(
        `${misplaced.map((column) => `「${column}」`).join('')}は状況が「その他」の行にだけ入力できます。`,
      );
    }
  }
  return { horizon, status, blockReason, revisitOn, errors };
};

/**
 * 統合先: required on a 統合 row, forbidden elsewhere, never the row's own number.
 * `status` is undefined when the row's 状況 was unreadable (then only the number itself is checked).
 */
export const parseMergeTarget = (
  cell: CsvCell,
  status: ProposalStatus | undefined,
  ownNumber: string | undefined,
) => {
  const errors: string[] = [];
  const mergedText = cell('統合先').trim();
  let mergedInto: string | null = null;
  if (mergedText) {
    const parsed = parseProposalNumber(mergedText);
    if (!parsed) errors.push(`「統合先」の「${mergedText}」は提案番号（例: R6-0001）ではありません。`);
    else mergedInto = formatProposalNumber(parsed.fiscalYear, parsed.sequence);
    if (status && status !== 'merged') errors.push('「統合先」は状況が「統合」の行にだけ入力できます。');
    if (mergedInto && mergedInto === ownNumber)
      errors.push('「統合先」に自分自身の提案番号は指定できません。');
  } else if (status === 'merged') {
    errors.push('状況が「統合」の行には「統合先」の提案番号を入力してください。');
  }
  return { mergedInto, errors };
};

/** 重点案件: a list of project codes such as R6-1-2 (fiscal year, theme, item). */
export const parseProjects = (cell: CsvCell) => {
  const errors: string[] = [];
  const projects: ProposalCsvRow['projects'] = [];
  for (const code of splitList(cell('重点案件'))) {
    const match = /^([A-Za-z]\d{1,2})-(\d{1,2})-(\d{1,2})$/.exec(code.normalize('NFKC'));
    const projectYear = match ? parseFiscalYear(match[1]!) : undefined;
    if (!match || projectYear === undefined) {
      errors.push(`「重点案件」の「${code}」は重点案件の番号（例: R6-1-2）ではありません。`);
    } else {
      projects.push({
        code: code.normalize('NFKC').toUpperCase(),
        fiscalYear: projectYear,
        themeNo: Number(match[2]),
        itemNo: Number(match[3]),
      });
    }
  }
  return { projects, errors };
};

/** 公開 (はい/いいえ, empty meaning いいえ) and 実現日. */
export const parsePublication = (cell: CsvCell) => {
  const errors: string[] = [];
  const publishedText = cell('公開').trim();
  const isPublished =
    publishedText === '' || publishedText === publishedLabels.no
      ? false
      : publishedText === publishedLabels.yes
        ? true
        : undefined;
  if (isPublished === undefined)
    errors.push(`「公開」は「はい」か「いいえ」で入力してください（「${publishedText}」）。`);

  const realisedText = cell('実現日').trim();
  const realisedOn = realisedText ? parseCsvDate(realisedText) : null;
  if (realisedOn === undefined) errors.push(unreadableDate('実現日', realisedText));
  return { isPublished, realisedOn, errors };
};
