import {
  canEditContent,
  canWithdraw,
  isAppError,
  proposalListMaxPage,
  proposalStatusLabels,
  ProposalInputSchema,
  parseWith,
  splitCommaList,
  type AppError,
  type ProposalInput,
} from '#shared';
import {
  divisionPickerCard,
  myProposalsCard,
  proposalConfirmationCard,
  proposalDeepLink,
  proposalFormCard,
  proposalFormFields,
  type SimilarProposal,
} from '../../cards/index';
import {
  getDivisionChoices,
  getProposalFormOptions,
  type ProposalFormOptions,
} from '../../services/catalog/catalog';
import { supportProposal, withdrawSupport } from '../../services/engagement/supports';
import { resolvePickedUsers } from '../../services/identity/picked-users';
import { findProposalByRequestId, listProposals } from '../../services/proposals/proposal-reads';
import {
  findSimilarToDraft,
  findSimilarToDraftForRequest,
  type SimilarToDraft,
} from '../../services/proposals/similar-proposals';
import { isPlainSubmission, submitProposal } from '../../services/proposals/submit-proposal';
import type { TurnOutcome } from '../activity';
import {
  fieldErrors,
  formErrorsOf,
  formValues,
  isFormProblem,
  isTrue,
  requestIdOf,
  stringField,
} from '../card-data';
import type { Turn } from '../conversation-context';
import { noticeCardDone } from '../notice-cards';
import { respond } from '../respond';

interface FormOptions {
  requestId: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  similar?: SimilarProposal[];
  hiddenSimilarCount?: number;
  /** The form's choices when already read (with the similar check); otherwise read here. */
  choices?: ProposalFormOptions | undefined;
}

const renderForm = async (turn: Turn, options: FormOptions) => {
  const formOptions = options.choices ?? (await getProposalFormOptions(turn.deps.db, turn.deps.now?.()));
  return proposalFormCard({
    requestId: options.requestId,
    values: options.values ?? {},
    errors: options.errors ?? {},
    similar: options.similar ?? [],
    hiddenSimilarCount: options.hiddenSimilarCount ?? 0,
    categories: formOptions.categories,
    projects: formOptions.projects,
    fiscalYearLabel: formOptions.fiscalYearLabel,
    peoplePicker: true,
  });
};

/**
 * Before the first proposal, a user without a directory-provided division is offered the list once.
 * A proposal is never blocked on it: with no divisions registered yet (a bare install), or when the
 * user skips the list, the form comes and the proposal keeps 所属未設定 for the office to fix.
 */
const divisionsToOffer = async (turn: Turn, skip: boolean) => {
  if (skip || turn.user.divisionId || turn.deps.directory) return [];
  return getDivisionChoices(turn.deps.db);
};

/** The proposal form; `values` prefill it (a proposal made from a post). */
export const showProposalForm = async (
  turn: Turn,
  values?: Record<string, string>,
  options: { skipDivision?: boolean } = {},
): Promise<TurnOutcome> => {
  const requestId = turn.deps.newRequestId();
  const divisions = await divisionsToOffer(turn, options.skipDivision ?? false);
  if (divisions.length > 0) return respond(turn, divisionPickerCard({ requestId, divisions }));
  return respond(turn, await renderForm(turn, { requestId, ...(values ? { values } : {}) }));
};

type SimilarFound = Pick<FormOptions, 'similar' | 'hiddenSimilarCount'>;

const toSimilarFound = ({ shown, hiddenCount }: SimilarToDraft): SimilarFound => ({
  similar: shown.map((item): SimilarProposal => ({
    number: item.number,
    title: item.title,
    statusLabel: proposalStatusLabels[item.status],
    // Published look-alikes offer 賛同 instead of proposing the same again.
    ...(item.isPublished
      ? {
          support: {
            proposalId: item.id,
            count: item.supportCount,
            supportedByMe: item.supportedByViewer,
            canSupport: item.canSupport,
          },
        }
      : {}),
  })),
  hiddenSimilarCount: hiddenCount,
});

const draftOf = (values: Record<string, string>) => ({
  title: values.title ?? '',
  body: values.body ?? '',
  expectedEffect: values.expectedEffect ?? '',
});

const similarOf = async (turn: Turn, values: Record<string, string>): Promise<SimilarFound> =>
  values.title
    ? toSimilarFound(await findSimilarToDraft(turn.deps.db, turn.actor, draftOf(values)))
    : { similar: [], hiddenSimilarCount: 0 };

/**
 * 「賛同する」 / 「賛同を取り消す」 on a look-alike in the form: the same service as the tab's button
 * (its rules and visibility), then the form as it was with the counts updated.
 */
export const supportFromForm = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const proposalId = stringField(data, 'proposalId');
  if (proposalId) {
    if (isTrue(data, 'support')) await supportProposal(turn.deps.db, turn.actor, proposalId);
    else await withdrawSupport(turn.deps.db, turn.actor, proposalId);
  }
  return checkSimilarProposals(turn, data);
};

/** 「類似の提案を確認」: the form again, with up to three similar proposals. */
export const checkSimilarProposals = async (
  turn: Turn,
  data: Record<string, unknown>,
): Promise<TurnOutcome> => {
  const values = formValues(data, proposalFormFields);
  const requestId = requestIdOf(data) ?? turn.deps.newRequestId();
  return respond(turn, await renderForm(turn, { requestId, values, ...(await similarOf(turn, values)) }));
};

