import type { AdaptiveCard } from '../cards/adaptive-card';
import type { TurnOutcome } from './activity';
import type { Turn } from './conversation-context';

/**
 * In a card action the new card replaces the old one (in a message extension's dialog it is the
 * dialog's next card); after a text command it is a new message.
 */
export const respond = (turn: Turn, card: AdaptiveCard): TurnOutcome =>
  turn.activity.kind === 'cardAction' || turn.activity.kind === 'messageExtension'
    ? { replies: [], cardResponse: card }
    : { replies: [{ card }] };
