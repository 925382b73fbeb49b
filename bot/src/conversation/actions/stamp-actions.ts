import { AppError, isAppError } from '#shared';
import { errorCard, stampFormCard, stampFormFields, stampSentCard } from '../../cards/index';
import { receivedStampCard } from '../../notifications/stamp-notifications';
import { getActiveStampKinds, getColleagueChoices } from '../../services/catalog/catalog';
import { recordExistingPersonalChat } from '../../services/identity/teams-contact';
import { claimAppInstalls } from '../../services/limits/user-action-limits';
import { findStampForReply, sendStamps } from '../../services/stamps/send-stamps';
import type { TurnOutcome } from '../activity';
import { formErrorsOf, formValues, isFormProblem, requestIdOf, stringField } from '../card-data';
import type { Turn } from '../conversation-context';
import { decodeCardView } from '../notice-cards';
import { respond } from '../respond';

/** Teams' people picker searches the directory; other clients get a list of known colleagues. */
const hasPeoplePicker = (turn: Turn): boolean => turn.activity.reference.channelId === 'msteams';

interface StampFormOptions {
  requestId: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** Names of preselected recipients (the author of a post), so the picker shows them. */
  recipients?: { id: string; name: string }[];
  /** The post a message action was used on. */
  quote?: string | undefined;
}

const renderStampForm = async (turn: Turn, options: StampFormOptions) => {
  const peoplePicker = hasPeoplePicker(turn);
  return stampFormCard({
    requestId: options.requestId,
    kinds: await getActiveStampKinds(turn.deps.db),
    values: options.values ?? {},
    errors: options.errors ?? {},
    peoplePicker,
    ...(options.recipients ? { recipients: options.recipients } : {}),
    ...(options.quote ? { quote: options.quote } : {}),
    ...(peoplePicker
      ? {}
      : {
          fallbackRecipients: (await getColleagueChoices(turn.deps.db, turn.user)).map((choice) => ({
            id: choice.value,
            label: choice.label,
          })),
        }),
  });
};

export const showStampForm = async (
  turn: Turn,
  prefill: Omit<StampFormOptions, 'requestId' | 'errors'> = {},
): Promise<TurnOutcome> =>
  respond(turn, await renderStampForm(turn, { ...prefill, requestId: turn.deps.newRequestId() }));

