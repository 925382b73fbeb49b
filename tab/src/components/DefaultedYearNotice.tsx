import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { fiscalYearLabel } from '#shared/fiscal-year';

const useStyles = makeStyles({ root: { marginBottom: tokens.spacingVerticalL } });

/**
 * Said when a page opened on an earlier year because the current one has no data yet (the server's
 * choice: `defaulted`), so nobody takes 令和6年度's figures for this year's.
 */
export const DefaultedYearNotice = ({
  shown,
  current,
  what,
}: {
  shown: number;
  current: number;
  /** 提案・スタンプ, 重点案件… */
  what: string;
}) => {
  const styles = useStyles();
  return (
    <MessageBar intent="info" className={styles.root}>
      <MessageBarBody>
        {`${fiscalYearLabel(current)}の${what}はまだないため、データのある最新の${fiscalYearLabel(shown)}を表示しています。「年度」で切り替えられます。`}
      </MessageBarBody>
    </MessageBar>
  );
};
