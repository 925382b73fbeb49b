import { describe, expect, it } from 'vitest';
import { errorCard } from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { injection, marked } from '../../helpers/card-fixtures';
import { visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  ['error', () => errorCard({ message: '対象が見つかりません。' })],
  [
    'error with retry',
    () => errorCard({ message: marked(500), retryVerb: 'proposal.mine', data: { page: 2 } }),
  ],
];

describe('errorCard', () => {
  itIsAWellFormedCard(cases);

  it('shows the message literally', () => {
    expectShownLiterally(errorCard({ message: injection }), injection);
  });

  it('shows the message, with a retry only when asked', () => {
    const plain = errorCard({ message: 'この操作には対応していません。' });
    expect(visibleText(plain)).toContain('この操作には対応していません。');
    expect(plain.actions).toBeUndefined();
    const retry = errorCard({ message: '混み合っています。', retryVerb: 'proposal.mine', data: { page: 2 } });
    expect(retry.actions).toEqual([
      expect.objectContaining({ title: 'もう一度試す', verb: 'proposal.mine', data: { page: 2 } }),
    ]);
  });
});
