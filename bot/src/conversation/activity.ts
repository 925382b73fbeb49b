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

/** The message a message action was used on (`messagePayload`), as Teams describes it. */
export interface QuotedMessage {
  /** The author when it is a person of the directory; null for bots, apps and unknown senders. */
  author: { aadObjectId: string; name: string } | null;
  contentType: 'html' | 'text';
  /** The body as Teams sends it (HTML for `html`); never shown unprocessed. */
  content: string;
}

/** The invokes of the app's message extension (composeExtensions in the manifest). */
export type MessageExtensionInvoke =
  /** A message action (or command) opens its dialog. */
  | { invoke: 'fetchTask'; commandId: string; message: QuotedMessage | null }
  /** The dialog's card was submitted (Action.Submit): its inputs and data, with `verb`. */
  | {
      invoke: 'submitAction';
      commandId: string;
      data: Record<string, unknown>;
      message: QuotedMessage | null;
    }
  /** The search command: the typed text ('' on the initial run) and the page Teams asks for. */
  | { invoke: 'query'; commandId: string; text: string; skip: number; count: number }
  /** A link of the app's domain was pasted (link unfurling). */
  | { invoke: 'queryLink'; url: string };

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
    /** The message extension: message actions, their dialogs, the search command, link unfurling. */
    | ({ kind: 'messageExtension' } & MessageExtensionInvoke)
  );

/** A proposal card offered by the search command or a pasted link, with its one-line preview. */
export interface MessageExtensionResult {
  card: AdaptiveCard;
  preview: { title: string; text: string };
}

/**
 * The answer to a message extension invoke, SDK-free (the Teams adapter writes Teams' JSON):
 * `dialog` shows (or keeps showing) a dialog with a card, `message` a short text in the dialog,
 * `close` closes it, `results` lists cards to insert into the message being written, `notice` says
 * something instead of results.
 */
export type MessageExtensionResponse =
  | { type: 'dialog'; title: string; card: AdaptiveCard }
  | { type: 'message'; text: string }
  | { type: 'close' }
  | { type: 'results'; items: MessageExtensionResult[] }
  | { type: 'notice'; text: string };

export interface TurnOutcome {
  /** Messages sent into the conversation, in order. */
  replies: OutgoingMessage[];
  /** For cardAction only: the card that replaces the one the user acted on. */
  cardResponse?: AdaptiveCard;
  /** For messageExtension only: the invoke's answer. */
  messageExtension?: MessageExtensionResponse;
}
