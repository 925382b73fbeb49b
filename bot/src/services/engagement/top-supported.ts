import { topSupportedLimit, type Actor, type TopSupportedProposalsDto } from '#shared';
import type { Database } from '../../data/database';
import { findTopSupportedOpenProposals } from '../../data/repositories/engagement-repository';
import { requireOffice } from '../proposals/proposal-access';

/**
 * The dashboard's 「賛同の多い検討中の提案」: the open proposals (not yet realised, withdrawn or merged)
 * with the most supporters, for the office and admins (what to take up next).
 */
export const getTopSupportedProposals = async (
  db: Database,
  actor: Actor,
): Promise<TopSupportedProposalsDto> => {
  requireOffice(actor, 'Top supported proposals');
  return { items: await findTopSupportedOpenProposals(db, topSupportedLimit) };
};
