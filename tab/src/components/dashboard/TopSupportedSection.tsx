import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { ThumbLike16Regular } from '@fluentui/react-icons';
import { getTopSupportedProposals } from '../../api/engagement';
import { useApiQuery } from '../../hooks/useApiQuery';
import { AppLink } from '../AppLink';
import { ProposalStatusBadge } from '../proposals/ProposalStatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { DashboardCard } from './DashboardCard';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalS },
  item: { display: 'grid', gap: tokens.spacingVerticalXXS },
  title: { overflowWrap: 'anywhere' },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  count: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    fontVariantNumeric: 'tabular-nums',
    fontWeight: tokens.fontWeightSemibold,
  },
  icon: { flexShrink: 0 },
});

/**
 * 「賛同の多い検討中の提案」 (office and admins): the open proposals staff support most, as they stand
 * now (whatever the year shown), each linked to its detail. Loads on its own.
 */
export const TopSupportedSection = () => {
  const styles = useStyles();
  const query = useApiQuery(['top-supported'], (api, signal) => getTopSupportedProposals(api, signal));
  return (
    <DashboardCard
      title="賛同の多い検討中の提案"
      description="まだ実現していない提案のうち、職員の賛同が多いもの（現在の状況）"
    >
      {query.error !== undefined ? (
        <ErrorState error={query.error} title="読み込めませんでした" onRetry={query.reload} />
      ) : !query.data ? (
        <LoadingState />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="賛同の集まっている検討中の提案はまだありません" />
      ) : (
        <ol className={styles.list}>
          {query.data.items.map((item) => (
            <li key={item.id} className={styles.item}>
              <span className={styles.title}>
                <AppLink to={`/proposals/${encodeURIComponent(item.id)}`}>
                  {item.number} {item.title}
                </AppLink>
              </span>
              <span className={styles.meta}>
                <Text className={styles.count}>
                  <ThumbLike16Regular aria-hidden className={styles.icon} />
                  賛同 {item.supportCount}人
                </Text>
                <ProposalStatusBadge status={item.status} />
                <Text size={200}>所管課: {item.responsibleDivision ?? '（未定）'}</Text>
              </span>
            </li>
          ))}
        </ol>
      )}
    </DashboardCard>
  );
};
