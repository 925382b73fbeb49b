import { isAppError, proposalLimits, proposalStatusLabels, type ProposalDto } from '#shared';
import {
  asDialogCard,
  errorCard,
  proposalDeepLink,
  proposalResultCard,
  proposalResultPreview,
  type AdaptiveCard,
} from '../../cards/index';
import { getProposal, listProposals } from '../../services/proposals/proposal-reads';
import type {
  MessageExtensionInvoke,
  MessageExtensionResponse,
  MessageExtensionResult,
  QuotedMessage,
  TurnOutcome,
} from '../activity';
import { stringField } from '../card-data';
import type { Turn } from '../conversation-context';
import { textOfMessage } from '../message-text';
import { showProposalForm } from './proposal-actions';
import { showStampForm } from './stamp-actions';

/**
 * The message extension (composeExtensions in appPackage/manifest.json): two message actions that
 * open a dialog on the post in front of the user, and a search command that inserts a proposal card
 * into the message being written (and unfurls pasted links of the tab). Everything runs through the
 * same actions, services, authorisation and per-user limits as the chat: a dialog's buttons carry
 * their verb and reach the card-action dispatch table.
 */
export const messageExtensionCommands = {
  stampFromMessage: 'この投稿にスタンプを贈る',
  proposeFromMessage: 'この投稿から提案する',
  searchProposals: '提案を検索',
} as const;
export type MessageExtensionCommand = keyof typeof messageExtensionCommands;

const isCommand = (id: string): id is MessageExtensionCommand => Object.hasOwn(messageExtensionCommands, id);

/** Runs one card verb (the dispatch table of conversation-handler.ts). */
export type VerbDispatch = (turn: Turn, verb: string, data: Record<string, unknown>) => Promise<TurnOutcome>;

const answer = (messageExtension: MessageExtensionResponse): TurnOutcome => ({
  replies: [],
  messageExtension,
});

/** A card of an action, shown in the dialog (a reply card when the action answered with a message). */
const dialogOf = (command: MessageExtensionCommand, outcome: TurnOutcome): TurnOutcome => {
  const card = outcome.cardResponse ?? outcome.replies.find((reply) => reply.card)?.card;
  return answer(
    card
      ? { type: 'dialog', title: messageExtensionCommands[command], card: asDialogCard(card) }
      : { type: 'close' },
  );
};

/** A proposal's title and body from a post: the first line, and the whole text, within the limits. */
export const proposalDraftOf = (message: QuotedMessage | null): Record<string, string> => {
  const text = message ? textOfMessage(message) : '';
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const cut = (value: string, max: number) => {
    const characters = Array.from(value);
    return characters.length <= max ? value : `${characters.slice(0, max - 1).join('')}…`;
  };
  return {
    ...(firstLine ? { title: cut(firstLine.trim(), proposalLimits.title) } : {}),
    ...(text ? { body: cut(text, proposalLimits.body) } : {}),
  };
};

const openDialog = async (turn: Turn, command: MessageExtensionCommand, message: QuotedMessage | null) => {
  if (command === 'proposeFromMessage')
    return dialogOf(command, await showProposalForm(turn, proposalDraftOf(message)));
  if (command !== 'stampFromMessage') return answer({ type: 'close' });
  const author = message?.author;
  if (!author)
    return answer({
      type: 'message',
      text: 'この投稿には、スタンプを贈れません（職員の投稿ではありません）。',
    });
  if (author.aadObjectId === turn.user.aadObjectId)
    return answer({ type: 'message', text: '自分の投稿には、スタンプを贈れません。' });
  return dialogOf(
    command,
    await showStampForm(turn, {
      values: { recipientIds: author.aadObjectId },
      recipients: [{ id: author.aadObjectId, name: author.name || '投稿者' }],
      quote: message ? textOfMessage(message) : undefined,
    }),
  );
};

