import { makeStyles, tokens } from '@fluentui/react-components';
import { fiscalYearLabel } from '#shared/fiscal-year';
import type { CopyPriorityProjectsResultDto } from '#shared/priority-project';
import { copyPriorityProjects, type PriorityProjectsCopy } from '../../api/projects';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';

const useStyles = makeStyles({
  content: { gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: '1.5em' },
});

/**
 * 「次年度の案件を作成」 (office): starts next year's set from this year's — themes, items, titles,
 * descriptions and owner divisions; progress, status and milestones start afresh. Items the next
 * year already has are left alone, so running it twice does no harm.
 */
export const CopyProjectsDialog = ({
  fromFiscalYear,
  toFiscalYear = fromFiscalYear + 1,
  projectCount,
  onClose,
  onCopied,
}: {
  fromFiscalYear: number;
  /** Default: the next year; an empty year on screen takes the latest year's set. */
  toFiscalYear?: number;
  /** Known when copying from the year on screen. */
  projectCount?: number | undefined;
  onClose(): void;
  onCopied(result: CopyPriorityProjectsResultDto): void;
}) => {
  const styles = useStyles();
  const copy = useAction((api, body: PriorityProjectsCopy) => copyPriorityProjects(api, body));
  const submit = async () => {
    const result = await copy.run({ fromFiscalYear, toFiscalYear });
    if (result) onCopied(result);
  };
  return (
    <FormDialog
      // From the year before it says 次年度; from an older year (an empty year taking the latest
      // set) it names both years, so the office sees which set is carried over.
      title={
        toFiscalYear === fromFiscalYear + 1
          ? '次年度の案件を作成'
          : `${fiscalYearLabel(fromFiscalYear)}の案件を引き継いで${fiscalYearLabel(toFiscalYear)}の案件を作成`
      }
      contentClassName={styles.content}
      onClose={onClose}
      onSubmit={submit}
      form={false}
      submitLabel="作成する"
      busyLabel="作成しています…"
      busy={copy.running}
    >
      <div>
        {fiscalYearLabel(fromFiscalYear)}の重点案件
        {projectCount === undefined ? '' : `（${projectCount}件）`}をもとに、
        {fiscalYearLabel(toFiscalYear)}の重点案件を作成します。
      </div>
      <ul className={styles.list}>
        <li>テーマ・項目番号・案件名・内容・担当課を引き継ぎます。</li>
        <li>進捗率・状況・マイルストーン・進捗の記録は引き継がず、「未着手」から始まります。</li>
        <li>{fiscalYearLabel(toFiscalYear)}に既にある案件はそのまま残します。</li>
      </ul>
      {copy.error !== undefined && <ActionError error={copy.error} title="作成できませんでした" />}
    </FormDialog>
  );
};
