import { app, authentication, pages } from '@microsoft/teams-js';

/**
 * Everything the tab asks of the Teams host, behind one small interface so pages and tests do not
 * depend on teams-js directly. Outside Teams `connectToTeams` resolves to undefined quickly.
 */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  /** The theme Teams shows now. */
  theme: TeamsThemeName;
  /** `settings` when Teams shows the channel tab's configuration page. */
  frameContext: string | undefined;
  /** The deep link's sub-entity (a proposal id), if the tab was opened through one. */
  subPageId: string | undefined;
  /** The id of the static tab Teams shows (`dashboard`, `proposals`, …). */
  pageId: string | undefined;
  /** The Teams app's locale, e.g. `ja-jp`. */
  locale: string | undefined;
  /**
   * Which Microsoft 365 application hosts the tab (`Teams`, `Outlook`, `Office`…): Teams deep links
   * (a chat with the bot) work only in Teams and are hidden elsewhere.
   */
  hostName: string | undefined;
  onThemeChange(handler: (theme: TeamsThemeName) => void): void;
  getAuthToken(): Promise<string>;
  /** Opens Entra's consent page in a Teams popup; resolves when the user has consented. */
  authenticate(url: string): Promise<void>;
  notifySuccess(): void;
  notifyFailure(message: string): void;
  /** Channel tab configuration: what the channel tab will show, and the Save button. */
  configureChannelTab(settings: { entityId: string; contentUrl: string; suggestedDisplayName: string }): void;
  enableSave(valid: boolean): void;
  /** Opens a Teams deep link (a chat with the bot, …) in Teams itself rather than in the tab's frame. */
  openLink(url: string): Promise<void>;
}

const toThemeName = (theme: string | undefined): TeamsThemeName =>
  theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';

/** Teams frames the tab (an iframe) or opens it in a popup (the consent window). */
const mayBeInTeams = (): boolean => window.parent !== window || window.opener != null;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Teams did not answer')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/** Teams itself (classic or new), as opposed to Outlook or the Microsoft 365 app hosting the tab. */
export const isTeamsClient = (host: Pick<TeamsHost, 'hostName'>): boolean =>
  host.hostName === 'Teams' || host.hostName === 'TeamsModern';

export const connectToTeams = async (timeoutMs = 5000): Promise<TeamsHost | undefined> => {
  if (!mayBeInTeams()) return undefined;
  try {
    await withTimeout(app.initialize(), timeoutMs);
  } catch {
    return undefined;
  }
  const context = await app.getContext();
  let currentSaveHandler: ((event: pages.config.SaveEvent) => void) | undefined;
  return {
    theme: toThemeName(context.app.theme),
    frameContext: context.page.frameContext,
    subPageId: context.page.subPageId || undefined,
    pageId: context.page.id || undefined,
    locale: context.app.locale,
    hostName: context.app.host?.name,
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(toThemeName(theme))),
    getAuthToken: () => authentication.getAuthToken(),
    authenticate: async (url) => {
      await authentication.authenticate({ url, width: 600, height: 535 });
    },
    notifySuccess: () => app.notifySuccess(),
    notifyFailure: (message) => app.notifyFailure({ reason: app.FailedReason.Other, message }),
    configureChannelTab: (settings) => {
      currentSaveHandler = (event) => {
        pages.config
          .setConfig({ ...settings, websiteUrl: settings.contentUrl })
          .then(() => event.notifySuccess())
          .catch((error: unknown) => event.notifyFailure(String(error)));
      };
      pages.config.registerOnSaveHandler((event) => currentSaveHandler?.(event));
    },
    enableSave: (valid) => pages.config.setValidityState(valid),
    openLink: (url) => app.openLink(url),
  };
};
