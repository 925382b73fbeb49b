import { AppError, isAppError, storableDisplayName } from '#shared';
import { divisionPickerCard, errorCard, helpCard, welcomeCard, type CardVerb } from '../cards/index';
import { getDivisionChoices } from '../services/catalog/catalog';
import {
  actorOf,
  chooseOwnDivision,
  isDivisionSyncDue,
  recordTeamsContact,
  recordUninstall,
  syncDivisionFromDirectory,
} from '../services/identity/teams-contact';
import type { IncomingActivity, TurnOutcome } from './activity';
import { createBackgroundTasks } from './background-tasks';
import { isTrue, requestIdOf, stringField } from './card-data';
import { parseCommand } from './commands';
import type { ConversationDeps, Turn } from './conversation-context';
import {
  checkSimilarProposals,
  supportFromForm,
  showMyProposals,
  showProposalForm,
  submitProposalFromCard,
} from './actions/proposal-actions';
import { handleMessageExtension } from './actions/message-extension-actions';
import {
  editFromCard,
  showEditForm,
  showWithdrawForm,
  withdrawFromCard,
} from './actions/proposal-correction-actions';
import { showRealisedThisMonth } from './actions/realised-actions';
import { chooseNotificationPreference, showNotificationSettings } from './actions/settings-actions';
import { replyToStamp, sendStampFromCard, showStampForm } from './actions/stamp-actions';
import { respond } from './respond';

type CardActionHandler = (turn: Turn, data: Record<string, unknown>) => Promise<TurnOutcome>;

/** Card verbs (`noun.verb`) and what they do: the one dispatch table of the bot. */
const cardActions: Record<CardVerb, CardActionHandler> = {
  'help.show': async (turn) => respond(turn, helpCard()),
  'proposal.form': (turn, data) =>
    showProposalForm(turn, undefined, { skipDivision: isTrue(data, 'skipDivision') }),
  'proposal.check': checkSimilarProposals,
  'proposal.support': supportFromForm,
  'proposal.submit': submitProposalFromCard,
  'proposal.mine': showMyProposals,
  'proposal.editForm': showEditForm,
  'proposal.edit': editFromCard,
  'proposal.withdrawForm': showWithdrawForm,
  'proposal.withdraw': withdrawFromCard,
  'stamp.form': (turn) => showStampForm(turn),
  'stamp.send': sendStampFromCard,
  'stamp.reply': replyToStamp,
  'user.setNotificationPreference': chooseNotificationPreference,
  'user.setDivision': async (turn, data) => {
    const divisionId = stringField(data, 'divisionId');
    const choices = await getDivisionChoices(turn.deps.db);
    if (!divisionId || !choices.some((choice) => choice.value === divisionId)) {
      const requestId = requestIdOf(data) ?? turn.deps.newRequestId();
      return respond(turn, divisionPickerCard({ requestId, divisions: choices }));
    }
    await chooseOwnDivision(turn.deps.db, turn.user.id, divisionId);
    return showProposalForm({ ...turn, user: { ...turn.user, divisionId } });
  },
};

const commandActions: Record<
  NonNullable<ReturnType<typeof parseCommand>>,
  (turn: Turn) => Promise<TurnOutcome>
> = {
  propose: showProposalForm,
  stamp: showStampForm,
  my: (turn) => showMyProposals(turn, {}),
  realised: showRealisedThisMonth,
  settings: showNotificationSettings,
  help: async () => ({ replies: [{ card: helpCard() }] }),
};

const personalOnlyText =
  '提案とスタンプは、このアプリとの個人チャットでご利用ください。アプリを開いて「チャット」から話しかけてください。';

/** What the bot does in a channel or group chat, said when it is added there or asked anything else. */
const sharedChatText =
  'このチャネル（チャット）では「@職員提案 今月の実現」で、今月実現した提案を紹介します。投稿の「…」→「その他のアクション」から「この投稿にスタンプを贈る」「この投稿から提案する」も使えます。提案とスタンプの送信は、このアプリとの個人チャットでもご利用いただけます。';

/**
 * The bot's conversation, SDK-free: the Teams adapter hands every activity here and sends back the
 * outcome. Expected problems (AppError) become an error card with the Japanese message; anything
 * else propagates to the adapter's onTurnError, which apologises without details.
 */
