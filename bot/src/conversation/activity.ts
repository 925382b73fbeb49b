import type { AdaptiveCard } from '../cards/adaptive-card';
import type { OutgoingMessage } from '../notifications/outgoing-message';

export type { OutgoingMessage } from '../notifications/outgoing-message';

/**
 * What the bot receives, without the Bot Framework: the Teams adapter (bot/src/teams) converts each
 * activity into one of these and turns the outcome back into Bot Framework replies. Everything the
 * conversation logic needs is here, so it can move to another SDK without change.
 */
export type ConversationType = 'personal' | 'groupChat' | 'channel';

export interface TeamsUser {
  /** Entra object id; absent for anonymous or external users. */
  aadObjectId: string | null;
  /** The Teams channel account id (29:…). */
  teamsId: string;
  name: string;
  /** From the Teams roster when the adapter looked it up (install events); otherwise null. */
  email: string | null;
  userPrincipalName: string | null;
}

export interface ActivityContext {
  activityId: string;
  from: TeamsUser;
  conversation: { id: string; type: ConversationType; tenantId: string | null };
  locale: string;
  /** Opaque Bot Framework ConversationReference, stored to message the conversation later. */
  reference: Record<string, unknown>;
}

export type IncomingActivity = ActivityContext &
  (
    | { kind: 'installed' }
    | { kind: 'uninstalled' }
    /** The bot was added to a conversation (conversationUpdate with the bot among membersAdded). */
    | { kind: 'botAdded' }
    /** A text message; `text` has the bot's @mention removed and is trimmed. */
    | { kind: 'message'; text: string }
    /** Action.Execute: invoke `adaptiveCard/action`. */
    | { kind: 'cardAction'; verb: string; data: Record<string, unknown> }
    /** Action.Submit: a message whose `value` holds the card's inputs; the verb is `value.verb`. */
    | { kind: 'submit'; verb: string; data: Record<string, unknown> }
  );

export interface TurnOutcome {
  /** Messages sent into the conversation, in order. */
  replies: OutgoingMessage[];
  /** For cardAction only: the card that replaces the one the user acted on. */
  cardResponse?: AdaptiveCard;
}
