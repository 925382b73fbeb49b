import {
  AppError,
  fiscalYearOf,
  parseWith,
  ProposalInputSchema,
  type Actor,
  type ProposalDto,
  type ProposalInput,
} from '#shared';
import type { Database, Transaction } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { findCategory } from '../../data/repositories/master-data-repository';
import { findPriorityProjectsByIds } from '../../data/repositories/priority-projects-repository';
import { appendHistory } from '../../data/repositories/proposal-history-repository';
import {
  insertPlainProposal,
  insertNumberedProposal,
} from '../../data/repositories/proposal-submission-repository';
import {
  addCoProposers,
  addProjectLinks,
  findProposalByClientRequestId,
} from '../../data/repositories/proposals-repository';
import { findUsersByIds, getUserById } from '../../data/repositories/users-repository';
import { assertProposalAllowed, type UserActionLimits } from '../limits/user-action-limits';
import { loadProposal } from './proposal-reads';

export interface SubmitProposalCommand {
  actor: Actor;
  /** Raw input from a card or the API; validated here against the shared schema. */
  input: unknown;
  /** Idempotency key carried in the card's data: the same key always yields the same proposal. */
  clientRequestId?: string;
  /** The proposer's allowance (the bot's submissions); none for trusted callers. */
  limits?: UserActionLimits | undefined;
  now?: Date;
}

/**
 * Almost every submission has no co-proposers and no project links: one statement does it all
 * (insertPlainProposal), and it finds an earlier proposal of the same request id itself.
 */
export const isPlainSubmission = (input: ProposalInput): boolean =>
  input.coProposerIds.length === 0 && input.priorityProjectIds.length === 0;

const invalidReference = (path: string, message: string) =>
  new AppError('VALIDATION', { userMessage: message, details: [{ path, message }] });

/** The general path: co-proposers and project links checked and written with the proposal. */
const insertWithReferences = async (
  tx: Transaction,
  actor: Actor,
  input: ProposalInput,
  submission: { fiscalYear: number; submittedAt: Date; clientRequestId: string | null },
): Promise<string> => {
  const category = await findCategory(tx, input.category);
  // Retired categories stay on old proposals but take no new ones.
  if (!category?.isActive) throw invalidReference('category', '分類の値が正しくありません。');
  const proposer = await getUserById(tx, actor.userId);
  const coProposerIds = input.coProposerIds.filter((id) => id !== proposer.id);
  const coProposers = await findUsersByIds(tx, coProposerIds);
  if (coProposers.length !== new Set(coProposerIds).size) {
    throw invalidReference('coProposerIds', '共同提案者に登録されていない利用者が含まれています。');
  }
  const projects = await findPriorityProjectsByIds(tx, input.priorityProjectIds);
  if (projects.length !== new Set(input.priorityProjectIds).size) {
    throw invalidReference('priorityProjectIds', '関連する重点案件の指定が正しくありません。');
  }
  const row = await insertNumberedProposal(tx, {
    ...submission,
    title: input.title,
    body: input.body,
    category: input.category,
    expectedEffect: input.expectedEffect ?? null,
    proposerId: proposer.id,
    proposerName: proposer.displayName,
    proposerDivisionId: proposer.divisionId,
  });
  await addCoProposers(tx, row.id, coProposerIds);
  await addProjectLinks(tx, row.id, input.priorityProjectIds, proposer.id);
  await appendHistory(tx, {
    proposalId: row.id,
    actorId: proposer.id,
    action: 'created',
    changes: { status: { from: null, to: 'received' } },
  });
  return row.id;
};

/**
 * Past the proposer's limits a submission is refused, unless it is the retry of one already stored:
 * that one is answered as the first time.
 */
const assertWithinProposalLimits = async (
  db: Database,
  command: SubmitProposalCommand,
  limits: UserActionLimits,
  now: Date,
): Promise<ProposalDto | undefined> => {
  try {
    await assertProposalAllowed(db, command.actor.userId, limits, now);
    return undefined;
  } catch (error) {
    const existing = command.clientRequestId
      ? await findProposalByClientRequestId(db, command.actor.userId, command.clientRequestId)
      : undefined;
    if (!existing) throw error;
    return loadProposal(db, existing.id);
  }
};

/**
 * 職員提案の受付. Number, proposal, co-proposers, project links and the first history entry are
 * written in one transaction; a retried or double-clicked submission returns the first one.
 */
export const submitProposal = async (
  db: Database,
  command: SubmitProposalCommand,
): Promise<{ proposal: ProposalDto; created: boolean }> => {
  const input = parseWith(ProposalInputSchema, command.input);
  // A repeated request id is found by its unique key (the insert fails and the first proposal is
  // returned below) rather than by a lookup before every submission; the bot's card checks first itself.
  const submittedAt = command.now ?? new Date();
  const fiscalYear = fiscalYearOf(submittedAt);
  const clientRequestId = command.clientRequestId ?? null;
  if (command.limits) {
    const retried = await assertWithinProposalLimits(db, command, command.limits, submittedAt);
    if (retried) return { proposal: retried, created: false };
  }
  try {
    // A missing proposer or an unknown category falls through to the general path, which reports it.
    if (isPlainSubmission(input)) {
      const plain = await insertPlainProposal(db, {
        fiscalYear,
        title: input.title,
        body: input.body,
        category: input.category,
        expectedEffect: input.expectedEffect ?? null,
        proposerId: command.actor.userId,
        clientRequestId,
        submittedAt,
      });
      if (plain.outcome === 'created') return { proposal: plain.proposal, created: true };
      if (plain.outcome === 'existing') return { proposal: await loadProposal(db, plain.id), created: false };
    }
    const id = await db.transaction((tx) =>
      insertWithReferences(tx, command.actor, input, { fiscalYear, submittedAt, clientRequestId }),
    );
    return { proposal: await loadProposal(db, id), created: true };
  } catch (error) {
    // The same request raced itself (Teams retry, double click): the other one won; answer with its result.
    if (clientRequestId && isUniqueViolation(error, 'proposals_proposer_id_client_request_id_key')) {
      const existing = await findProposalByClientRequestId(db, command.actor.userId, clientRequestId);
      if (existing) return { proposal: await loadProposal(db, existing.id), created: false };
    }
    throw error;
  }
};
