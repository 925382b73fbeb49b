import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import type { ProposalImportResultDto } from '#shared/tab-api';
import { isApiError } from '../../api/api-error';
import { ActionError } from '../ActionError';
import { LoadingState } from '../StateViews';
import type { CsvImport } from './useCsvImport';

const useStyles = makeStyles({
  errors: { maxHeight: '45vh', overflowY: 'auto' },
  row: { width: '5em', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  numbers: { overflowWrap: 'anywhere' },
});

/** Shown in full up to this many; a longer list is cut with a count. */
const shownNumbers = 10;
const shownErrors = 500;

interface RowError {
  row: string;
  message: string;
}

/** The server's `row:N` details as table rows; a problem of the whole file has no row. */
const rowErrorsOf = (error: unknown): RowError[] =>
  isApiError(error)
    ? error.details.map((detail) => ({
        row: /^row:(\d+)$/.exec(detail.path)?.[1] ?? '—',
        message: detail.message,
      }))
    : [];

const listText = (items: string[]): string =>
  items.length <= shownNumbers
    ? items.join('、')
    : `${items.slice(0, shownNumbers).join('、')} ほか${items.length - shownNumbers}件`;

/** Every bad row with its spreadsheet row number (the first 500, then a count). */
const RowErrorTable = ({ rowErrors }: { rowErrors: RowError[] }) => {
  const styles = useStyles();
  return (
    <>
      <Text>誤りのある行を直してから、もう一度ファイルを選んでください。何も登録されていません。</Text>
      <div className={styles.errors}>
        <Table aria-label="取り込めない行" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.row}>行</TableHeaderCell>
              <TableHeaderCell>内容</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rowErrors.slice(0, shownErrors).map((error, index) => (
              <TableRow key={index}>
                <TableCell className={styles.row}>{error.row}</TableCell>
                <TableCell>{error.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {rowErrors.length > shownErrors && (
        <Text>ほかに{(rowErrors.length - shownErrors).toLocaleString('ja-JP')}件の誤りがあります。</Text>
      )}
    </>
  );
};

const ImportFailure = ({ failure, importFailed }: { failure: unknown; importFailed: boolean }) => {
  const rowErrors = rowErrorsOf(failure);
  return (
    <>
      <ActionError
        error={failure}
        title={importFailed ? '取り込めませんでした' : 'このファイルは取り込めません'}
        listDetails={rowErrors.length === 0}
      />
      {rowErrors.length > 0 && <RowErrorTable rowErrors={rowErrors} />}
    </>
  );
};

const ImportPreview = ({ preview }: { preview: ProposalImportResultDto }) => {
  const styles = useStyles();
  return preview.imported === 0 ? (
    <MessageBar intent="warning">
      <MessageBarBody>取り込む提案がありません（データ行がありません）。</MessageBarBody>
    </MessageBar>
  ) : (
    <MessageBar intent="info" role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{preview.imported.toLocaleString('ja-JP')}件の提案を取り込めます</MessageBarTitle>
        <div className={styles.numbers}>登録される提案番号: {listText(preview.numbers)}</div>
        {preview.newDivisions.length > 0 && (
          <div className={styles.numbers}>
            未登録の所属・所管課を新しく登録します（{preview.newDivisions.length}件）:{' '}
            {listText(preview.newDivisions)}。名前に誤りがないか確認してください。
          </div>
        )}
        <div>まだ登録していません。「取り込む」を押すと登録します。</div>
      </MessageBarBody>
    </MessageBar>
  );
};

const ImportDone = ({ imported }: { imported: ProposalImportResultDto }) => {
  const styles = useStyles();
  return (
    <MessageBar intent="success" role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{imported.imported.toLocaleString('ja-JP')}件の提案を取り込みました</MessageBarTitle>
        {imported.numbers.length > 0 && (
          <div className={styles.numbers}>提案番号: {listText(imported.numbers)}</div>
        )}
        {imported.newDivisions.length > 0 && (
          <div className={styles.numbers}>
            新しく登録した所属・所管課（{imported.newDivisions.length}件）: {listText(imported.newDivisions)}
          </div>
        )}
      </MessageBarBody>
    </MessageBar>
  );
};

/** Where CSV取込 stands: imported, working, failed (with the bad rows), or the dry run's preview. */
export const CsvImportResult = ({ state }: { state: CsvImport }) => {
  if (state.imported) return <ImportDone imported={state.imported} />;
  if (state.busy)
    return <LoadingState label={state.checking ? 'ファイルを検査しています…' : '取り込んでいます…'} />;
  if (state.failure !== undefined)
    return <ImportFailure failure={state.failure} importFailed={state.importFailed} />;
  if (state.preview) return <ImportPreview preview={state.preview} />;
  return null;
};
