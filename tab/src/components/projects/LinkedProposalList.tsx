import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { LinkedProposalDto } from '#shared/priority-project';
import { AppLink } from '../AppLink';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
  },
  number: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  title: { overflowWrap: 'anywhere' },
  badge: { marginLeft: tokens.spacingHorizontalS, verticalAlign: 'text-bottom' },
  muted: { color: tokens.colorNeutralForeground3 },
  more: { alignSelf: 'flex-start' },
});

/** A project's proposals can run to dozens: the first few, and the rest on request. */
const initiallyShown = 10;

/**
 * The proposals linked to a project, each to its detail in 提案一覧. Staff get the published ones
 * only, so the total (which counts them all) may be larger than the list.
 */
export const LinkedProposalList = ({
  proposals,
  total,
}: {
  proposals: LinkedProposalDto[];
  total: number;
}) => {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  if (proposals.length === 0) {
    return (
      <Text className={styles.muted}>
        {total > 0 ? '公開されている関連提案はありません。' : '関連する提案はまだありません。'}
      </Text>
    );
  }
  const shown = all ? proposals : proposals.slice(0, initiallyShown);
  return (
    <>
      <ul className={styles.list} aria-label="関連する提案">
        {shown.map((proposal) => (
          <li key={proposal.id} className={styles.item}>
            <Text className={styles.number}>{proposal.number}</Text>
            <span className={styles.title}>
              <AppLink to={`/proposals/${proposal.id}`}>{proposal.title}</AppLink>
              <Badge className={styles.badge} appearance="tint" color="informative" shape="rounded">
                {proposal.statusLabel}
              </Badge>
            </span>
          </li>
        ))}
      </ul>
      {shown.length < proposals.length && (
        <Button className={styles.more} appearance="subtle" onClick={() => setAll(true)}>
          すべて表示（{proposals.length}件）
        </Button>
      )}
      {total > proposals.length && (
        <Text size={200} className={styles.muted}>
          公開されている提案だけを表示しています（関連する提案は全部で{total}件）。
        </Text>
      )}
    </>
  );
};
