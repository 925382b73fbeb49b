import {
  acceptsAdoptions,
  adoptionStateLabels,
  AdoptionRequestSchema,
  AppError,
  isUuid,
  parseWith,
  proposalStatusLabels,
  tokyoIsoDate,
  type Actor,
  type ProposalAdoptionsDto,
  type ProposalDto,
} from '#shared';
import type { Database, Executor } from '../../data/database';
import { appendMasterDataChange } from '../../data/repositories/master-data-changes-repository';
import {
  deleteAdoption,
  findActiveDivisions,
  findAdoptionForUpdate,
  findAdoptionsOfProposal,
  upsertAdoption,
  type AdoptionWithNames,
} from '../../data/repositories/proposal-adoptions-repository';
import { getProposalRowById } from '../../data/repositories/proposals-repository';
import { getUserById } from '../../data/repositories/users-repository';
import type { ProposalAdoptionRow } from '../../data/schema/index';
import { notifyProposalAdopted } from '../../notifications/adoption-notifications';
import type { Notifier } from '../../notifications/notification-port';
import { queueFollowerUpdate } from '../engagement/follower-updates';
import { requireActiveDivision } from '../organisation/org-access';
import { requireVisible } from '../proposals/proposal-access';
import { loadProposal } from '../proposals/proposal-reads';
import { recordableDivisionIdsOf, requireRecordAdoptionFor, type AdoptionRecorder } from './adoption-access';

/**
 * 横展開: divisions record that they adopted (or are considering) a realised proposal. Reads follow
 * the proposal's visibility; records are accepted on 実現完了, published proposals only, from the
 * people adoption-access.ts names; every change is audited (master_data_changes, entity
 * 'proposal_adoption') in its own transaction, and 「導入した」 tells the proposers
 * (notifications/adoption-notifications.ts).
 */

/** The audit trail's entity name for these records. */
export const adoptionAuditEntity = 'proposal_adoption';

/** The proposal, if the actor may see it (NOT_FOUND otherwise). */
const visibleProposal = async (db: Executor, actor: Actor, proposalId: string): Promise<ProposalDto> =>
  requireVisible(actor, await loadProposal(db, (await getProposalRowById(db, proposalId)).id));

/** Whether a proposal accepts records now: 実現完了 and published. */
const isOpenForAdoptions = (proposal: Pick<ProposalDto, 'status' | 'isPublished'>): boolean =>
  acceptsAdoptions(proposal.status) && proposal.isPublished;

const requireOpen = (proposal: ProposalDto): void => {
  if (!isOpenForAdoptions(proposal)) {
    throw new AppError('INVALID_TRANSITION', {
      message: `Proposal ${proposal.id} (${proposal.status}, published=${proposal.isPublished}) accepts no adoptions`,
      userMessage: proposal.isPublished
        ? `横展開は実現完了の提案だけに登録できます（この提案は「${proposalStatusLabels[proposal.status]}」です）。`
        : '横展開は公開された実現完了の提案だけに登録できます。',
    });
  }
};

const recorderOf = async (db: Executor, actor: Actor): Promise<AdoptionRecorder> => ({
  actor,
  divisionId: (await getUserById(db, actor.userId)).divisionId,
});

const divisionNotFound = (divisionId: string): AppError =>
  new AppError('NOT_FOUND', {
    message: `Division ${divisionId} not found`,
    userMessage: '課が見つかりません。',
  });

const snapshot = (row: ProposalAdoptionRow | undefined): Record<string, unknown> | null =>
  row
    ? {
        proposalId: row.proposalId,
        divisionId: row.divisionId,
        state: row.state,
        note: row.note,
        adoptedOn: row.adoptedOn,
        recordedBy: row.recordedBy,
      }
    : null;

const adoptionDto = (row: AdoptionWithNames): ProposalAdoptionsDto['items'][number] => ({
  id: row.id,
  proposalId: row.proposalId,
  division: { id: row.divisionId, name: row.divisionName },
  state: row.state,
  stateLabel: adoptionStateLabels[row.state],
  note: row.note,
  adoptedOn: row.adoptedOn,
  recordedBy: row.recordedBy ? { id: row.recordedBy, displayName: row.recordedByName ?? '' } : null,
  updatedAt: row.updatedAt.toISOString(),
});

