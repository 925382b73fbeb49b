import { app, authentication } from '@microsoft/teams-js';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { TabConfig } from '../app/tab-config';
import { LoadingState } from '../components/StateViews';

/**
 * The consent popup Teams opens with `authentication.authenticate` when the API answers 403
 * CONSENT_REQUIRED. `start` sends the user to Entra's consent prompt for the Graph permission the API
 * uses on their behalf; Entra returns to `end`, which tells Teams the outcome. The code Entra returns
 * is not redeemed: the consent itself is what the API's on-behalf-of call needs.
 */
const stateKey = 'staff-proposals.consent-state';
const graphScopes = 'openid profile offline_access https://graph.microsoft.com/User.Read';

const useStyles = makeStyles({ page: { padding: tokens.spacingHorizontalXXL } });

export const consentUrl = (config: TabConfig, origin: string, state: string): string | undefined => {
  if (!config.clientId) return undefined;
  const tenant = encodeURIComponent(config.tenantId ?? 'organizations');
  const query = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    response_mode: 'query',
    redirect_uri: `${origin}/tab/auth/end`,
    scope: graphScopes,
    prompt: 'consent',
    state,
  });
  return `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize?${query.toString()}`;
};

export const AuthPopupPage = ({ config, step }: { config: TabConfig; step: 'start' | 'end' }) => {
  const styles = useStyles();
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    void app.initialize().then(() => {
      if (step === 'start') {
        const state = crypto.randomUUID();
        localStorage.setItem(stateKey, state);
        const url = consentUrl(config, window.location.origin, state);
        if (url) window.location.assign(url);
        else {
          setMessage('同意画面の設定がありません。管理者にお問い合わせください。');
          authentication.notifyFailure('ConsentNotConfigured');
        }
        return;
      }
      const params = new URLSearchParams(window.location.search);
      const expected = localStorage.getItem(stateKey);
      localStorage.removeItem(stateKey);
      if (params.get('error')) {
        setMessage('同意が得られませんでした。このウィンドウを閉じてください。');
        authentication.notifyFailure(params.get('error') ?? 'ConsentFailed');
      } else if (!expected || params.get('state') !== expected) {
        setMessage('同意の確認に失敗しました。もう一度お試しください。');
        authentication.notifyFailure('StateMismatch');
      } else {
        authentication.notifySuccess();
      }
    });
  }, [config, step]);

  return (
    <main className={styles.page}>
      {message ? <Text>{message}</Text> : <LoadingState label="サインインしています…" />}
    </main>
  );
};
