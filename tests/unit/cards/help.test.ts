import { describe, expect, it } from 'vitest';
import { helpCard } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { executeActionsOf, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [['help', () => helpCard()]];

describe('helpCard', () => {
  itIsAWellFormedCard(cases);

  const menu = ['proposal.form', 'stamp.form', 'proposal.mine', 'help.show'];

  it('lists the chat commands in Japanese and English', () => {
    const card = helpCard();
    const text = visibleText(card);
    for (const command of ['提案 / propose', 'スタンプ / stamp', '自分の提案 / my', 'ヘルプ / help']) {
      expect(text).toContain(command);
    }
    expect(executeActionsOf(card).map((action) => action.verb)).toEqual(menu);
  });
});
