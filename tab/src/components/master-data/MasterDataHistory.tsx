import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { MasterDataEntity } from '#shared/master-data';
import { listMasterDataChanges } from '../../api/master-data';
import { formatDateTime } from '../../format/date-time';
import { useApiQuery } from '../../hooks/useApiQuery';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { changeSummary } from './master-data-format';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  table: { minWidth: '560px' },
  nowrap: { whiteSpace: 'nowrap' },
  text: { overflowWrap: 'anywhere', minWidth: '6em' },
});

/** 変更履歴 of one list, newest first (the last 100): when, what, who. The trail cannot be edited. */
export const MasterDataHistory = ({
  entity,
  caption,
  names,
  reloadKey,
}: {
  entity: MasterDataEntity;
  caption: string;
  /** The current name of each code, for the 「対象」 column. */
  names: ReadonlyMap<string, string>;
  reloadKey: number;
}) => {
  const styles = useStyles();
  const changes = useApiQuery(['master-data-changes', entity, reloadKey], (api, signal) =>
    listMasterDataChanges(api, entity, signal),
  );
  if (changes.error !== undefined && !changes.data)
    return <ErrorState error={changes.error} onRetry={changes.reload} />;
  if (!changes.data) return <LoadingState label="変更履歴を読み込んでいます…" />;
  if (changes.data.items.length === 0) return <EmptyState title="変更履歴はまだありません" />;
  return (
    <div className={styles.scroller}>
      <Table aria-label={caption} size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>日時</TableHeaderCell>
            <TableHeaderCell>対象</TableHeaderCell>
            <TableHeaderCell>内容</TableHeaderCell>
            <TableHeaderCell>変更した人</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {changes.data.items.map((change) => (
            <TableRow key={change.id}>
              <TableCell className={styles.nowrap}>{formatDateTime(change.createdAt)}</TableCell>
              <TableCell className={styles.text}>
                {change.entityKey === '*' ? '一覧全体' : (names.get(change.entityKey) ?? change.entityKey)}
              </TableCell>
              <TableCell className={styles.text}>{changeSummary(change)}</TableCell>
              <TableCell className={styles.text}>{change.actor?.displayName ?? 'システム'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
