import { makeStyles, Text, tokens, useId } from '@fluentui/react-components';
import type { ProposalDto } from '#shared/proposal';
import { getProposalThanks } from '../../api/proposal-thanks';
import { formatDate } from '../../format/date-time';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ErrorState } from '../StateViews';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  kind: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  people: { overflowWrap: 'anywhere' },
  date: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  message: { flexBasis: '100%', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * 「この提案から生まれたお礼」: the action stamps that refer to the proposal — kind, sender → recipient
 * and date; a message only for its sender and recipient (the server leaves the others out). Hidden
 * while there are none.
 */
export const ProposalThanks = ({ proposal }: { proposal: ProposalDto }) => {
  const styles = useStyles();
  const titleId = useId('thanks');
  const query = useApiQuery(['proposal-thanks', proposal.id, proposal.version], (api, signal) =>
    getProposalThanks(api, proposal.id, signal),
  );
  if (query.error !== undefined)
    return <ErrorState error={query.error} title="お礼を読み込めませんでした" onRetry={query.reload} />;
  const thanks = query.data;
  if (!thanks || thanks.total === 0) return null;
  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        この提案から生まれたお礼（{thanks.total}件）
      </h3>
      <ul className={styles.list} aria-label="お礼のスタンプ">
        {thanks.items.map((item) => (
          <li key={item.id} className={styles.item}>
            <span className={styles.kind}>
              <span aria-hidden>{item.kind.emoji} </span>
              {item.kind.label}
            </span>
            <span className={styles.people}>
              {item.sender.displayName} → {item.recipient.displayName}
            </span>
            <span className={styles.date}>{formatDate(item.sentAt)}</span>
            {item.message && <span className={styles.message}>{item.message}</span>}
          </li>
        ))}
      </ul>
      {thanks.total > thanks.items.length && (
        <Text className={styles.muted}>新しい{thanks.items.length}件を表示しています。</Text>
      )}
    </section>
  );
};
