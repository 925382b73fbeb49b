import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { plainText } from './text';
import type { CardVerb } from './verbs';

/** The small vocabulary the card builders share. Every text goes through `plainText`. */

export type Spacing = 'None' | 'Small' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
export type TextColor = 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type ContainerStyle = 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

export interface TextOptions {
  size?: 'Small' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Bolder';
  color?: TextColor;
  isSubtle?: boolean;
  horizontalAlignment?: 'Center' | 'Right';
  maxLines?: number;
  spacing?: Spacing;
  separator?: boolean;
}

export interface LayoutOptions {
  spacing?: Spacing;
  separator?: boolean;
}

/** A card with the schema Teams renders for bots; `fullWidth` uses the whole conversation width. */
export const adaptiveCard = (
  body: CardElement[],
  options: { actions?: CardAction[]; fullWidth?: boolean } = {},
): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(options.actions?.length ? { actions: options.actions } : {}),
  ...(options.fullWidth ? { msteams: { width: 'Full' } } : {}),
});

/** A wrapping TextBlock that shows `text` exactly as given (Markdown escaped). */
export const textBlock = (text: string, options: TextOptions = {}): CardElement => ({
  type: 'TextBlock',
  text: plainText(text),
  wrap: true,
  ...options,
});

/** The card's title, marked as a heading for screen readers. */
export const heading = (text: string, options: TextOptions = {}): CardElement => ({
  ...textBlock(text, { size: 'Large', weight: 'Bolder', ...options }),
  style: 'heading',
});

/** A smaller, bold section title. */
export const subheading = (text: string, options: TextOptions = {}): CardElement =>
  textBlock(text, { weight: 'Bolder', spacing: 'Medium', ...options });

/** Label/value pairs; values are data and shown as plain text. Empty values are left out. */
export const factSet = (
  facts: readonly (readonly [title: string, value: string | null | undefined])[],
  options: LayoutOptions = {},
): CardElement => ({
  type: 'FactSet',
  facts: facts
    .filter((fact): fact is readonly [string, string] => Boolean(fact[1]))
    .map(([title, value]) => ({ title: plainText(title), value: plainText(value) })),
  ...options,
});

export const container = (
  items: CardElement[],
  options: LayoutOptions & { style?: ContainerStyle; bleed?: boolean; selectAction?: CardAction } = {},
): CardElement => ({ type: 'Container', items, ...options });

export interface Column {
  items: CardElement[];
  width?: 'auto' | 'stretch' | `${number}px` | number;
  verticalContentAlignment?: 'Center' | 'Bottom';
}

export const columnSet = (columns: Column[], options: LayoutOptions = {}): CardElement => ({
  type: 'ColumnSet',
  columns: columns.map((column) => ({ type: 'Column', width: 'stretch', ...column })),
  ...options,
});

export const actionSet = (actions: CardAction[], options: LayoutOptions = {}): CardElement => ({
  type: 'ActionSet',
  actions,
  ...options,
});

/** Data an action carries back to the bot (next to the card's inputs, which arrive as strings). */
export type CardData = Readonly<Record<string, string | number>>;

/**
 * What a card shows, as button data the bot can rebuild the card from (see `doneLine`): base64url of
 * its JSON, so user text (`${…}` for card templating, Markdown) never sits in the card as such.
 */
export const noticeData = (view: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(view), 'utf8').toString('base64url');

/**
 * `Action.Execute`: Teams posts `adaptiveCard/action` with `verb` and `data`. Form actions pass
 * `submitsInputs` so the card's inputs travel (and are validated) with the data.
 */
export const executeAction = (
  title: string,
  verb: CardVerb,
  data?: CardData,
  /** `submitsInputs: false` sends none of the card's inputs, so a required one cannot hold it back. */
  options: { style?: 'positive' | 'destructive'; submitsInputs?: boolean } = {},
): CardAction => ({
  type: 'Action.Execute',
  title,
  verb,
  ...(data ? { data: { ...data } } : {}),
  ...(options.submitsInputs === undefined
    ? {}
    : { associatedInputs: options.submitsInputs ? 'auto' : 'none' }),
  ...(options.style ? { style: options.style } : {}),
});

/**
 * What replaces a card's buttons once one was used: a card that is a message people keep (a stamp,
 * a notification) is answered with itself in this done state, the result going out as a new message.
 */
export const doneLine = (text: string): CardElement =>
  container([textBlock(`✅ ${text}`, { weight: 'Bolder', color: 'Good' })], { spacing: 'Medium' });

export const openUrlAction = (title: string, url: string): CardAction => ({
  type: 'Action.OpenUrl',
  title,
  url,
});
