/**
 * What the server tells the tab about itself, injected into index.html per request (no extra round
 * trip before the first paint). Missing or malformed config means "Teams SSO, no extras".
 */
export interface TabConfig {
  /** `entra`: Teams SSO only; `development`: the demo sign-in is offered outside Teams. */
  authMode: 'entra' | 'development';
  /** The Entra app (client) id of the tab/bot registration, for the consent popup. */
  clientId?: string;
  /** The Entra tenant, for the consent popup's authority. */
  tenantId?: string;
  /** The bot's app id, to open a chat with the bot (`28:<id>`). */
  botAppId?: string;
  /**
   * The Teams app id deep links name (the org-catalog id once published, else the manifest id), for
   * links to the app's tabs and its chat.
   */
  teamsAppId?: string;
}

export const readTabConfig = (doc: Document = document): TabConfig => {
  const text = doc.getElementById('tab-config')?.textContent?.trim();
  try {
    const parsed = text ? (JSON.parse(text) as Partial<TabConfig>) : {};
    return { ...parsed, authMode: parsed.authMode === 'development' ? 'development' : 'entra' };
  } catch {
    return { authMode: 'entra' };
  }
};

/** The per-request CSP nonce for the style elements Griffel (Fluent UI) inserts. */
export const readCspNonce = (doc: Document = document): string | undefined => {
  const nonce = doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  return nonce && !nonce.startsWith('__') ? nonce : undefined;
};
