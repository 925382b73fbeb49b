import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { listRoleChanges } from '../../api/role-admin';
import { formatDateTime } from '../../format/date-time';
import { useApiQuery } from '../../hooks/useApiQuery';
import { rangeText } from '../proposals/ProposalPagination';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { roleChangeSummary, rolesText } from './role-format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  scroller: { overflowX: 'auto' },
  table: { tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  text: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  pager: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

const pageSize = 20;

/**
 * 権限の変更履歴, newest first: when, whose roles, what changed (from → to), who changed them and
 * why. Read only: the history cannot be changed or deleted, here or anywhere.
 */
export const RoleChangeHistory = ({ reloadKey }: { reloadKey: number }) => {
  const styles = useStyles();
  const [page, setPage] = useState(1);
  const history = useApiQuery(['role-changes', page, reloadKey], (api, signal) =>
    listRoleChanges(api, { page, pageSize }, signal),
  );

  if (history.error !== undefined && !history.data)
    return <ErrorState error={history.error} onRetry={history.reload} />;
  if (!history.data) return <LoadingState label="履歴を読み込んでいます…" />;
  const { items, total } = history.data;
  if (total === 0) return <EmptyState title="権限の変更はまだありません" />;
  const last = Math.max(1, Math.ceil(total / pageSize));

  return (
    <div className={styles.root}>
      <div className={styles.scroller}>
        <Table aria-label="権限の変更履歴" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>日時</TableHeaderCell>
              <TableHeaderCell>対象者</TableHeaderCell>
              <TableHeaderCell>変更内容</TableHeaderCell>
              <TableHeaderCell>変更した人</TableHeaderCell>
              <TableHeaderCell>理由</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <TableRow key={item.id}>
                <TableCell className={styles.nowrap}>
                  <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                </TableCell>
                <TableCell className={styles.text}>{item.user.displayName}</TableCell>
                <TableCell className={styles.text}>
                  {roleChangeSummary(item.rolesBefore, item.rolesAfter).join('、')}
                  <Text size={200} className={styles.muted}>
                    {`（${rolesText(item.rolesBefore)} → ${rolesText(item.rolesAfter)}）`}
                  </Text>
                </TableCell>
                <TableCell className={styles.text}>{item.actor?.displayName ?? 'システム'}</TableCell>
                <TableCell className={styles.text}>{item.reason ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <nav aria-label="履歴のページ送り" className={styles.pager}>
        <Text role="status" aria-live="polite">
          {rangeText(total, page, pageSize, items.length)}
        </Text>
        <Button
          appearance="subtle"
          icon={<ChevronLeft20Regular />}
          disabled={page <= 1}
          onClick={() => setPage(page - 1)}
        >
          新しい履歴
        </Button>
        <Button
          appearance="subtle"
          icon={<ChevronRight20Regular />}
          iconPosition="after"
          disabled={page >= last}
          onClick={() => setPage(page + 1)}
        >
          古い履歴
        </Button>
      </nav>
    </div>
  );
};
