import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { assignableRoles, roleLabels, type AdminUserDto } from '#shared/role-admin';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * A user's roles beyond staff, each with where it comes from: assigned here (権限管理) or granted by
 * Entra (app role, group), which this page cannot take away. The source is in the text itself, not
 * only in the colour.
 */
export const RoleBadges = ({ user }: { user: Pick<AdminUserDto, 'databaseRoles' | 'entraRoles'> }) => {
  const styles = useStyles();
  const grants = assignableRoles.flatMap((role) => [
    ...(user.databaseRoles.includes(role) ? [{ role, source: 'database' as const }] : []),
    ...(user.entraRoles.includes(role) ? [{ role, source: 'entra' as const }] : []),
  ]);
  if (grants.length === 0) return <Text className={styles.muted}>職員のみ</Text>;
  return (
    <ul className={styles.list}>
      {grants.map(({ role, source }) => (
        <li key={`${role}-${source}`}>
          {source === 'database' ? (
            <Badge appearance="filled" color={role === 'admin' ? 'important' : 'brand'}>
              {roleLabels[role]}（権限管理）
            </Badge>
          ) : (
            <Badge appearance="outline" color="informative">
              {roleLabels[role]}（Entra）
            </Badge>
          )}
        </li>
      ))}
    </ul>
  );
};
