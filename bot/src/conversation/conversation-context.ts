import type { Actor } from '#shared';
import type { Database } from '../data/database';
import type { UserRow } from '../data/schema/index';
import type { NotificationPort } from '../notifications/notification-port';
import type { AppInstaller, DirectoryLookup } from '../services/identity/teams-contact';
import type { UserActionLimits } from '../services/limits/user-action-limits';
import type { IncomingActivity } from './activity';
import type { BackgroundTasks } from './background-tasks';

/** What the conversation logic needs from the outside world; no SDK in sight. */
export interface ConversationDeps {
  db: Database;
  notifications: NotificationPort;
  /** Microsoft Graph when configured; without it users pick their division once. */
  directory?: DirectoryLookup;
  /** Proactive installation (Graph) for recipients who have not installed the app. */
  installer?: AppInstaller;
  /** Problems of background work that no user waits for (a failed proactive install). */
  onBackgroundError?: (error: unknown, context: string) => void;
  /**
   * Where work that no turn waits for runs (the division sync, proactive installs). Without it the
   * handler makes its own, reporting to `onBackgroundError`.
   */
  background?: BackgroundTasks;
  links: { teamsAppId?: string | undefined; publicUrl?: string | undefined };
  /** What one person may make the bot do (per minute and per day); the server always sets them. */
  limits?: UserActionLimits;
  newRequestId: () => string;
  now?: () => Date;
}

/** One turn: the activity, the user behind it and the dependencies. */
export interface Turn {
  deps: ConversationDeps & { background: BackgroundTasks };
  activity: IncomingActivity;
  user: UserRow;
  actor: Actor;
}
