/**
 * Adaptive Card JSON as plain data. Builders in this folder return these; only the Teams adapter turns
 * them into Bot Framework attachments. Teams renders schema 1.5 for bot cards.
 */
export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & {
  type: 'Action.Execute' | 'Action.OpenUrl' | 'Action.Submit' | 'Action.ShowCard';
};

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width?: 'Full' };
  /** Universal Actions: lets Teams refresh the card per user. Unused for now. */
  refresh?: Record<string, unknown>;
}

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';
