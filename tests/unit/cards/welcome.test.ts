import { describe, expect, it } from 'vitest';
import { welcomeCard } from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { injection, marked } from '../../helpers/card-fixtures';
import { visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  ['welcome', () => welcomeCard({ displayName: '山口 太郎' })],
  ['welcome, long name with Markdown', () => welcomeCard({ displayName: marked(100) })],
];

describe('welcomeCard', () => {
  itIsAWellFormedCard(cases);

  it('shows the name literally', () => {
    expectShownLiterally(welcomeCard({ displayName: injection }), `${injection}さん、ようこそ！`);
  });

  it('greets by name and offers the four things the app does', () => {
    const card = welcomeCard({ displayName: '山口 太郎' });
    expect(visibleText(card)).toContain('山口 太郎さん');
    expect(visibleText(card)).toContain('職員提案');
    expect(visibleText(card)).toContain('アクションスタンプ');
    expect(card.actions?.map((action) => [action.title, action.verb])).toEqual([
      ['提案する', 'proposal.form'],
      ['スタンプを送る', 'stamp.form'],
      ['自分の提案', 'proposal.mine'],
      ['ヘルプ', 'help.show'],
    ]);
    expect(card.msteams).toEqual({ width: 'Full' });
  });
});