export const createConversationHandler = (options: ConversationDeps) => {
  // The caller's object stays the prototype, so its getters (tests hand in a database that changes
  // between tests) are read on each use.
  const deps: Turn['deps'] = Object.create(options, {
    background: {
      value:
        options.background ?? createBackgroundTasks((error, key) => options.onBackgroundError?.(error, key)),
    },
  });
  return async (activity: IncomingActivity): Promise<TurnOutcome> => {
    if (activity.kind === 'uninstalled') {
      await recordUninstall(deps.db, activity.conversation.id);
      return { replies: [] };
    }
    const aadObjectId = activity.from.aadObjectId;
    if (!aadObjectId) {
      return { replies: [{ text: 'このアプリは組織のアカウントでサインインしてご利用ください。' }] };
    }
    const contact = await recordTeamsContact(
      deps.db,
      {
        aadObjectId,
        tenantId: activity.conversation.tenantId,
        // Stored as the person's name and shown on cards to others: PostgreSQL refuses NUL and lone
        // surrogates, and a name of thousands of characters would overflow a notification.
        displayName: storableDisplayName(activity.from.name),
        email: activity.from.email ?? activity.from.userPrincipalName,
        conversation: {
          id: activity.conversation.id,
          type: activity.conversation.type,
          serviceUrl: String(activity.reference.serviceUrl ?? ''),
          reference: activity.reference,
        },
      },
      deps.notifications,
    );
    const user = contact.user;
    // Weekly, the division follows the directory's department: after the turn, never inside it (a
    // slow directory must not hold the answer; Teams gives a turn seconds).
    if (activity.kind !== 'cardAction' && isDivisionSyncDue(user, deps.directory, deps.now?.())) {
      deps.background.run(`division-sync:${user.id}`, () =>
        syncDivisionFromDirectory(deps.db, user, deps.directory, deps.now?.()),
      );
    }
    const turn: Turn = { deps, activity, user, actor: actorOf(user) };
    try {
      return await answerTurn(turn, contact.conversationActivated);
    } catch (error) {
      if (isAppError(error) && error.code !== 'INTERNAL' && error.code !== 'UNAVAILABLE')
        return respondError(turn, error);
      throw error;
    }
  };
};

/** What the bot answers to a known user's activity, by its kind and the conversation it came from. */
const answerTurn = async (turn: Turn, conversationActivated: boolean): Promise<TurnOutcome> => {
  const { activity, user } = turn;
  const personal = activity.conversation.type === 'personal';
  switch (activity.kind) {
    case 'installed':
    case 'botAdded':
      // Teams announces one install twice (installationUpdate and conversationUpdate): welcome once.
      if (!conversationActivated) return { replies: [] };
      return personal
        ? { replies: [{ card: welcomeCard({ displayName: user.displayName }) }] }
        : { replies: [{ text: `職員提案アプリが追加されました。${sharedChatText}` }] };
    case 'message': {
      const command = parseCommand(activity.text);
      if (!personal)
        return command === 'realised'
          ? await showRealisedThisMonth(turn)
          : { replies: [{ text: sharedChatText }] };
      return command ? commandActions[command](turn) : { replies: [{ card: helpCard() }] };
    }
    case 'cardAction':
    case 'submit': {
      if (!personal) return respondError(turn, new AppError('FORBIDDEN', { userMessage: personalOnlyText }));
      return await runVerb(turn, activity.verb, activity.data);
    }
    case 'messageExtension':
      // In any conversation: the dialog and the search belong to the person using them.
      return await handleMessageExtension(turn, activity, runVerb);
    case 'uninstalled':
      return { replies: [] };
  }
};

/** One card verb through the dispatch table (card actions, Action.Submit, a dialog's buttons). */
const runVerb = async (turn: Turn, verb: string, data: Record<string, unknown>): Promise<TurnOutcome> => {
  // Own keys only: a verb such as "toString" must not reach Object.prototype.
  const action = Object.hasOwn(cardActions, verb) ? cardActions[verb as CardVerb] : undefined;
  if (!action) {
    return respondError(
      turn,
      new AppError('NOT_FOUND', {
        message: `Unknown verb ${verb}`,
        userMessage: 'この操作には対応していません。',
      }),
    );
  }
  return action(turn, data);
};

const respondError = (turn: Turn, error: AppError): TurnOutcome =>
  respond(turn, errorCard({ message: error.userMessage }));
