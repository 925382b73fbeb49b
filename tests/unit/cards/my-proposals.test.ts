import { describe, expect, it } from 'vitest';
import { proposalLimits } from '#shared';
import type { AdaptiveCard } from '../../../bot/src/cards/adaptive-card';
import { myProposalsCard } from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { injection, marked, myItem } from '../../helpers/card-fixtures';
import { executeActionsOf, markdownTextsOf, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  ['my proposals, empty', () => myProposalsCard({ items: [], page: 1, totalPages: 1, total: 0 })],
  [
    'my proposals, one page',
    () => myProposalsCard({ items: [1, 2, 3].map((i) => myItem(i)), page: 1, totalPages: 1, total: 3 }),
  ],
  [
    'my proposals, worst case',
    () =>
      myProposalsCard({
        items: Array.from({ length: 10 }, (_, i) =>
          myItem(i + 1, {
            title: marked(proposalLimits.title),
            answer: marked(proposalLimits.answer),
            statusLabel: '実現見込み',
          }),
        ),
        page: 5,
        totalPages: 65,
        total: 648,
      }),
  ],
];

describe('myProposalsCard', () => {
  itIsAWellFormedCard(cases);

  it('shows user text literally', () => {
    expectShownLiterally(
      myProposalsCard({ items: [myItem(1, { title: injection })], page: 1, totalPages: 1, total: 1 }),
      injection,
    );
  });

  it('keeps proposal numbers readable in the JSON', () => {
    const card = myProposalsCard({ items: [myItem(1)], page: 1, totalPages: 1, total: 1 });
    expect(JSON.stringify(card)).toContain('"R6-0001"');
  });

  const pagingOf = (card: AdaptiveCard) =>
    executeActionsOf(card)
      .filter((action) => action.verb === 'proposal.mine')
      .map((action) => [action.title, action.data]);

  it('lists number, title, status and the latest answer', () => {
    const card = myProposalsCard({ items: [1, 2].map((i) => myItem(i)), page: 1, totalPages: 1, total: 2 });
    const text = visibleText(card);
    expect(text).toContain('R6-0001');
    expect(text).toContain('提案その2');
    expect(text).toContain('検討中');
    expect(text).toContain('所管課と実現に向けて検討しています。');
    expect(text).toContain('回答：まだありません');
    expect(text).toContain('2024年6月10日');
  });

  it('cuts long answers', () => {
    const answer = 'あ'.repeat(proposalLimits.answer);
    const card = myProposalsCard({ items: [myItem(1, { answer })], page: 1, totalPages: 1, total: 1 });
    const shown = markdownTextsOf(card).find((text) => text.startsWith('回答：'))!;
    expect(shown).toBe(`回答：${'あ'.repeat(119)}…`);
  });

  it.each([
    [1, 1, []],
    [1, 3, [['次へ', { page: 2 }]]],
    [
      2,
      3,
      [
        ['前へ', { page: 1 }],
        ['次へ', { page: 3 }],
      ],
    ],
    [3, 3, [['前へ', { page: 2 }]]],
  ])('page %i of %i: paging buttons %j', (page, totalPages, expected) => {
    const card = myProposalsCard({ items: [myItem(1)], page, totalPages, total: totalPages * 5 });
    expect(pagingOf(card)).toEqual(expected);
    if (totalPages > 1) expect(visibleText(card)).toContain(`${page} / ${totalPages}ページ`);
  });

  it('invites a first proposal when there is none', () => {
    const card = myProposalsCard({ items: [], page: 1, totalPages: 1, total: 0 });
    expect(visibleText(card)).toContain('まだ提案はありません');
    expect(card.actions).toEqual([expect.objectContaining({ title: '提案する', verb: 'proposal.form' })]);
    expect(pagingOf(card)).toEqual([]);
  });
});