/** The post a stamp form was opened on, carried by its 送る button (base64url JSON `{ text }`). */
const quoteOf = (data: Record<string, unknown>): string | undefined => {
  const view = decodeCardView(data.quote);
  const text = view && typeof view === 'object' ? (view as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text.slice(0, 2000) : undefined;
};

const sentCard = (result: Awaited<ReturnType<typeof sendStamps>>) =>
  stampSentCard({
    kind: result.kind,
    message: result.message,
    aboutLabel: result.aboutLabel,
    recipients: result.recipients.map((recipient) => ({
      name: recipient.name,
      delivery: recipient.delivery === 'queued' ? 'delivered' : 'pending',
    })),
  });

/**
 * A conversation reference for someone's 1:1 chat with the bot, shaped after this turn's (same bot,
 * channel, service URL and tenant): what the proactive sender needs to post there.
 */
const personalChatReference = (turn: Turn, chatId: string, aadObjectId: string): Record<string, unknown> => {
  const { bot, channelId, serviceUrl, locale } = turn.activity.reference;
  return {
    bot,
    channelId,
    serviceUrl,
    locale,
    conversation: { id: chatId, conversationType: 'personal', tenantId: turn.activity.conversation.tenantId },
    user: { id: aadObjectId, aadObjectId },
  };
};

/**
 * Recipients without the app get it installed through Graph when configured: Teams then announces
 * the new chat and the waiting stamp goes out. When Graph says it is installed already (409), Teams
 * announces nothing, so the chat Graph names is stored and the stamp goes out there. Each person at
 * most once a day, and one sender's stamps only so many a day (claimAppInstalls). The sender's answer
 * does not wait for Graph: the installs run in the background.
 */
const installForPendingRecipients = async (
  turn: Turn,
  result: Awaited<ReturnType<typeof sendStamps>>,
): Promise<void> => {
  const installer = turn.deps.installer;
  if (!installer) return;
  const pending = result.recipients.filter((recipient) => recipient.delivery === 'pending');
  if (pending.length === 0) return;
  const claimed = turn.deps.limits
    ? new Set(
        await claimAppInstalls(
          turn.deps.db,
          turn.user.id,
          pending.map((recipient) => recipient.userId),
          turn.deps.limits,
          turn.deps.now?.() ?? new Date(),
        ),
      )
    : undefined;
  for (const recipient of pending) {
    const aadObjectId = recipient.aadObjectId;
    if (!aadObjectId || (claimed && !claimed.has(recipient.userId))) continue;
    turn.deps.background.run(`app-install:${recipient.userId}`, async () => {
      const installed = await installer.installForUser(aadObjectId);
      if (installed.outcome !== 'already_installed' || !installed.chatId) return;
      await recordExistingPersonalChat(turn.deps.db, turn.deps.notifications, {
        userId: recipient.userId,
        tenantId: turn.activity.conversation.tenantId,
        conversationId: installed.chatId,
        serviceUrl: String(turn.activity.reference.serviceUrl ?? ''),
        reference: personalChatReference(turn, installed.chatId, aadObjectId),
      });
    });
  }
};

/** 「送る」: stores and queues the stamps; invalid input keeps the form with messages. */
export const sendStampFromCard = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const values = formValues(data, stampFormFields);
  const requestId = requestIdOf(data);
  const quote = quoteOf(data);
  if (!requestId)
    return respond(turn, await renderStampForm(turn, { requestId: turn.deps.newRequestId(), values, quote }));
  try {
    const result = await sendStamps(turn.deps.db, turn.deps.notifications, {
      sender: turn.user,
      input: values,
      requestId,
      limits: turn.deps.limits,
      directory: turn.deps.directory,
      ...(turn.deps.now ? { now: turn.deps.now() } : {}),
    });
    await installForPendingRecipients(turn, result);
    return respond(turn, sentCard(result));
  } catch (error) {
    if (!isFormProblem(error)) throw error;
    return respond(
      turn,
      await renderStampForm(turn, { requestId, values, errors: formErrorsOf(error), quote }),
    );
  }
};

/**
 * 「お礼のスタンプを返す」 on a received stamp: thanks its sender. The stamp card stays what it was, with
 * the button replaced by 「お礼を返しました」 (Teams replaces the card a button is on with the answer);
 * what was sent goes out as a new message. A retry or second click sends nothing more (the request
 * id is the stamp's). A refusal (a limit) leaves the card as it was and says why in a new message.
 */
export const replyToStamp = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const requestId = requestIdOf(data);
  const kindCode = stringField(data, 'kindCode');
  const stampId = requestId?.startsWith('reply:') ? requestId.slice('reply:'.length) : undefined;
  const original = stampId ? await findStampForReply(turn.deps.db, stampId, turn.user.id) : undefined;
  if (!requestId || !kindCode || !original) {
    throw new AppError('NOT_FOUND', {
      message: 'Stamp to reply to not found',
      userMessage: '元のスタンプが見つかりません。',
    });
  }
  const stampCard = (replied: boolean) => receivedStampCard(original, original, { replied });
  const keepsCard = turn.activity.kind === 'cardAction';
  let result: Awaited<ReturnType<typeof sendStamps>>;
  try {
    result = await sendStamps(turn.deps.db, turn.deps.notifications, {
      sender: turn.user,
      input: { recipientIds: original.senderAadObjectId, kindCode },
      requestId,
      limits: turn.deps.limits,
      ...(turn.deps.now ? { now: turn.deps.now() } : {}),
    });
  } catch (error) {
    if (!keepsCard || !isAppError(error) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
      throw error;
    return { replies: [{ card: errorCard({ message: error.userMessage }) }], cardResponse: stampCard(false) };
  }
  return {
    replies: [{ card: sentCard(result) }],
    ...(keepsCard ? { cardResponse: stampCard(true) } : {}),
  };
};
