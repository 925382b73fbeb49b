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
  // On a narrow screen the table scrolls sideways rather than breaking a division's name per character.
  division: { overflowWrap: 'anywhere', minWidth: '6em' },
  roles: { minWidth: '10em' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  action: { whiteSpace: 'nowrap' },
  badge: { alignSelf: 'flex-start' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** Name, e-mail and whether they have used the app yet. */
const PersonCell = ({ user, isSelf }: { user: AdminUserDto; isSelf: boolean }) => {
  const styles = useStyles();
  return (
    <TableCell>
      <div className={styles.person}>
        <Text weight="semibold" className={styles.text}>
          {user.displayName}
          {isSelf && '（あなた）'}
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
  );
};

/**
 * The people found, with their roles and where each comes from and the divisions they are the
 * liaison of (assigned here, and by an Entra group: a division can be both, then it is on both
 * lines); 「変更」 opens the role dialog, 「所管課担当」 the liaison dialog.
 */
export const UserRoleTable = ({
  users,
  currentUserId,
  divisionName,
  onEdit,
  onEditLiaison,
}: {
  users: AdminUserDto[];
  currentUserId: string;
  divisionName(id: string): string;
  onEdit(user: AdminUserDto): void;
  onEditLiaison(user: AdminUserDto): void;
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
              <PersonCell user={user} isSelf={user.id === currentUserId} />
              <TableCell className={styles.division}>{user.division?.name ?? '—'}</TableCell>
              <TableCell className={styles.roles}>
                <RoleBadges user={user} />
                {user.liaisonDivisionIds.length > 0 && (
                  <Text block size={200} className={styles.muted}>
                    所管課担当: {user.liaisonDivisionIds.map(divisionName).join('、')}
                  </Text>
                )}
                {user.entraLiaisonDivisionIds.length > 0 && (
                  <Text block size={200} className={styles.muted}>
                    所管課担当（Entra）: {user.entraLiaisonDivisionIds.map(divisionName).join('、')}
                  </Text>
                )}
              </TableCell>
              <TableCell>
                <div className={styles.buttons}>
                  <Button
                    size="small"
                    aria-label={`${user.displayName}さんの権限を変更`}
                    onClick={() => onEdit(user)}
                  >
                    変更
                  </Button>
                  <Button
                    size="small"
                    aria-label={`${user.displayName}さんの所管課担当を変更`}
                    onClick={() => onEditLiaison(user)}
                  >
                    所管課担当
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
