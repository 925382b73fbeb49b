import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { OrgImportResultDto } from '#shared/organisation';
import { isApiError, messageOf } from '../../api/api-error';
import { exportOrgCsv, importOrgCsv } from '../../api/org';
import { useAction } from '../../hooks/useAction';
import { FormDialog } from '../FormDialog';
import { saveFile } from '../proposals-office/CsvExportButton';
import { CsvFilePicker } from '../proposals-office/CsvImportDialog';

const useStyles = makeStyles({
  root: { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  surface: { maxWidth: '640px' },
  rows: { margin: 0, paddingLeft: '1.2em', maxHeight: '16em', overflowY: 'auto' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const countsText = (result: OrgImportResultDto): string =>
  `追加 ${result.created}件、変更 ${result.updated}件、変更なし ${result.unchanged}件`;

/** Why the file was refused: the message, then each bad row as 「N行目: …」. */
const ImportFailure = ({ error }: { error: unknown }) => {
  const styles = useStyles();
  const details = isApiError(error) ? error.details.filter((detail) => detail.path.startsWith('row:')) : [];
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        {messageOf(error)}
        {details.length > 0 && (
          <ul className={styles.rows}>
            {details.map((detail, index) => (
              <li key={index}>{`${detail.path.slice(4)}行目: ${detail.message}`}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
};

/**
 * 組織のCSV取込 (admins), in two steps like the proposal import: the chosen file is checked without
 * writing anything and the counts shown (or every bad row); only 「取り込む」 applies it, all or nothing.
 */
const OrgCsvImportDialog = ({
  onClose,
  onDone,
}: {
  onClose(): void;
  onDone(result: OrgImportResultDto): void;
}) => {
  const styles = useStyles();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<OrgImportResultDto>();
  const check = useAction((api, csv: File) => importOrgCsv(api, csv, true));
  const apply = useAction((api, csv: File) => importOrgCsv(api, csv, false));
  const failure = apply.error ?? check.error;
  return (
    <FormDialog
      className={styles.surface}
      title="CSVから組織を取り込む"
      onClose={onClose}
      form={false}
      onSubmit={async () => {
        const result = file && (await apply.run(file));
        if (result) onDone(result);
      }}
      submitLabel="取り込む"
      busy={check.running || apply.running}
      submitDisabled={!preview || failure !== undefined}
    >
      <Text>
        {'組織CSV（UTF-8 または Shift_JIS）を選んでください。列は 組織コード・組織名（必須）・種類・上位組織コード・表示順・状態 です。' +
          '組織コードが同じ組織は更新、新しいコードは追加します。ファイルにない組織はそのまま残ります。'}
      </Text>
      <CsvFilePicker
        file={file}
        busy={check.running || apply.running}
        onChoose={(chosen) => {
          if (!chosen) return;
          setFile(chosen);
          setPreview(undefined);
          apply.reset();
          void check.run(chosen).then(setPreview);
        }}
      />
      {preview && failure === undefined && (
        <MessageBar intent="info">
          <MessageBarBody>{`検査しました（まだ登録していません）: ${countsText(preview)}`}</MessageBarBody>
        </MessageBar>
      )}
      {failure !== undefined && <ImportFailure error={failure} />}
    </FormDialog>
  );
};

/** 「CSV出力」 (office and admins) and 「CSV取込」 (admins) of the organisation. */
export const OrgCsvActions = ({
  canImport,
  onImported,
}: {
  canImport: boolean;
  onImported(message: string): void;
}) => {
  const styles = useStyles();
  const [importing, setImporting] = useState(false);
  const exportCsv = useAction(async (api) => {
    const { blob, fileName } = await exportOrgCsv(api);
    saveFile(blob, fileName);
    return fileName;
  });
  return (
    <span className={styles.root}>
      <Button
        icon={<ArrowDownload20Regular />}
        disabledFocusable={exportCsv.running}
        onClick={() => void exportCsv.run()}
      >
        CSV出力
      </Button>
      {canImport && (
        <Button icon={<DocumentArrowUp20Regular />} onClick={() => setImporting(true)}>
          CSV取込
        </Button>
      )}
      {exportCsv.error !== undefined && (
        <Text role="alert" className={styles.error}>
          CSVを出力できませんでした。{messageOf(exportCsv.error)}
        </Text>
      )}
      {importing && (
        <OrgCsvImportDialog
          onClose={() => setImporting(false)}
          onDone={(result) => {
            setImporting(false);
            onImported(`CSVを取り込みました: ${countsText(result)}`);
          }}
        />
      )}
    </span>
  );
};
