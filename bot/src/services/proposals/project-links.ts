import { AppError, isUuid, type Actor, type ProposalDto } from '#shared';
import type { Database } from '../../data/database';
import { findPriorityProjectsByIds } from '../../data/repositories/priority-projects-repository';
import { appendHistoryEntry } from '../../data/repositories/proposal-history-repository';
import {
  addProjectLinks,
  getProposalRowById,
  removeProjectLinks,
} from '../../data/repositories/proposals-repository';
import type { Notifier } from '../../notifications/notification-port';
import { notifyProjectLinkChanged } from '../../notifications/proposal-notifications';
import { requireOffice } from './proposal-access';
import { loadProposal } from './proposal-reads';

export interface ProjectLinkCommand {
  actor: Actor;
  proposalId: string;
  projectId: string;
  comment?: string | null;
}

const projectNotFound = (projectId: string) =>
  new AppError('NOT_FOUND', {
    message: `Priority project ${projectId} not found`,
    userMessage: '重点案件が見つかりません。',
  });

/**
 * Links a proposal to a priority project (idempotent: an existing link changes nothing, writes no
 * history and notifies nobody). Links are not part of the proposal's version. A new link is recorded
 * in the history and the proposers are told, in the same transaction.
 */
export const linkProposalToProject = async (
  db: Database,
  command: ProjectLinkCommand,
  notifier?: Notifier,
): Promise<{ proposal: ProposalDto; changed: boolean }> => {
  requireOffice(command.actor, 'Linking');
  return db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    const [project] = isUuid(command.projectId)
      ? await findPriorityProjectsByIds(tx, [command.projectId])
      : [];
    if (!project) throw projectNotFound(command.projectId);
    const before = await loadProposal(tx, current.id);
    if (before.priorityProjectIds.includes(command.projectId)) return { proposal: before, changed: false };
    await addProjectLinks(tx, current.id, [command.projectId], command.actor.userId);
    const historyId = await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'linked',
      changes: { priorityProjectId: { from: null, to: command.projectId } },
      comment: command.comment ?? null,
    });
    const proposal = await loadProposal(tx, current.id);
    if (notifier)
      await notifyProjectLinkChanged(tx, notifier, { proposal, project, linked: true, historyId });
    return { proposal, changed: true };
  });
};

/** Removes a proposal's link to a priority project (idempotent, recorded and notified like linking). */
export const unlinkProposalFromProject = async (
  db: Database,
  command: ProjectLinkCommand,
  notifier?: Notifier,
): Promise<{ proposal: ProposalDto; changed: boolean }> => {
  requireOffice(command.actor, 'Unlinking');
  return db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    const before = await loadProposal(tx, current.id);
    if (!before.priorityProjectIds.includes(command.projectId)) return { proposal: before, changed: false };
    const [project] = await findPriorityProjectsByIds(tx, [command.projectId]);
    await removeProjectLinks(tx, current.id, [command.projectId]);
    const historyId = await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'unlinked',
      changes: { priorityProjectId: { from: command.projectId, to: null } },
      comment: command.comment ?? null,
    });
    const proposal = await loadProposal(tx, current.id);
    // A link always names an existing project (foreign key), so `project` is there.
    if (notifier && project)
      await notifyProjectLinkChanged(tx, notifier, { proposal, project, linked: false, historyId });
    return { proposal, changed: true };
  });
};
