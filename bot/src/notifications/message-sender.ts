import type { OutgoingMessage } from './outgoing-message';

/**
 * How a proactive send ended, classified the way large Teams broadcasters do:
 * throttled → wait Retry-After and slow down; blocked (403: user blocked the bot, bot disabled) →
 * undeliverable, never retried; not_found (404: conversation gone) → reference inactive; failed with
 * retryable (5xx, 412, network) → exponential backoff, then dead letter.
 */
export type SendResult =
  | { outcome: 'sent'; activityId: string | null }
  | { outcome: 'throttled'; retryAfterMs: number }
  | { outcome: 'blocked'; status: number }
  | { outcome: 'not_found'; status: number }
  | { outcome: 'failed'; retryable: boolean; status: number | null; reason: string };

/** Sends a message into a stored conversation. Implemented by the Teams adapter. */
export interface MessageSender {
  send(reference: Record<string, unknown>, message: OutgoingMessage): Promise<SendResult>;
}
