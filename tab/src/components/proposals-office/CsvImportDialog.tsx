import {
  Button,
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
  tokens,
} from '@fluentui/react-components';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { ProposalImportResultDto } from '#shared/tab-api';
import { isApiError } from '../../api/api-error';
import { importProposalsCsv } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { LoadingState } from '../StateViews';

const useStyles = makeStyles({
  surface: { maxWidth: '760px' },
  picker: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  fileInput: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
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

const numbersText = (numbers: string[]): string =>
  numbers.length <= shownNumbers
    ? numbers.join('、')
    : `${numbers.slice(0, shownNumbers).join('、')} ほか${numbers.length - shownNumbers}件`;

/**
 * CSV取込 (office) in two steps: the file is first checked on the server without writing anything
 * (dry run) and the result shown — how many proposals and which numbers, or every bad row with its
 * spreadsheet row number; only then 「取り込む」 imports it. The import is all or nothing.
 */
export const CsvImportDialog = ({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(): void;
}) => {
  const styles = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const check = useAction((api, csv: File) => importProposalsCsv(api, csv, { dryRun: true }));
  const importCsv = useAction((api, csv: File) => importProposalsCsv(api, csv, { dryRun: false }));
  const [preview, setPreview] = useState<ProposalImportResultDto>();
  const [imported, setImported] = useState<ProposalImportResultDto>();
  const resetCheck = check.reset;
  const resetImport = importCsv.reset;

  useEffect(() => {
    if (!open) return;
    setFile(undefined);
    setPreview(undefined);
    setImported(undefined);
    resetCheck();
    resetImport();
  }, [open, resetCheck, resetImport]);

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setPreview(undefined);
    resetImport();
    setPreview(await check.run(chosen));
  };

  const runImport = async () => {
    if (!file) return;
    const result = await importCsv.run(file);
    if (result) setImported(result);
  };

  const failure = importCsv.error ?? check.error;
  const rowErrors = rowErrorsOf(failure);

  let result;
  if (imported) {
    result = (
      <MessageBar intent="success" role="status" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {imported.imported.toLocaleString('ja-JP')}件の提案を取り込みました
          </MessageBarTitle>
          {imported.numbers.length > 0 && (
            <div className={styles.numbers}>提案番号: {numbersText(imported.numbers)}</div>
          )}
        </MessageBarBody>
      </MessageBar>
    );
  } else if (check.running || importCsv.running) {
    result = <LoadingState label={check.running ? 'ファイルを検査しています…' : '取り込んでいます…'} />;
  } else if (failure !== undefined) {
    result = (
      <>
        <ActionError
          error={failure}
          title={importCsv.error !== undefined ? '取り込めませんでした' : 'このファイルは取り込めません'}
          listDetails={rowErrors.length === 0}
        />
        {rowErrors.length > 0 && (
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
              <Text>
                ほかに{(rowErrors.length - shownErrors).toLocaleString('ja-JP')}件の誤りがあります。
              </Text>
            )}
          </>
        )}
      </>
    );
  } else if (preview) {
    result =
      preview.imported === 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>取り込む提案がありません（データ行がありません）。</MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="info" role="status" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {preview.imported.toLocaleString('ja-JP')}件の提案を取り込めます
            </MessageBarTitle>
            <div className={styles.numbers}>登録される提案番号: {numbersText(preview.numbers)}</div>
            <div>まだ登録していません。「取り込む」を押すと登録します。</div>
          </MessageBarBody>
        </MessageBar>
      );
  }

  const busy = check.running || importCsv.running;
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title="CSVから提案を取り込む"
      onClose={imported ? onDone : onClose}
      form={false}
      {...(imported
        ? { onSubmit: onDone, submitLabel: '閉じる', cancelLabel: null }
        : {
            onSubmit: runImport,
            submitLabel: '取り込む',
            busy,
            submitDisabled: !preview || preview.imported === 0 || failure !== undefined,
          })}
    >
      {!imported && (
        <>
          <Text>
            {'職員提案CSV（UTF-8 または Shift_JIS、5MB・20,000行まで）を選んでください。' +
              '必須の列は提出日・件名・提案内容・分類・提案者です。まず内容を検査し、登録する前に結果を表示します。'}
          </Text>
          <div className={styles.picker}>
            <input
              ref={inputRef}
              className={styles.fileInput}
              type="file"
              accept=".csv,text/csv"
              aria-label="CSVファイル"
              tabIndex={-1}
              onChange={(event) => {
                void choose(event.target.files?.[0]);
                // The same file chosen again (after fixing it) must fire a change too.
                event.target.value = '';
              }}
            />
            <Button
              icon={<DocumentArrowUp20Regular />}
              disabledFocusable={busy}
              onClick={() => inputRef.current?.click()}
            >
              {file ? '別のファイルを選ぶ' : 'ファイルを選ぶ'}
            </Button>
            <Text aria-live="polite">{file ? file.name : 'ファイルが選ばれていません'}</Text>
          </div>
        </>
      )}
      {result}
    </FormDialog>
  );
};
