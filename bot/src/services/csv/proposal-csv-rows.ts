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
  proposalCategoryLabels,
  proposalLimits,
  ProposalInputSchema,
  proposalStatusLabels,
  requiredTextField,
  reportGroupOf,
  type BlockReason,
  type Horizon,
  type ProposalCategory,
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

const categoryOf = labelLookup(proposalCategoryLabels);
const statusOf = labelLookup(proposalStatusLabels);
const horizonOf = labelLookup(horizonLabels);
const blockReasonOf = labelLookup(blockReasonLabels);

const allowed = (labels: Record<string, string>) =>
  Object.values(labels)
    .map((label) => `「${label}」`)
    .join('');

/** Text columns beyond the proposal itself, with the same rules (length, forbidden characters). */
const OtherTextSchema = z.object({
  proposerName: requiredTextField('提案者', 100),
  proposerDivision: optionalTextField('提案者所属', 100),
  responsibleDivision: optionalTextField('所管課', 100),
  blockReasonNote: optionalTextField('その他の理由', 500),
  answer: optionalTextField('回答', proposalLimits.answer),
});

/**
 * Checks one row and converts it, or returns every problem found in it (Japanese, naming the column).
 * `cell` returns the (formula-restored) text of a column, '' when the column or the cell is absent.
 */
export const parseProposalCsvRow = (
  rowNumber: number,
  cell: (column: ProposalCsvColumn) => string,
): { row: ProposalCsvRow; errors: [] } | { row: undefined; errors: string[] } => {
  const errors: string[] = [];
  const trimmed = (column: ProposalCsvColumn) => cell(column).trim();

  // Dates and fiscal year: 提出日 decides the fiscal year, 年度 and 提案番号 must agree with it.
  const submittedText = trimmed('提出日');
  const submittedOn = parseCsvDate(submittedText);
  if (!submittedText) errors.push('「提出日」を入力してください。');
  else if (!submittedOn)
    errors.push(
      `「提出日」の「${submittedText}」は日付として読み取れません（YYYY-MM-DD の形式で入力してください）。`,
    );
  const submittedAt = submittedOn ? tokyoMorningOf(submittedOn) : undefined;
  const fiscalYear = submittedAt ? fiscalYearOf(submittedAt) : undefined;

  const yearText = trimmed('年度');
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

  const numberText = trimmed('提案番号');
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

  // The proposal itself, by the same schema as a submission from Teams.
  const categoryText = trimmed('分類');
  const category = categoryOf(categoryText);
  if (!categoryText) errors.push('「分類」を入力してください。');
  else if (!category)
    errors.push(
      `「分類」の「${categoryText}」は使用できません。${allowed(proposalCategoryLabels)}のいずれかを入力してください。`,
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

  const proposerEmail = trimmed('提案者メール');
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

  const horizonText = trimmed('期間');
  const horizon = horizonText ? horizonOf(horizonText) : null;
  if (horizon === undefined) {
    errors.push(
      `「期間」の「${horizonText}」は使用できません。${allowed(horizonLabels)}のいずれかを入力してください。`,
    );
  }

  // Status and what goes with it.
  const statusText = trimmed('状況');
  const status = statusText ? statusOf(statusText) : 'received';
  if (status === undefined) {
    errors.push(
      `「状況」の「${statusText}」は使用できません。${allowed(proposalStatusLabels)}のいずれかを入力してください。`,
    );
  }
  const blocked = status === 'blocked';
  const reasonText = trimmed('その他の理由区分');
  const blockReason = reasonText ? blockReasonOf(reasonText) : null;
  if (blockReason === undefined) {
    errors.push(
      `「その他の理由区分」の「${reasonText}」は使用できません。${allowed(blockReasonLabels)}のいずれかを入力してください。`,
    );
  } else if (blocked && !blockReason) {
    errors.push('状況が「その他」の行には「その他の理由区分」を入力してください。');
  }
  const revisitText = trimmed('再検討時期');
  const revisitOn = revisitText ? parseCsvDate(revisitText) : null;
  if (revisitOn === undefined) {
    errors.push(
      `「再検討時期」の「${revisitText}」は日付として読み取れません（YYYY-MM-DD の形式で入力してください）。`,
    );
  }
  if (status && !blocked) {
    const misplaced = (['その他の理由区分', 'その他の理由', '再検討時期'] as const).filter((column) =>
      trimmed(column),
    );
    if (misplaced.length > 0) {
      errors.push(
        `${misplaced.map((column) => `「${column}」`).join('')}は状況が「その他」の行にだけ入力できます。`,
      );
    }
  }

  const mergedText = trimmed('統合先');
  let mergedInto: string | null = null;
  if (mergedText) {
    const parsed = parseProposalNumber(mergedText);
    if (!parsed) errors.push(`「統合先」の「${mergedText}」は提案番号（例: R6-0001）ではありません。`);
    else mergedInto = formatProposalNumber(parsed.fiscalYear, parsed.sequence);
    if (status && status !== 'merged') errors.push('「統合先」は状況が「統合」の行にだけ入力できます。');
    if (mergedInto && mergedInto === number?.text)
      errors.push('「統合先」に自分自身の提案番号は指定できません。');
  } else if (status === 'merged') {
    errors.push('状況が「統合」の行には「統合先」の提案番号を入力してください。');
  }

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

  const publishedText = trimmed('公開');
  const isPublished =
    publishedText === '' || publishedText === publishedLabels.no
      ? false
      : publishedText === publishedLabels.yes
        ? true
        : undefined;
  if (isPublished === undefined)
    errors.push(`「公開」は「はい」か「いいえ」で入力してください（「${publishedText}」）。`);

  const realisedText = trimmed('実現日');
  const realisedOn = realisedText ? parseCsvDate(realisedText) : null;
  if (realisedOn === undefined) {
    errors.push(
      `「実現日」の「${realisedText}」は日付として読み取れません（YYYY-MM-DD の形式で入力してください）。`,
    );
  }

  if (
    errors.length > 0 ||
    !proposal.success ||
    !texts.success ||
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
  return {
    row: {
      rowNumber,
      number,
      fiscalYear,
      submittedAt,
      title: proposal.data.title,
      body: proposal.data.body,
      category: proposal.data.category,
      expectedEffect: proposal.data.expectedEffect ?? null,
      proposerName: texts.data.proposerName,
      proposerEmail: proposerEmail || null,
      proposerDivision: texts.data.proposerDivision ?? null,
      coProposers,
      responsibleDivision: texts.data.responsibleDivision ?? null,
      horizon,
      status,
      blockReason: blocked ? blockReason : null,
      blockReasonNote: blocked ? (texts.data.blockReasonNote ?? null) : null,
      revisitOn: blocked ? revisitOn : null,
      answer: texts.data.answer ?? null,
      mergedInto,
      projects,
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
