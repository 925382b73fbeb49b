import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  teamsLightTheme,
} from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readCspNonce, readTabConfig } from './app/tab-config';
import { TabRoot } from './app/TabRoot';

const config = readTabConfig();
const nonce = readCspNonce();
const root = createRoot(document.getElementById('root')!);
const authStep = /^\/tab\/auth\/(start|end)\/?$/.exec(window.location.pathname)?.[1] as
  'start' | 'end' | undefined;

if (authStep) {
  // The consent popup: no sign-in, no router; loaded on its own so the main bundle stays small.
  void import('./pages/AuthPopupPage').then(({ AuthPopupPage }) =>
    root.render(
      <RendererProvider
        renderer={createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : undefined)}
      >
        <FluentProvider theme={teamsLightTheme} lang="ja">
          <AuthPopupPage config={config} step={authStep} />
        </FluentProvider>
      </RendererProvider>,
    ),
  );
} else {
  root.render(
    <StrictMode>
      <TabRoot config={config} nonce={nonce} />
    </StrictMode>,
  );
}