const resultOf = (turn: Turn, proposal: ProposalDto): MessageExtensionResult => {
  const view = {
    number: proposal.number,
    title: proposal.title,
    statusLabel: proposalStatusLabels[proposal.status],
    categoryLabel: proposal.categoryLabel,
    submittedAt: proposal.submittedAt,
    answer: proposal.answer,
    isPublished: proposal.isPublished,
    deepLink: proposalDeepLink({ ...turn.deps.links, proposalId: proposal.id }),
  };
  return { card: proposalResultCard(view), preview: proposalResultPreview(view) };
};

/** 「提案を検索」: the proposals this user may see (the visibility rule), best matches first. */
const searchProposals = async (turn: Turn, query: { text: string; skip: number; count: number }) => {
  const text = query.text.trim().slice(0, 100);
  const result = await listProposals(turn.deps.db, turn.actor, text ? { q: text } : {}, {
    page: Math.floor(query.skip / query.count) + 1,
    pageSize: query.count,
    sort: text ? 'relevance' : 'updatedAt',
    direction: 'desc',
  });
  if (result.items.length === 0 && query.skip === 0) {
    return answer({
      type: 'notice',
      text: text ? `「${text}」に一致する提案は見つかりませんでした。` : 'まだ見られる提案がありません。',
    });
  }
  return answer({ type: 'results', items: result.items.map((proposal) => resultOf(turn, proposal)) });
};

const proposalPath = /^\/tab\/proposals\/([0-9a-f-]{36})\/?$/i;

/** A pasted link of the tab's proposal page: its card, if the user may see the proposal. */
const unfurl = async (turn: Turn, url: string) => {
  const publicUrl = turn.deps.links.publicUrl;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const id =
    parsed && publicUrl && parsed.origin === new URL(publicUrl).origin
      ? proposalPath.exec(parsed.pathname)?.[1]
      : undefined;
  if (!id) return answer({ type: 'results', items: [] });
  try {
    return answer({
      type: 'results',
      items: [resultOf(turn, await getProposal(turn.deps.db, turn.actor, id))],
    });
  } catch (error) {
    // A proposal the user may not see unfurls like one that does not exist: not at all.
    if (isAppError(error) && error.code === 'NOT_FOUND') return answer({ type: 'results', items: [] });
    throw error;
  }
};

const problemAnswer = (invoke: MessageExtensionInvoke['invoke'], message: string, title: string) =>
  answer(
    invoke === 'query' || invoke === 'queryLink'
      ? { type: 'notice', text: message }
      : { type: 'dialog', title, card: errorCard({ message }) as AdaptiveCard },
  );

/**
 * One message extension invoke. Expected problems (AppError with a Japanese message) are shown in
 * the dialog or the search box; anything else goes to the adapter's apology like any turn.
 */
export const handleMessageExtension = async (
  turn: Turn,
  invoke: MessageExtensionInvoke,
  dispatch: VerbDispatch,
): Promise<TurnOutcome> => {
  const command = invoke.invoke === 'queryLink' ? undefined : invoke.commandId;
  const title = command && isCommand(command) ? messageExtensionCommands[command] : '職員提案';
  try {
    switch (invoke.invoke) {
      case 'fetchTask':
        return isCommand(invoke.commandId)
          ? await openDialog(turn, invoke.commandId, invoke.message)
          : answer({ type: 'close' });
      case 'submitAction': {
        if (!isCommand(invoke.commandId)) return answer({ type: 'close' });
        return dialogOf(
          invoke.commandId,
          await dispatch(turn, stringField(invoke.data, 'verb') ?? '', invoke.data),
        );
      }
      case 'query':
        return invoke.commandId === 'searchProposals'
          ? await searchProposals(turn, invoke)
          : answer({ type: 'results', items: [] });
      case 'queryLink':
        return await unfurl(turn, invoke.url);
    }
  } catch (error) {
    if (isAppError(error) && error.code !== 'INTERNAL' && error.code !== 'UNAVAILABLE')
      return problemAnswer(invoke.invoke, error.userMessage, title);
    throw error;
  }
};
