import type { AdaptiveCard } from '../cards/adaptive-card';
import type { TurnOutcome } from './activity';
import type { Turn } from './conversation-context';

/** In a card action the new card replaces the old one; after a text command it is a new message. */
export const respond = (turn: Turn, card: AdaptiveCard): TurnOutcome =>
  turn.activity.kind === 'cardAction' ? { replies: [], cardResponse: card } : { replies: [{ card }] };