const adoptionsDto = async (
  db: Executor,
  proposal: ProposalDto,
  recorder: AdoptionRecorder,
): Promise<ProposalAdoptionsDto> => {
  const rows = await findAdoptionsOfProposal(db, proposal.id);
  const open = isOpenForAdoptions(proposal);
  return {
    open,
    items: rows.map(adoptionDto),
    recordableDivisions: open ? await findActiveDivisions(db, recordableDivisionIdsOf(recorder)) : [],
    adoptedCount: rows.filter((row) => row.state === 'adopted').length,
    consideringCount: rows.filter((row) => row.state === 'considering').length,
  };
};

/** `GET /api/proposals/:id/adoptions`: the divisions that adopted it or consider it. */
export const getProposalAdoptions = async (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalAdoptionsDto> => {
  const proposal = await visibleProposal(db, actor, proposalId);
  return adoptionsDto(db, proposal, await recorderOf(db, actor));
};

export interface RecordAdoptionCommand {
  actor: Actor;
  proposalId: string;
  divisionId: string;
  request: unknown;
  now?: Date;
}

/**
 * `PUT /api/proposals/:id/adoptions/:divisionId`: creates the division's record or updates it
 * (considering → adopted, the note, the date). The date defaults to today and cannot be in the future.
 * A record that becomes 「導入した」 tells the proposers, once per record.
 */
export const recordAdoption = async (
  db: Database,
  command: RecordAdoptionCommand,
  notifier?: Notifier,
): Promise<ProposalAdoptionsDto> => {
  const input = parseWith(AdoptionRequestSchema, command.request);
  const today = tokyoIsoDate(command.now ?? new Date());
  const adoptedOn = input.adoptedOn ?? today;
  if (adoptedOn > today) {
    throw new AppError('VALIDATION', {
      userMessage: '導入日に未来の日付は指定できません。',
      details: [{ path: 'adoptedOn', message: '導入日に未来の日付は指定できません。' }],
    });
  }
  if (!isUuid(command.divisionId)) throw divisionNotFound(command.divisionId);
  return db.transaction(async (tx) => {
    const proposal = await visibleProposal(tx, command.actor, command.proposalId);
    const recorder = await recorderOf(tx, command.actor);
    requireRecordAdoptionFor(recorder, command.divisionId);
    requireOpen(proposal);
    const division = await requireActiveDivision(tx, command.divisionId);
    const before = await findAdoptionForUpdate(tx, proposal.id, division.id);
    const after = await upsertAdoption(tx, {
      proposalId: proposal.id,
      divisionId: division.id,
      state: input.state,
      note: input.note ?? null,
      adoptedOn,
      recordedBy: command.actor.userId,
    });
    await appendMasterDataChange(tx, {
      entity: adoptionAuditEntity,
      entityKey: after.id,
      action: before ? 'update' : 'create',
      actorId: command.actor.userId,
      before: snapshot(before),
      after: snapshot(after),
    });
    const dto = await adoptionsDto(tx, proposal, recorder);
    if (notifier && after.state === 'adopted' && before?.state !== 'adopted') {
      await notifyProposalAdopted(tx, notifier, {
        proposal,
        adoptionId: after.id,
        division: { id: division.id, name: division.name },
        adoptedOn: after.adoptedOn,
        note: after.note,
        adoptedCount: dto.adoptedCount,
        recordedBy: command.actor.userId,
      });
      // Followers hear of it by their preference; the proposers have the card above.
      await queueFollowerUpdate(
        tx,
        {
          proposalId: proposal.id,
          kind: 'adoption',
          summary: `${division.name}が「うちの課でも導入した」と記録しました`,
          actorUserId: command.actor.userId,
        },
        notifier,
      );
    }
    return dto;
  });
};

/** `DELETE /api/proposals/:id/adoptions/:divisionId`: the division withdraws its record (audited). */
export const removeAdoption = async (
  db: Database,
  actor: Actor,
  proposalId: string,
  divisionId: string,
): Promise<ProposalAdoptionsDto> => {
  if (!isUuid(divisionId)) throw divisionNotFound(divisionId);
  return db.transaction(async (tx) => {
    const proposal = await visibleProposal(tx, actor, proposalId);
    const recorder = await recorderOf(tx, actor);
    requireRecordAdoptionFor(recorder, divisionId);
    const removed = await deleteAdoption(tx, proposal.id, divisionId);
    if (!removed) {
      throw new AppError('NOT_FOUND', {
        message: `No adoption of ${proposal.id} by ${divisionId}`,
        userMessage: 'この課の横展開の登録は見つかりません。',
      });
    }
    await appendMasterDataChange(tx, {
      entity: adoptionAuditEntity,
      entityKey: removed.id,
      action: 'delete',
      actorId: actor.userId,
      before: snapshot(removed),
      after: null,
    });
    return adoptionsDto(tx, proposal, recorder);
  });
};
