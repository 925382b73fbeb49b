import { proposalStatusLabels } from '#shared';
import { proposalDeepLink, realisedThisMonthCard } from '../../cards/index';
import { getDivisionChoices } from '../../services/catalog/catalog';
import { listRealisedThisMonth } from '../../services/proposals/proposal-reads';
import type { TurnOutcome } from '../activity';
import type { Turn } from '../conversation-context';

const shownItems = 10;

/**
 * 「今月の実現」 (in a channel: 「@職員提案 今月の実現」): the proposals of the asker's division realised
 * this month, posted for everyone there — published ones only (services' shared-audience rule).
 * Without a division, the whole organisation's.
 */
export const showRealisedThisMonth = async (turn: Turn): Promise<TurnOutcome> => {
  const now = turn.deps.now?.() ?? new Date();
  const divisionId = turn.user.divisionId;
  const [result, divisions] = await Promise.all([
    listRealisedThisMonth(turn.deps.db, { divisionId, now, limit: shownItems }),
    divisionId ? getDivisionChoices(turn.deps.db) : Promise.resolve([]),
  ]);
  const card = realisedThisMonthCard({
    monthLabel: `${result.year}年${result.month}月`,
    divisionName: divisions.find((division) => division.value === divisionId)?.label,
    items: result.items.map((proposal) => ({
      number: proposal.number,
      title: proposal.title,
      statusLabel: proposalStatusLabels[proposal.status],
      deepLink: proposalDeepLink({ ...turn.deps.links, proposalId: proposal.id }),
    })),
    total: result.total,
  });
  return { replies: [{ card, summary: `${result.year}年${result.month}月の実現` }] };
};
