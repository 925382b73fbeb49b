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
import type { StaffUserDto } from '#shared/organisation';
import { roleLabels } from '#shared/role-admin';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  table: { tableLayout: 'auto', minWidth: '640px' },
  person: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '10em' },
  text: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  division: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

const DivisionCell = ({ user }: { user: StaffUserDto }) => {
  const styles = useStyles();
  if (!user.division)
    return (
      <Badge appearance="tint" color="warning">
        所属未設定
      </Badge>
    );
  return (
    <span className={styles.division}>
      <Text className={styles.text}>{user.division.name}</Text>
      {!user.division.isActive && (
        <Badge appearance="tint" color="danger">
          廃止された組織
        </Badge>
      )}
    </span>
  );
};

const StaffRow = ({
  user,
  canEdit,
  onEdit,
}: {
  user: StaffUserDto;
  canEdit: boolean;
  onEdit(user: StaffUserDto): void;
}) => {
  const styles = useStyles();
  return (
    <TableRow data-user-id={user.id}>
      <TableCell>
        <div className={styles.person}>
          <Text weight="semibold" className={styles.text}>
            {user.displayName}
          </Text>
          {user.email && (
            <Text size={200} className={styles.muted}>
              {user.email}
            </Text>
          )}
        </div>
      </TableCell>
      <TableCell>
        <DivisionCell user={user} />
      </TableCell>
      <TableCell className={styles.muted}>{user.directoryDepartment ?? '—'}</TableCell>
      <TableCell>
        <span className={styles.badges}>
          {user.effectiveRoles
            .filter((role) => role !== 'staff')
            .map((role) => (
              <Badge key={role} appearance="outline">
                {roleLabels[role]}
              </Badge>
            ))}
          {user.effectiveRoles.length === 1 && <Text>{roleLabels.staff}</Text>}
        </span>
      </TableCell>
      {canEdit && (
        <TableCell>
          <Button
            size="small"
            aria-label={`${user.displayName}さんの所属を変更`}
            onClick={() => onEdit(user)}
          >
            所属を変更
          </Button>
        </TableCell>
      )}
    </TableRow>
  );
};

/** People with their 所属 (flagged when missing or retired), their Entra department and roles. */
export const StaffTable = ({
  users,
  canEdit,
  onEdit,
}: {
  users: StaffUserDto[];
  canEdit: boolean;
  onEdit(user: StaffUserDto): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.scroller}>
      <Table aria-label="職員" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>氏名</TableHeaderCell>
            <TableHeaderCell>所属</TableHeaderCell>
            <TableHeaderCell>Entraの部署名</TableHeaderCell>
            <TableHeaderCell>権限</TableHeaderCell>
            {canEdit && <TableHeaderCell>操作</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => (
            <StaffRow key={user.id} user={user} canEdit={canEdit} onEdit={onEdit} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
