import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { messageOf } from '../../api/api-error';
import { exportProposalsCsv, type ProposalExportQuery } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';

const useStyles = makeStyles({
  root: { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Hands a downloaded file to the browser under its own name (also works in the Teams tab's iframe). */
export const saveFile = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked after the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/**
 * 「CSV出力」 (office): the proposals of the current filter as the CSV the import reads (UTF-8 with
 * BOM, opens in Excel), named by the server (職員提案一覧_<date>.csv).
 */
export const CsvExportButton = ({ query }: { query: ProposalExportQuery }) => {
  const styles = useStyles();
  const exportCsv = useAction(async (api) => {
    const { blob, fileName } = await exportProposalsCsv(api, query);
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
        {exportCsv.running ? 'CSVを作成しています…' : 'CSV出力'}
      </Button>
      {exportCsv.error !== undefined && (
        <Text role="alert" className={styles.error}>
          CSVを出力できませんでした。{messageOf(exportCsv.error)}
        </Text>
      )}
    </span>
  );
};
