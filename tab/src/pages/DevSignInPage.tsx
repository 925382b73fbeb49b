import {
  Badge,
  Button,
  Card,
  CardHeader,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DemoSignInUserDto } from '#shared/tab-api';
import { messageOf } from '../api/api-error';
import { devSignIn, listDemoUsers } from '../api/dev';
import { saveDevToken } from '../auth/dev-token-store';
import { ErrorState, LoadingState } from '../components/StateViews';

const useStyles = makeStyles({
  page: {
    maxWidth: '720px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalL,
  },
  list: { display: 'grid', gap: tokens.spacingVerticalM, listStyleType: 'none', padding: 0, margin: 0 },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

const roleLabel = { staff: '職員', office: '推進室', admin: '管理者' } as const;

/** One persona: name, division, what they can try, their roles and サインイン. */
const DemoUserCard = ({
  user,
  busy,
  signingIn,
  onSignIn,
}: {
  user: DemoSignInUserDto;
  busy: boolean;
  signingIn: boolean;
  onSignIn(): void;
}) => {
  const styles = useStyles();
  return (
    <Card>
      <CardHeader
        header={
          <Text weight="semibold">
            {user.displayName}（{user.division}）
          </Text>
        }
        description={<Text>{user.description}</Text>}
        action={
          <Button
            appearance="primary"
            disabled={busy}
            onClick={onSignIn}
            aria-label={`${user.displayName}としてサインイン`}
          >
            {signingIn ? 'サインイン中…' : 'サインイン'}
          </Button>
        }
      />
      <div className={styles.badges}>
        {(['staff', ...user.roles.filter((role) => role !== 'staff')] as const).map((role) => (
          <Badge key={role} appearance="outline">
            {roleLabel[role]}
          </Badge>
        ))}
      </div>
    </Card>
  );
};

/**
 * Development only (the server runs with AUTH_MODE=development, which production refuses): pick a
 * demo persona to try the tab outside Teams.
 */
export const DevSignInPage = ({ onSignedIn }: { onSignedIn: () => void }) => {
  const styles = useStyles();
  const [users, setUsers] = useState<DemoSignInUserDto[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const load = () => {
    setError(undefined);
    listDemoUsers().then((result) => setUsers(result.items), setError);
  };
  useEffect(load, []);

  const signIn = async (user: DemoSignInUserDto) => {
    setBusy(user.aadObjectId);
    setError(undefined);
    try {
      const result = await devSignIn(user.aadObjectId);
      saveDevToken({ token: result.token, expiresAt: result.expiresAt });
      onSignedIn();
    } catch (caught) {
      setError(caught);
      setBusy(undefined);
    }
  };

  return (
    <main className={styles.page}>
      <Text as="h1" size={600} weight="semibold">
        開発用サインイン
      </Text>
      <MessageBar intent="warning">
        <MessageBarBody>
          開発用モードで動作しています。Teams
          の外で試すために、デモ利用者としてサインインできます。本番環境ではこの画面は表示されません。
        </MessageBarBody>
      </MessageBar>
      {error !== undefined && (
        <ErrorState error={error} title="サインインできませんでした" onRetry={users ? undefined : load} />
      )}
      {!users && error === undefined && <LoadingState label="利用者を読み込んでいます…" />}
      {users && (
        <ul className={styles.list} aria-label="デモ利用者">
          {users.map((user) => (
            <li key={user.aadObjectId}>
              <DemoUserCard
                user={user}
                busy={busy !== undefined}
                signingIn={busy === user.aadObjectId}
                onSignIn={() => void signIn(user)}
              />
            </li>
          ))}
        </ul>
      )}
      {error !== undefined && users && <Text>{messageOf(error)}</Text>}
    </main>
  );
};
