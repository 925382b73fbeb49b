import { TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import type {
  ActivityContext,
  ConversationType,
  IncomingActivity,
  QuotedMessage,
} from '../conversation/activity';

/** The kind-specific part of an IncomingActivity (what the activity is about). */
type WithoutContext<T> = T extends unknown ? Omit<T, keyof ActivityContext> : never;
export type ActivityBody = WithoutContext<IncomingActivity>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Action.Submit data carries the verb as `verb` (our cards); older cards used `action`. */
const verbOf = (value: Record<string, unknown>): string | undefined => {
  const verb = value.verb ?? value.action;
  return typeof verb === 'string' ? verb : undefined;
};

const classifyMessage = (activity: Activity): ActivityBody | null => {
  const value = isRecord(activity.value) ? activity.value : undefined;
  const hasText = typeof activity.text === 'string' && activity.text.trim() !== '';
  // Action.Submit posts a message with `value` and no text (messageBack may add display text).
  if (value && (!hasText || verbOf(value) !== undefined))
    return { kind: 'submit', verb: verbOf(value) ?? '', data: value };
  if (!hasText) return null;
  // In channels and group chats the text starts with "<at>bot name</at>"; work on a copy, the SDK edits in place.
  const text = TurnContext.removeRecipientMention({ ...activity }) ?? activity.text;
  return { kind: 'message', text: text.trim() };
};

const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `value.messagePayload` of a message action: the author (a directory user only) and the body. */
const quotedMessageOf = (value: Record<string, unknown>): QuotedMessage | null => {
  const payload = isRecord(value.messagePayload) ? value.messagePayload : undefined;
  if (!payload) return null;
  const from = isRecord(payload.from) ? payload.from : {};
  const user = isRecord(from.user) ? from.user : undefined;
  const body = isRecord(payload.body) ? payload.body : {};
  const isPerson = user && stringOf(user.id) && (user.userIdentityType ?? 'aadUser') === 'aadUser';
  return {
    author: isPerson ? { aadObjectId: stringOf(user.id), name: stringOf(user.displayName) } : null,
    contentType: body.contentType === 'text' ? 'text' : 'html',
    content: stringOf(body.content),
  };
};

/** Teams' query options: a page of at most 25 from `skip`. */
const queryOf = (value: Record<string, unknown>) => {
  const parameters = Array.isArray(value.parameters) ? value.parameters.filter(isRecord) : [];
  const initialRun = parameters.some((parameter) => parameter.name === 'initialRun');
  const options = isRecord(value.queryOptions) ? value.queryOptions : {};
  const whole = (input: unknown, fallback: number) =>
    typeof input === 'number' && Number.isInteger(input) && input >= 0 ? input : fallback;
  return {
    text: initialRun ? '' : stringOf(parameters[0]?.value),
    skip: whole(options.skip, 0),
    count: Math.min(Math.max(whole(options.count, 10), 1), 25),
  };
};

/** The message extension's invokes (composeExtension/…), or null for other invokes. */
const classifyMessageExtension = (activity: Activity): ActivityBody | null => {
  const value = isRecord(activity.value) ? activity.value : {};
  const commandId = stringOf(value.commandId);
  switch (activity.name) {
    case 'composeExtension/fetchTask':
      return { kind: 'messageExtension', invoke: 'fetchTask', commandId, message: quotedMessageOf(value) };
    case 'composeExtension/submitAction':
      return {
        kind: 'messageExtension',
        invoke: 'submitAction',
        commandId,
        data: isRecord(value.data) ? value.data : {},
        message: quotedMessageOf(value),
      };
    case 'composeExtension/query':
      return { kind: 'messageExtension', invoke: 'query', commandId, ...queryOf(value) };
    case 'composeExtension/queryLink':
      return { kind: 'messageExtension', invoke: 'queryLink', url: stringOf(value.url) };
    default:
      return null;
  }
};

/** What an activity means for the conversation, or null when the bot has nothing to do with it. */
export const classifyActivity = (activity: Activity): ActivityBody | null => {
  switch (activity.type) {
    case 'installationUpdate': {
      const action = String(activity.action ?? '');
      if (action === 'add' || action === 'add-upgrade') return { kind: 'installed' };
      if (action === 'remove') return { kind: 'uninstalled' };
      return null;
    }
    case 'conversationUpdate': {
      const botId = activity.recipient?.id;
      return botId && activity.membersAdded?.some((member) => member.id === botId)
        ? { kind: 'botAdded' }
        : null;
    }
    case 'message':
      return classifyMessage(activity);
    case 'invoke': {
      if (activity.name?.startsWith('composeExtension/')) return classifyMessageExtension(activity);
      if (activity.name !== 'adaptiveCard/action') return null;
      const action = isRecord(activity.value) && isRecord(activity.value.action) ? activity.value.action : {};
      return {
        kind: 'cardAction',
        verb: typeof action.verb === 'string' ? action.verb : '',
        data: isRecord(action.data) ? action.data : {},
      };
    }
    default:
      return null;
  }
};

const conversationTypeOf = (activity: Activity): ConversationType => {
  const type = activity.conversation?.conversationType;
  if (type === 'personal' || type === 'groupChat' || type === 'channel') return type;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
};

const tenantIdOf = (activity: Activity): string | null => {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return activity.conversation?.tenantId ?? fromChannelData ?? null;
};

/** The SDK's reference as plain JSON, ready to store and to hand back to continueConversationAsync. */
const referenceOf = (activity: Activity): Record<string, unknown> =>
  JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>;

interface Contact {
  email: string | null;
  userPrincipalName: string | null;
}

/** The member's email and UPN from the Teams roster; a failed lookup must not fail the install. */
const lookUpContact = async (context: TurnContext): Promise<Contact> => {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return { email: member.email ?? null, userPrincipalName: member.userPrincipalName ?? null };
  } catch {
    return { email: null, userPrincipalName: null };
  }
};

/**
 * Bot Framework activity → IncomingActivity, or null for activities the bot ignores. On install (or
 * the bot being added) in a personal chat the user's roster entry is fetched for email and UPN.
 */
export const toIncomingActivity = async (context: TurnContext): Promise<IncomingActivity | null> => {
  const activity = context.activity;
  const body = classifyActivity(activity);
  if (!body) return null;

  const conversationType = conversationTypeOf(activity);
  const needsContact =
    (body.kind === 'installed' || body.kind === 'botAdded') && conversationType === 'personal';
  const contact = needsContact ? await lookUpContact(context) : { email: null, userPrincipalName: null };
  const from = activity.from;
  const base: ActivityContext = {
    activityId: activity.id ?? '',
    from: {
      aadObjectId: from?.aadObjectId ?? null,
      teamsId: from?.id ?? '',
      name: from?.name ?? '',
      ...contact,
    },
    conversation: {
      id: activity.conversation?.id ?? '',
      type: conversationType,
      tenantId: tenantIdOf(activity),
    },
    locale: activity.locale ?? 'ja-JP',
    reference: referenceOf(activity),
  };
  return { ...base, ...body };
};
