import { CounterBadge, makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import type { ProposalQueueKey } from '#shared/proposal-queues';
import { getProposalQueues } from '../../api/proposals';
import { useApiQuery } from '../../hooks/useApiQuery';

const useStyles = makeStyles({
  tabs: { flexWrap: 'wrap', rowGap: tokens.spacingVerticalXS },
  badge: { marginLeft: tokens.spacingHorizontalXS },
});

const allValue = 'all';

/**
 * The work queues (the office's 未回答, 所管課未定, 所管課の回答待ち, 承認待ち…; a liaison's 自分の課 and
 * their 所管課の回答待ち) as saved views of the list, each with its count; the server decides which
 * queues a user has (none for staff: nothing shows). `refreshKey` changes when the list may have changed, so the counts follow.
 */
export const ProposalQueueTabs = ({
  selected,
  refreshKey,
  onSelect,
}: {
  selected: ProposalQueueKey | undefined;
  refreshKey: string;
  onSelect(queue: ProposalQueueKey | undefined): void;
}) => {
  const styles = useStyles();
  const queues = useApiQuery(['proposal-queues', refreshKey], (api, signal) =>
    getProposalQueues(api, signal),
  );
  const items = queues.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <TabList
      className={styles.tabs}
      aria-label="作業キュー"
      size="small"
      selectedValue={selected ?? allValue}
      onTabSelect={(_event, data) =>
        onSelect(data.value === allValue ? undefined : (data.value as ProposalQueueKey))
      }
    >
      <Tab value={allValue}>すべて</Tab>
      {items.map((item) => (
        <Tab key={item.key} value={item.key} aria-label={`${item.label} ${item.count}件`}>
          {item.label}
          <CounterBadge
            className={styles.badge}
            count={item.count}
            showZero
            overflowCount={99_999}
            size="small"
            appearance={item.key === selected ? 'filled' : 'ghost'}
            color={item.count > 0 ? 'brand' : 'informative'}
          />
        </Tab>
      ))}
    </TabList>
  );
};
