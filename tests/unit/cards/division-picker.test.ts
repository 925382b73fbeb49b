import { describe, expect, it } from 'vitest';
import { divisionPickerCard } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { divisions, requestId } from '../../helpers/card-fixtures';
import { inputById, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  ['division picker', () => divisionPickerCard({ requestId, divisions: divisions(30) })],
  [
    'division picker, 250 divisions',
    () => divisionPickerCard({ requestId, divisions: divisions(250), current: undefined }),
  ],
];

describe('divisionPickerCard', () => {
  itIsAWellFormedCard(cases);

  it('asks once for the division and sends it with the request id', () => {
    const card = divisionPickerCard({
      requestId,
      divisions: [
        { id: 'd1', label: '人事課' },
        { value: 'd2', label: '総務課' },
      ],
      current: 'd2',
    });
    expect(visibleText(card)).toContain('所属を選んでください');
    expect(inputById(card, 'divisionId')).toMatchObject({
      isRequired: true,
      value: 'd2',
      choices: [
        { title: '人事課', value: 'd1' },
        { title: '総務課', value: 'd2' },
      ],
    });
    expect(card.actions).toEqual([
      expect.objectContaining({ verb: 'user.setDivision', data: { requestId }, associatedInputs: 'auto' }),
      // Not listed: go on without a division, the required list left behind.
      expect.objectContaining({
        verb: 'proposal.form',
        data: { skipDivision: 'true' },
        associatedInputs: 'none',
      }),
    ]);
  });
});
