import { AppError, canEditContent, parseWith, ProposalEditRequestSchema, type Actor } from '#shared';
import type { Database } from '../../data/database';
import { findCategory } from '../../data/repositories/master-data-repository';
import { appendHistoryEntry } from '../../data/repositories/proposal-history-repository';
import {
  getProposalRowById,
  updateProposalIfVersion,
  type ProposalPatch,
} from '../../data/repositories/proposals-repository';
import { requireVisible, versionConflict } from './proposal-access';
import { diffProposal, type ProposalChangeResult } from './proposal-change';
import { loadProposal } from './proposal-reads';

export interface EditProposalCommand {
  actor: Actor;
  proposalId: string;
  /** The fields as the API or the card sent them, with the version the proposer saw. */
  input: unknown;
}

/**
 * The proposer corrects title, body or category while the proposal is still 受付 (once the office
 * has started on it, a correction goes through the office). One version check, one update, one
 * history entry (「内容の更新」, with before and after), one transaction.
 */
export const editProposalContent = async (
  db: Database,
  command: EditProposalCommand,
): Promise<ProposalChangeResult> => {
  const { version, ...fields } = parseWith(ProposalEditRequestSchema, command.input);
  return db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    requireVisible(command.actor, await loadProposal(tx, current.id));
    if (current.proposerId !== command.actor.userId) {
      throw new AppError('FORBIDDEN', { userMessage: '提案の修正は提案者本人のみが行えます。' });
    }
    if (current.version !== version) throw versionConflict();
    if (!canEditContent(current.status)) {
      throw new AppError('INVALID_TRANSITION', {
        userMessage: '推進室が検討を始めた提案は修正できません。修正が必要な場合は推進室にご連絡ください。',
      });
    }
    if (fields.category !== undefined && fields.category !== current.category) {
      // A new choice must be a category on offer; the one already chosen may stay even if retired.
      if (!(await findCategory(tx, fields.category))?.isActive) {
        throw new AppError('VALIDATION', {
          userMessage: '分類の値が正しくありません。',
          details: [{ path: 'category', message: '分類の値が正しくありません。' }],
        });
      }
    }
    const patch: ProposalPatch = fields;
    const changes = diffProposal(current, patch);
    if (Object.keys(changes).length === 0) {
      return { proposal: await loadProposal(tx, current.id), previousStatus: undefined, changes };
    }
    if (!(await updateProposalIfVersion(tx, current.id, version, patch))) throw versionConflict();
    await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'updated',
      changes,
    });
    return { proposal: await loadProposal(tx, current.id), previousStatus: undefined, changes };
  });
};
