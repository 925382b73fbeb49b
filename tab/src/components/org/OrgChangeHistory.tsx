import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { OrgChangeEntity } from '#shared/organisation';
import { listOrgChanges } from '../../api/org';
import { formatDateTime } from '../../format/date-time';
import { useApiQuery } from '../../hooks/useApiQuery';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { orgActionLabels, orgChangeLines } from './org-format';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  // Six columns stay readable on a narrow window: the table scrolls sideways instead.
  table: { tableLayout: 'auto', minWidth: '720px' },
  nowrap: { whiteSpace: 'nowrap' },
  text: { overflowWrap: 'anywhere' },
  lines: { margin: 0, paddingLeft: '1.2em' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The latest audited changes of one kind of master data (組織, 所属, 部署名の対応), newest first:
 * when, what, who and why. Read only: the trail cannot be changed or deleted.
 */
export const OrgChangeHistory = ({
  entity,
  reloadKey,
  nameOf,
}: {
  entity: OrgChangeEntity;
  reloadKey: number;
  /** A division's name by id. */
  nameOf(id: string): string | undefined;
}) => {
  const styles = useStyles();
  const changes = useApiQuery(['org-changes', entity, reloadKey], (api, signal) =>
    listOrgChanges(api, { entity, limit: 30 }, signal),
  );
  if (changes.error !== undefined && !changes.data)
    return <ErrorState error={changes.error} onRetry={changes.reload} />;
  if (!changes.data) return <LoadingState />;
  if (changes.data.items.length === 0) return <EmptyState title="変更履歴はまだありません" />;
  return (
    <div className={styles.scroller}>
      <Table aria-label="変更履歴" size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>日時</TableHeaderCell>
            <TableHeaderCell>対象</TableHeaderCell>
            <TableHeaderCell>操作</TableHeaderCell>
            <TableHeaderCell>内容</TableHeaderCell>
            <TableHeaderCell>変更した人</TableHeaderCell>
            <TableHeaderCell>理由</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {changes.data.items.map((change) => (
            <TableRow key={change.id}>
              <TableCell className={styles.nowrap}>{formatDateTime(change.createdAt)}</TableCell>
              <TableCell className={styles.text}>
                {change.subjectName ?? String(change.after?.name ?? change.before?.name ?? '—')}
              </TableCell>
              <TableCell className={styles.nowrap}>
                {orgActionLabels[change.action] ?? change.action}
              </TableCell>
              <TableCell className={styles.text}>
                <ul className={styles.lines}>
                  {orgChangeLines(change, nameOf).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </TableCell>
              <TableCell className={styles.text}>
                {change.actor?.displayName ?? <span className={styles.muted}>システム</span>}
              </TableCell>
              <TableCell className={styles.text}>{change.reason ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
