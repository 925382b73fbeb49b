import {
  divisionCodeField,
  divisionKindLabels,
  divisionKinds,
  divisionNameField,
  sortOrderField,
  type DivisionKind,
} from '#shared';
import { csvRecords, neutraliseFormula, restoreFormula } from '../csv/proposal-csv-format';
import type { RowErrors } from '../csv/parse-import-file';

/**
 * The organisation CSV (docs/csv-format.md): one division per row, keyed by 組織コード; the parent by
 * its code, so a file describes the tree without ids. Export and import use these columns, so a file
 * exported, edited in Excel and imported again changes exactly what was edited.
 */
export const orgCsvColumns = ['組織コード', '組織名', '種類', '上位組織コード', '表示順', '状態'] as const;
export type OrgCsvColumn = (typeof orgCsvColumns)[number];
export const requiredOrgCsvColumns: readonly OrgCsvColumn[] = ['組織コード', '組織名'];

const stateLabels = { active: '有効', retired: '廃止' } as const;

export interface OrgCsvRow {
  rowNumber: number;
  code: string;
  name: string;
  kind: DivisionKind;
  parentCode: string | null;
  sortOrder: number;
  isActive: boolean;
}

export interface OrgCsvExportRow {
  code: string;
  name: string;
  kind: DivisionKind;
  parentCode: string | null;
  sortOrder: number;
  isActive: boolean;
}

const utf8Bom = '\uFEFF';

/** The whole file (organisations have hundreds of rows, not millions): BOM, header, rows, CRLF. */
export const orgCsvText = (rows: OrgCsvExportRow[]): string =>
  utf8Bom +
  csvRecords([
    [...orgCsvColumns],
    ...rows.map((row) =>
      [
        row.code,
        row.name,
        divisionKindLabels[row.kind],
        row.parentCode ?? '',
        String(row.sortOrder),
        row.isActive ? stateLabels.active : stateLabels.retired,
      ].map(neutraliseFormula),
    ),
  ]);

const kindOfLabel = (label: string): DivisionKind | undefined =>
  label === ''
    ? 'division'
    : divisionKinds.find((kind) => divisionKindLabels[kind] === label || kind === label);

/** One record checked on its own; problems go to `errors` under the row's number. */
export const parseOrgCsvRow = (
  cellOf: (column: OrgCsvColumn) => string,
  rowNumber: number,
  errors: RowErrors,
): OrgCsvRow | undefined => {
  const cell = (column: OrgCsvColumn) => restoreFormula(cellOf(column)).normalize('NFKC').trim();
  const problems: string[] = [];
  const field = <T>(result: { success: boolean; data?: T; error?: { issues: { message: string }[] } }) => {
    if (!result.success) problems.push(result.error!.issues[0]!.message);
    return result.data;
  };
  const code = field(divisionCodeField.safeParse(cell('組織コード')));
  const name = field(divisionNameField.safeParse(cell('組織名')));
  const kind = kindOfLabel(cell('種類'));
  if (!kind)
    problems.push(`種類「${cell('種類')}」は「部局」「課・室」「出先機関」のいずれかで指定してください。`);
  const sortText = cell('表示順');
  const sortOrder = sortText === '' ? 0 : field(sortOrderField.safeParse(Number(sortText)));
  const state = cell('状態');
  if (state !== '' && state !== stateLabels.active && state !== stateLabels.retired)
    problems.push(`状態「${state}」は「有効」か「廃止」で指定してください。`);
  for (const problem of problems) errors.add(rowNumber, problem);
  if (problems.length > 0) return undefined;
  const parentCode = cell('上位組織コード');
  return {
    rowNumber,
    code: code!,
    name: name!,
    kind: kind!,
    parentCode: parentCode || null,
    sortOrder: sortOrder!,
    isActive: state !== stateLabels.retired,
  };
};