const confirmation = (turn: Turn, proposal: Awaited<ReturnType<typeof submitProposal>>['proposal']) =>
  respond(
    turn,
    proposalConfirmationCard({
      proposal,
      deepLink: proposalDeepLink({
        teamsAppId: turn.deps.links.teamsAppId,
        publicUrl: turn.deps.links.publicUrl,
        proposalId: proposal.id,
      }),
    }),
  );

/**
 * 「提出する」: invalid input re-renders the form with messages and every value kept; similar
 * proposals are shown once before submitting; the same request (retry, double click) always answers
 * with the same confirmation.
 */
export const submitProposalFromCard = async (
  turn: Turn,
  data: Record<string, unknown>,
): Promise<TurnOutcome> => {
  const requestId = requestIdOf(data);
  const values = formValues(data, proposalFormFields);
  if (!requestId)
    return respond(turn, await renderForm(turn, { requestId: turn.deps.newRequestId(), values }));
  let input: ProposalInput | undefined;
  let invalid: AppError | undefined;
  try {
    input = parseWith(ProposalInputSchema, values);
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION') invalid = error;
    else throw error;
  }
  // A repeated request (Teams retry, double click) must answer with its confirmation, never with the
  // form. A valid submission without co-proposers or links does not look it up by itself: the similar
  // check says in the same statement whether the request was taken (it matters only when the form would
  // be shown), and otherwise submitProposal's single statement finds the first proposal by the request id
  // itself. Every other case looks first, as the form it would show (errors, links since removed) must
  // not replace a confirmation.
  const plain = input !== undefined && isPlainSubmission(input);
  const alreadyConfirmed = async () => {
    const already = await findProposalByRequestId(turn.deps.db, turn.actor, requestId);
    return already && confirmation(turn, already);
  };
  if (!plain) {
    const confirmed = await alreadyConfirmed();
    if (confirmed) return confirmed;
  }
  if (invalid) {
    return respond(turn, await renderForm(turn, { requestId, values, errors: fieldErrors(invalid.details) }));
  }
  if (!isTrue(data, 'confirmSimilar')) {
    const found = plain
      ? await findSimilarToDraftForRequest(
          turn.deps.db,
          turn.actor,
          draftOf(values),
          requestId,
          turn.deps.now?.(),
        )
      : // Looked up above.
        {
          ...(await findSimilarToDraft(turn.deps.db, turn.actor, draftOf(values))),
          requestTaken: false,
          formOptions: undefined,
        };
    if (found.shown.length > 0 || found.hiddenCount > 0) {
      const confirmed = found.requestTaken ? await alreadyConfirmed() : undefined;
      if (confirmed) return confirmed;
      return respond(
        turn,
        await renderForm(turn, { requestId, values, choices: found.formOptions, ...toSimilarFound(found) }),
      );
    }
  }
  try {
    const coProposers = await resolvePickedUsers(
      turn.deps.db,
      splitCommaList(values.coProposerIds),
      'coProposerIds',
      turn.deps.directory,
    );
    const { proposal } = await submitProposal(turn.deps.db, {
      actor: turn.actor,
      input: { ...values, coProposerIds: coProposers.map((user) => user.id) },
      clientRequestId: requestId,
      limits: turn.deps.limits,
      ...(turn.deps.now ? { now: turn.deps.now() } : {}),
    });
    return confirmation(turn, proposal);
  } catch (error) {
    if (!isFormProblem(error)) throw error;
    return respond(turn, await renderForm(turn, { requestId, values, errors: formErrorsOf(error) }));
  }
};

const myPageSize = 5;

/** What a kept card says once its 「自分の提案」 was used. */
export const myProposalsShownText = '自分の提案の一覧を下に表示しました';

/**
 * 自分の提案: the user's proposals (proposed or co-proposed), newest first, five per page. From a card people keep (a
 * notification, a confirmation: its button carries a `notice`) the list is a new message and that
 * card stays, in its done state; from the list's own paging it replaces the list.
 */
export const showMyProposals = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const list = await myProposalsList(turn, data);
  const kept = turn.activity.kind === 'cardAction' ? noticeCardDone(data, myProposalsShownText) : undefined;
  return kept ? { replies: [{ card: list }], cardResponse: kept } : respond(turn, list);
};

const myProposalsList = async (turn: Turn, data: Record<string, unknown>) => {
  const requested = Number(stringField(data, 'page') ?? '1');
  // Card data is not trusted: a page past the list's limit would overflow the query's offset.
  const page = Number.isInteger(requested) && requested > 0 ? Math.min(requested, proposalListMaxPage) : 1;
  const result = await listProposals(
    turn.deps.db,
    turn.actor,
    { mine: true },
    { page, pageSize: myPageSize, sort: 'submittedAt', direction: 'desc' },
  );
  const totalPages = Math.max(1, Math.ceil(result.total / myPageSize));
  return myProposalsCard({
    items: result.items.map((item) => ({
      id: item.id,
      number: item.number,
      title: item.title,
      statusLabel: proposalStatusLabels[item.status],
      coProposed: item.proposer?.id !== turn.actor.userId,
      answer: item.answer,
      updatedAt: item.updatedAt,
      canEdit: canEditContent(item.status),
      canWithdraw: canWithdraw(item.status),
    })),
    page: Math.min(page, totalPages),
    totalPages,
    total: result.total,
  });
};
