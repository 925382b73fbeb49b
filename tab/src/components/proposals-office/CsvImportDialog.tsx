import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useRef } from 'react';
import { FormDialog } from '../FormDialog';
import { CsvImportResult } from './CsvImportResult';
import { useCsvImport } from './useCsvImport';

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
});

/** The file choice: a hidden file input behind a button, and the chosen file's name. */
export const CsvFilePicker = ({
  file,
  busy,
  onChoose,
}: {
  file: File | undefined;
  busy: boolean;
  onChoose(file: File | undefined): void;
}) => {
  const styles = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className={styles.picker}>
      <input
        ref={inputRef}
        className={styles.fileInput}
        type="file"
        accept=".csv,text/csv"
        aria-label="CSVファイル"
        tabIndex={-1}
        onChange={(event) => {
          onChoose(event.target.files?.[0]);
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
  );
};

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
  const csv = useCsvImport(open);
  const { imported, preview } = csv;
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
            onSubmit: csv.runImport,
            submitLabel: '取り込む',
            busy: csv.busy,
            submitDisabled: !preview || preview.imported === 0 || csv.failure !== undefined,
          })}
    >
      {!imported && (
        <>
          <Text>
            {'職員提案CSV（UTF-8 または Shift_JIS、5MB・20,000行まで）を選んでください。' +
              '必須の列は提出日・件名・提案内容・分類・提案者です。まず内容を検査し、登録する前に結果を表示します。'}
          </Text>
          <CsvFilePicker file={csv.file} busy={csv.busy} onChoose={(file) => void csv.choose(file)} />
        </>
      )}
      <CsvImportResult state={csv} />
    </FormDialog>
  );
};
