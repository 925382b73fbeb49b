import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  departmentMappingStateLabels,
  type DepartmentMappingDto,
  type DepartmentMappingListDto,
  type OrgDivisionDto,
} from '#shared/organisation';
import { messageOf } from '../../api/api-error';
import { listDepartmentMappings, runDirectorySync } from '../../api/org';
import { formatDateTime } from '../../format/date-time';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { MappingDialog } from './MappingDialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  scroller: { overflowX: 'auto' },
  table: { tableLayout: 'auto', minWidth: '640px' },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const stateColors = { pending: 'warning', mapped: 'success', ignored: 'subtle' } as const;

const SyncStatus = ({
  data,
  canEdit,
  onSynced,
}: {
  data: DepartmentMappingListDto;
  canEdit: boolean;
  onSynced(message: string): void;
}) => {
  const styles = useStyles();
  const sync = useAction((api) => runDirectorySync(api));
  if (!data.sync.enabled)
    return (
      <Text className={styles.muted}>
        Microsoft Graph
        が設定されていないため、ディレクトリ同期は行われません（所属は職員の画面で設定します）。
      </Text>
    );
  return (
    <div className={styles.toolbar}>
      <Text>
        {data.sync.lastRunAt
          ? `前回の同期: ${formatDateTime(data.sync.lastRunAt)} ${data.sync.lastResult ?? ''}`
          : 'まだ同期していません（毎日3時に自動で同期します）。'}
      </Text>
      {canEdit && (
        <Button
          disabledFocusable={sync.running}
          onClick={async () => {
            const result = await sync.run();
            if (result)
              onSynced(`同期しました: 利用者${result.users}人を確認、所属を設定${result.assigned}人。`);
          }}
        >
          {sync.running ? '同期しています…' : '今すぐ同期'}
        </Button>
      )}
      {sync.error !== undefined && (
        <Text role="alert" className={styles.error}>
          {messageOf(sync.error)}
        </Text>
      )}
    </div>
  );
};

const MappingTable = ({
  items,
  canEdit,
  onEdit,
}: {
  items: DepartmentMappingDto[];
  canEdit: boolean;
  onEdit(mapping: DepartmentMappingDto): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.scroller}>
      <Table aria-label="Entraの部署名と所属" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Entraの部署名</TableHeaderCell>
            <TableHeaderCell>状態</TableHeaderCell>
            <TableHeaderCell>所属</TableHeaderCell>
            <TableHeaderCell>職員数</TableHeaderCell>
            <TableHeaderCell>最後に見た日時</TableHeaderCell>
            {canEdit && <TableHeaderCell>操作</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((mapping) => (
            <TableRow key={mapping.id}>
              <TableCell>{mapping.departmentName}</TableCell>
              <TableCell>
                <Badge appearance="tint" color={stateColors[mapping.state]}>
                  {departmentMappingStateLabels[mapping.state]}
                </Badge>
              </TableCell>
              <TableCell>{mapping.division?.name ?? '—'}</TableCell>
              <TableCell>{mapping.userCount}人</TableCell>
              <TableCell>{mapping.lastSeenAt ? formatDateTime(mapping.lastSeenAt) : '—'}</TableCell>
              {canEdit && (
                <TableCell>
                  <Button
                    size="small"
                    aria-label={`${mapping.departmentName}を対応付け`}
                    onClick={() => onEdit(mapping)}
                  >
                    対応付け
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};

/**
 * 「Entraの部署名 → 所属」: the names the directory reported, those waiting for review first, the last
 * sync, and for admins 対応付け and 今すぐ同期. A waiting name changes nobody's 所属.
 */
export const DepartmentMappings = ({
  canEdit,
  divisions,
  onChanged,
}: {
  canEdit: boolean;
  divisions: OrgDivisionDto[];
  onChanged(message: string): void;
}) => {
  const styles = useStyles();
  const [editing, setEditing] = useState<DepartmentMappingDto>();
  const mappings = useApiQuery(['org-mappings'], (api, signal) => listDepartmentMappings(api, signal));
  if (mappings.error !== undefined && !mappings.data)
    return <ErrorState error={mappings.error} onRetry={mappings.reload} />;
  if (!mappings.data) return <LoadingState />;
  const waiting = mappings.data.items.filter((item) => item.state === 'pending').length;
  const changed = (message: string) => {
    onChanged(message);
    mappings.reload();
  };
  return (
    <div className={styles.root}>
      <SyncStatus data={mappings.data} canEdit={canEdit} onSynced={changed} />
      {waiting > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{`確認待ちの部署名が${waiting}件あります。対応する所属を選ぶまで、その部署の職員の所属は変わりません。`}</MessageBarBody>
        </MessageBar>
      )}
      {mappings.data.items.length === 0 ? (
        <EmptyState title="部署名はまだありません">
          ディレクトリ同期で見つかった部署名がここに並びます。
        </EmptyState>
      ) : (
        <MappingTable items={mappings.data.items} canEdit={canEdit} onEdit={setEditing} />
      )}
      {editing && (
        <MappingDialog
          mapping={editing}
          divisions={divisions}
          onClose={() => setEditing(undefined)}
          onDone={(result) => {
            setEditing(undefined);
            changed(
              `「${result.mapping.departmentName}」を保存しました（所属を設定した職員: ${result.assignedUsers}人）。`,
            );
          }}
        />
      )}
    </div>
  );
};
