import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stampLimits } from '#shared';
import { stampFormCard } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { manyKinds, requestId, stampInput, wide } from '../../helpers/card-fixtures';
import { flatBody, inputById, inputsOf, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  ['stamp form', () => stampFormCard(stampInput())],
  [
    'stamp form, known colleagues',
    () =>
      stampFormCard(
        stampInput({
          peoplePicker: false,
          fallbackRecipients: [
            { id: 'u1', label: '周南 花子（総務課）' },
            { id: 'u2', label: '下関 次郎（人事課）' },
          ],
        }),
      ),
  ],
  ['stamp form, nobody to choose', () => stampFormCard(stampInput({ peoplePicker: false }))],
  ['stamp form, no kinds', () => stampFormCard(stampInput({ kinds: [] }))],
  [
    'stamp form, worst case',
    () => {
      const recipients = Array.from({ length: stampLimits.recipients }, () => ({
        id: randomUUID(),
        name: wide(40),
      }));
      return stampFormCard(
        stampInput({
          kinds: manyKinds,
          recipients,
          values: {
            recipientIds: recipients.map((r) => r.id).join(','),
            kindCode: 'kind-3',
            message: wide(stampLimits.message),
          },
          errors: [
            { field: 'recipientIds', message: '宛先は一度に20人までです。' },
            { field: 'kindCode', message: 'スタンプを選んでください。' },
            { field: 'message', message: 'メッセージは200文字以内で入力してください。' },
          ],
        }),
      );
    },
  ],
  [
    'stamp form, worst case with 100 known colleagues',
    () =>
      stampFormCard(
        stampInput({
          kinds: manyKinds,
          peoplePicker: false,
          fallbackRecipients: Array.from({ length: 100 }, () => ({ id: randomUUID(), label: wide(20) })),
        }),
      ),
  ],
];

describe('stampFormCard', () => {
  itIsAWellFormedCard(cases);

  it('offers the people picker, the kinds with emoji and a short message', () => {
    const card = stampFormCard(stampInput());
    expect(inputsOf(card).map((input) => input.id)).toEqual(['recipientIds', 'kindCode', 'message', 'about']);
    expect(inputById(card, 'recipientIds')).toMatchObject({
      isMultiSelect: true,
      isRequired: true,
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    const kinds = inputById(card, 'kindCode')!;
    expect(kinds.style).toBe('expanded');
    expect(kinds.choices).toContainEqual({ title: '🙏 ありがとう', value: 'thanks' });
    expect(kinds.choices).toContainEqual({ title: '💬 1on1しませんか', value: 'one-on-one' });
    expect(kinds.value).toBe('thanks');
    expect(inputById(card, 'message')).toMatchObject({ isMultiline: true, maxLength: 200 });
    expect(card.actions).toEqual([
      expect.objectContaining({
        title: '送る',
        verb: 'stamp.send',
        data: { requestId },
        associatedInputs: 'auto',
      }),
    ]);
  });

  it('uses a drop-down for many kinds', () => {
    const card = stampFormCard(stampInput({ kinds: manyKinds }));
    expect(inputById(card, 'kindCode')?.style).toBeUndefined();
    expect((inputById(card, 'kindCode')?.choices as unknown[]).length).toBe(manyKinds.length);
  });

  it('offers known colleagues when the people picker is unavailable', () => {
    const card = stampFormCard(
      stampInput({ peoplePicker: false, fallbackRecipients: [{ id: 'u1', label: '周南 花子（総務課）' }] }),
    );
    const recipients = inputById(card, 'recipientIds')!;
    expect(recipients).toMatchObject({
      style: 'filtered',
      isMultiSelect: true,
      choices: [{ title: '周南 花子（総務課）', value: 'u1' }],
    });
    expect(recipients).not.toHaveProperty('choices.data');
  });

  it('keeps values and shows errors', () => {
    const card = stampFormCard(
      stampInput({
        values: { recipientIds: 'a1,a2', kindCode: 'nice', message: '**ありがとう**' },
        errors: { recipientIds: '自分自身にはスタンプを送れません。' },
      }),
    );
    expect(inputById(card, 'recipientIds')?.value).toBe('a1,a2');
    expect(inputById(card, 'kindCode')?.value).toBe('nice');
    expect(inputById(card, 'message')?.value).toBe('**ありがとう**');
    const body = flatBody(card);
    expect(body[body.findIndex((element) => element.id === 'recipientIds') + 1]).toMatchObject({
      text: '自分自身にはスタンプを送れません。',
      color: 'Attention',
    });
  });

  it('offers no send button when there is nothing to send or nobody to send to', () => {
    expect(stampFormCard(stampInput({ kinds: [] })).actions).toBeUndefined();
    expect(stampFormCard(stampInput({ peoplePicker: false })).actions).toBeUndefined();
    expect(visibleText(stampFormCard(stampInput({ peoplePicker: false })))).toContain(
      '選べる宛先がまだありません',
    );
  });

  it('does not preselect a kind that is no longer offered', () => {
    const card = stampFormCard(stampInput({ values: { kindCode: 'retired' } }));
    expect(inputById(card, 'kindCode')?.value).toBe('thanks');
  });
});
