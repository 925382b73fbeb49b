// The dashboard's 横展開 section: records dated in the fiscal year, per proposal (top N) and per division.
import {
  fiscalYearLabel,
  fiscalYearOf,
  parseWith,
  AdoptionDashboardQuerySchema,
  type Actor,
  type AdoptionDashboardDto,
} from '#shared';
import type { Database } from '../../data/database';
import { aggregateAdoptions } from '../../data/repositories/proposal-adoptions-repository';
import { visibilityOf } from '../proposals/proposal-access';

/** Proposals listed one by one when the query names no number. */
export const dashboardTopAdoptedProposals = 10;

/**
 * 横展開 of a fiscal year (April–March, by `adopted_on`): totals, the most adopted proposals and every
 * division's records. One grouped statement; proposals the viewer may not see are not counted.
 */
export const getAdoptionDashboard = async (
  db: Database,
  actor: Actor,
  query: unknown,
  now: Date = new Date(),
): Promise<AdoptionDashboardDto> => {
  const input = parseWith(AdoptionDashboardQuerySchema, query);
  const fiscalYear = input.fiscalYear ?? fiscalYearOf(now);
  const rows = await aggregateAdoptions(
    db,
    { from: `${fiscalYear}-04-01`, until: `${fiscalYear + 1}-04-01` },
    input.top ?? dashboardTopAdoptedProposals,
    visibilityOf(actor),
  );
  const total = rows.find((row) => row.dimension === 'total');
  const proposals = rows.filter((row) => row.dimension === 'proposal');
  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    total: { adopted: total?.adopted ?? 0, considering: total?.considering ?? 0 },
    proposalCount: proposals[0]?.of_dimension ?? 0,
    byProposal: proposals.map((row) => ({
      proposalId: row.proposal_id!,
      number: row.number ?? '',
      title: row.title ?? '',
      responsibleDivisionName: row.responsible_division_name,
      adopted: row.adopted,
      considering: row.considering,
    })),
    byDivision: rows
      .filter((row) => row.dimension === 'division')
      .map((row) => ({
        divisionId: row.division_id!,
        label: row.division_name ?? '',
        adopted: row.adopted,
        considering: row.considering,
      })),
  };
};
