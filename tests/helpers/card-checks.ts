import { expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { cardVerbs } from '../../bot/src/cards/index';
import { cardSizeBytes, cardSizeLimitBytes, validateAdaptiveCard } from './adaptive-card-validator';
import {
  executeActionsOf,
  inputsOf,
  markdownTextsOf,
  openUrlsOf,
  renderedText,
  unescapedMarkdown,
} from './card-inspection';

/** A card builder's call under a name, e.g. `['stamp form, worst case', () => stampFormCard(…)]`. */
export type CardCase = [name: string, build: () => AdaptiveCard];

/**
 * What every card must be, checked for each of a builder's cases (realistic and worst-case data):
 * a valid Adaptive Card 1.5 for Teams under 28 KB; known `noun.verb` verbs, with a requestId on the
 * actions that create something and the inputs sent along; and only plain text shown.
 */
export const itIsAWellFormedCard = (cases: CardCase[]) => {
  it.each(cases)('%s: valid Adaptive Card 1.5 for Teams, under 28 KB', (_name, build) => {
    const card = build();
    expect(card.version).toBe('1.5');
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardSizeBytes(card)).toBeLessThan(cardSizeLimitBytes);
  });

  it.each(cases)('%s: verbs are known `noun.verb`s; creating actions carry a requestId', (_name, build) => {
    const card = build();
    for (const action of executeActionsOf(card)) {
      expect(cardVerbs).toContain(action.verb);
      expect(action.verb).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      if (
        ['proposal.submit', 'proposal.check', 'stamp.send', 'stamp.reply', 'user.setDivision'].includes(
          action.verb,
        )
      ) {
        expect(typeof action.data?.requestId).toBe('string');
        expect((action.data!.requestId as string).length).toBeGreaterThanOrEqual(8);
      }
      // A card with inputs sends them with every action that needs them; opening the proposal form
      // (the division picker's way past itself) needs none, so a required input cannot hold it back.
      if (inputsOf(card).length > 0)
        expect(action.associatedInputs).toBe(action.verb === 'proposal.form' ? 'none' : 'auto');
    }
    for (const { url } of openUrlsOf(card)) expect(() => new URL(url)).not.toThrow();
  });

  it.each(cases)('%s: every shown text is plain (no unescaped Markdown, no template)', (_name, build) => {
    for (const text of markdownTextsOf(build())) {
      expect(text).not.toMatch(unescapedMarkdown);
      expect(text).not.toMatch(/^[#>+=-]|\n[#>+=-]/);
    }
  });
};

/** User text shows literally: some shown text renders to exactly `text`, and the card has no template. */
export const expectShownLiterally = (card: AdaptiveCard, text: string) => {
  expect(markdownTextsOf(card).map(renderedText)).toContain(text);
  expect(JSON.stringify(card)).not.toContain('${');
};
