import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';

/** The card tests rely on "no problems" meaning something: the validator must catch mistakes. */
const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  msteams: { width: 'Full' },
  body,
  ...extra,
});
const peoplePicker = {
  type: 'Input.ChoiceSet',
  id: 'people',
  label: '宛先',
  isMultiSelect: true,
  choices: [],
  'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
};
const eventsOf = (json: unknown) => validateAdaptiveCard(json).map((problem) => problem.event);

describe('validateAdaptiveCard', () => {
  it('accepts a valid card, including the Teams people picker', () => {
    expect(
      validateAdaptiveCard(card([{ type: 'TextBlock', text: 'こんにちは', wrap: true }, peoplePicker])),
    ).toEqual([]);
  });

  it('allows the people picker events only on inputs that carry choices.data', () => {
    expect(eventsOf(card([{ type: 'Input.ChoiceSet', id: 'a', label: 'a', choices: [] }]))).toContain(
      'CollectionCantBeEmpty',
    );
  });

  it.each([
    ['an unknown element', [{ type: 'Input.Rating', id: 'r' }], 'UnknownElementType'],
    ['an invalid value', [{ type: 'TextBlock', text: 'x', color: 'Red' }], 'InvalidPropertyValue'],
    ['a misspelt property', [{ type: 'TextBlock', text: 'x', colour: 'Good' }], 'DroppedProperty'],
    ['a default written out', [{ type: 'TextBlock', text: 'x', spacing: 'Default' }], 'DroppedProperty'],
    [
      'a duplicate id',
      [
        { type: 'Input.Text', id: 'a', label: 'a' },
        { type: 'Input.Text', id: 'a', label: 'b' },
      ],
      'DuplicateId',
    ],
    [
      'a required input without label',
      [{ type: 'Input.Text', id: 'a', isRequired: true, errorMessage: 'e' }],
      'RequiredInputsShouldHaveLabel',
    ],
    [
      'a required input without error message',
      [{ type: 'Input.Text', id: 'a', isRequired: true, label: 'a' }],
      'RequiredInputsShouldHaveErrorMessage',
    ],
    [
      'a 1.6 property',
      [{ type: 'Input.Text', id: 'a', label: 'a', labelPosition: 'inline' }],
      'UnsupportedProperty',
    ],
  ])('reports %s', (_name, body, event) => {
    expect(eventsOf(card(body))).toContain(event);
  });

  it('reports too many actions for Teams', () => {
    const actions = Array.from({ length: 7 }, (_, i) => ({
      type: 'Action.Execute',
      title: `a${i}`,
      verb: 'a.b',
    }));
    expect(eventsOf(card([{ type: 'TextBlock', text: 'x' }], { actions }))).toContain('TooManyActions');
  });

  it('reports a card above version 1.5', () => {
    expect(eventsOf(card([{ type: 'Carousel', pages: [] }]))).toContain('UnknownElementType');
  });
});
