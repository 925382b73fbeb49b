import type { AdaptiveCard } from '../cards/adaptive-card';

/** One message into a Teams conversation: a reply in the turn or a proactive notification. */
export interface OutgoingMessage {
  card?: AdaptiveCard;
  text?: string;
  /** Notification preview text in Teams' activity feed. */
  summary?: string;
}
