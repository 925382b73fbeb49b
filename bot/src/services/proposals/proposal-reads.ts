import {
  searchTerms,
  statusesInGroup,
  tokyoDate,
  tokyoMonthRange,
  unsetDivisionFilter,
  type Actor,
  type ProposalDto,
  type ProposalExportParams,
  type ProposalHistoryEntryDto,
} from '#shared';
import type { Database, Executor } from '../../data/database';
import { loadProposalDtos } from '../../data/repositories/proposal-dtos-repository';
import { findHistory } from '../../data/repositories/proposal-history-repository';
import type { ProposalListFilter } from '../../data/repositories/proposal-list-filter';
import {
  findProposalByClientRequestId,
  findProposalPage,
  getProposalRowById,
  type ProposalPageRequest,
} from '../../data/repositories/proposals-repository';
import { historyAsSeenBy } from './history-access';
import {
  audienceOf,
  proposalNotFound,
  requireVisible,
  sharedAudienceFilter,
  visibilityOf,
} from './proposal-access';
import { queueFilterOf } from './proposal-queues';

/**
 * A proposal's DTO, whoever asks (callers apply the visibility rule); with `viewerId`, whether that
 * person supports and follows it.
 */
export const loadProposal = async (db: Executor, id: string, viewerId?: string): Promise<ProposalDto> => {
  const [dto] = await loadProposalDtos(db, [id], viewerId);
  if (!dto) throw proposalNotFound(id);
  return dto;
};

/** One proposal, if the actor may see it; NOT_FOUND otherwise. */
export const getProposal = async (db: Database, actor: Actor, id: string): Promise<ProposalDto> =>
  requireVisible(actor, await loadProposal(db, (await getProposalRowById(db, id)).id, actor.userId));

export const getProposalHistory = async (
  db: Database,
  actor: Actor,
  id: string,
): Promise<ProposalHistoryEntryDto[]> => {
  const audience = audienceOf(await getProposal(db, actor, id));
  const rows = await findHistory(db, id);
  return historyAsSeenBy(actor, audience, rows);
};

/** The filters of the list and the export, as the API takes them. */
export type ProposalFilterParams = Partial<ProposalExportParams>;

/**
 * The one translation of the API's filters into a query filter, for the list, the bot's 自分の提案 and
 * the export alike: `mine` is the actor's own proposals (proposed or co-proposed), `q` the search terms, and the actor's
 * visibility always applies.
 */
export const proposalFilterOf = (
  actor: Actor,
  params: ProposalFilterParams,
  now: Date = new Date(),
): ProposalListFilter => {
  const visibleTo = visibilityOf(actor);
  return {
    ...(params.fiscalYear !== undefined ? { fiscalYear: params.fiscalYear } : {}),
    ...(params.status?.length ? { statuses: params.status } : {}),
    ...(params.category ? { category: params.category } : {}),
    ...(params.proposerDivisionId
      ? {
          proposerDivisionId:
            params.proposerDivisionId === unsetDivisionFilter ? null : params.proposerDivisionId,
        }
      : {}),
    ...(params.responsibleDivisionId ? { responsibleDivisionId: params.responsibleDivisionId } : {}),
    ...(params.priorityProjectId ? { priorityProjectId: params.priorityProjectId } : {}),
    ...(params.mine ? { authorId: actor.userId } : {}),
    ...(params.q ? { terms: searchTerms(params.q) } : {}),
    ...(params.queue ? { queue: queueFilterOf(actor, params.queue, now) } : {}),
    ...(visibleTo ? { visibleTo } : {}),
  };
};

export const listProposals = async (
  db: Database,
  actor: Actor,
  params: ProposalFilterParams,
  page: ProposalPageRequest,
): Promise<{ items: ProposalDto[]; total: number; page: number; pageSize: number }> => {
  const { ids, total } = await findProposalPage(db, proposalFilterOf(actor, params), page);
  return {
    items: await loadProposalDtos(db, ids, actor.userId),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
};

/**
 * The proposal the actor's card request already created, if any (a retried or double-clicked
 * submission). Request ids are the proposer's own: someone else's id finds nothing.
 */
export const findProposalByRequestId = async (
  db: Database,
  actor: Actor,
  requestId: string,
): Promise<ProposalDto | undefined> => {
  const existing = await findProposalByClientRequestId(db, actor.userId, requestId);
  return existing ? loadProposal(db, existing.id) : undefined;
};

/**
 * 今月の実現: proposals realised (or settled) this month in Tokyo, of one division or of all, for a
 * channel or group chat — so, by the shared-audience rule, published ones only. Newest first.
 */
export const listRealisedThisMonth = async (
  db: Database,
  options: { divisionId: string | null; now: Date; limit: number },
): Promise<{ items: ProposalDto[]; total: number; year: number; month: number }> => {
  const { year, month } = tokyoDate(options.now);
  const { start, end } = tokyoMonthRange(year, month);
  const { ids, total } = await findProposalPage(
    db,
    {
      ...sharedAudienceFilter(),
      statuses: statusesInGroup('realised'),
      realisedFrom: start,
      realisedBefore: end,
      ...(options.divisionId ? { proposerDivisionId: options.divisionId } : {}),
    },
    { page: 1, pageSize: options.limit, sort: 'updatedAt', direction: 'desc' },
  );
  return { items: await loadProposalDtos(db, ids), total, year, month };
};
