import {
  Badge,
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
import type { AdminUserDto } from '#shared/role-admin';
import { RoleBadges } from './RoleBadges';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  table: { tableLayout: 'auto' },
  person: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '10em' },
  text: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  action: { whiteSpace: 'nowrap' },
  badge: { alignSelf: 'flex-start' },
});

/** The people found, with their roles and where each comes from; 「変更」 opens the role dialog. */
export const UserRoleTable = ({
  users,
  currentUserId,
  onEdit,
}: {
  users: AdminUserDto[];
  currentUserId: string;
  onEdit(user: AdminUserDto): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.scroller}>
      <Table aria-label="利用者と権限" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>氏名</TableHeaderCell>
            <TableHeaderCell>所属</TableHeaderCell>
            <TableHeaderCell>権限</TableHeaderCell>
            <TableHeaderCell>
              <span className={styles.action}>操作</span>
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id} data-user-id={user.id}>
              <TableCell>
                <div className={styles.person}>
                  <Text weight="semibold" className={styles.text}>
                    {user.displayName}
                    {user.id === currentUserId && '（あなた）'}
                  </Text>
                  {user.email && (
                    <Text size={200} className={styles.muted}>
                      {user.email}
                    </Text>
                  )}
                  {!user.hasEntraAccount && (
                    <Badge appearance="tint" color="warning" className={styles.badge}>
                      未利用
                    </Badge>
                  )}
                </div>
              </TableCell>
              <TableCell className={styles.text}>{user.division?.name ?? '—'}</TableCell>
              <TableCell>
                <RoleBadges user={user} />
              </TableCell>
              <TableCell>
                <Button
                  size="small"
                  aria-label={`${user.displayName}さんの権限を変更`}
                  onClick={() => onEdit(user)}
                >
                  変更
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
