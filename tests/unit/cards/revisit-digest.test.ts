import { describe, expect, it } from 'vitest';
import { proposalLimits } from '#shared';
import { revisitDigestCard, revisitDigestMaxItems } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { marked } from '../../helpers/card-fixtures';

const item = (n: number, title = `提案 ${n}`) => ({
  number: `R6-${String(n).padStart(4, '0')}`,
  title,
  revisitOn: '2025-04-01',
  blockReasonLabel: '法律上の制約',
  deepLink: `https://proposals.example.jp/tab/proposals/p${n}`,
});

const cases: CardCase[] = [
  ['one proposal', () => revisitDigestCard({ today: '2025-04-01', items: [item(1)] })],
  [
    'more proposals than it lists, worst-case titles',
    () =>
      revisitDigestCard({
        today: '2025-04-01',
        items: Array.from({ length: 60 }, (_, n) => item(n + 1, marked(proposalLimits.title))),
        queueLink: 'https://proposals.example.jp/tab/proposals?queue=revisit_due',
      }),
  ],
];

describe('revisitDigestCard', () => {
  itIsAWellFormedCard(cases);

  it('lists at most the first proposals and counts the rest', () => {
    const card = JSON.stringify(
      revisitDigestCard({ today: '2025-04-01', items: Array.from({ length: 25 }, (_, n) => item(n + 1)) }),
    );
    expect(card).toContain('25件あります');
    expect(card).toContain(`R6-${String(revisitDigestMaxItems).padStart(4, '0')}`);
    expect(card).not.toContain(`R6-${String(revisitDigestMaxItems + 1).padStart(4, '0')}`);
    expect(card).toContain(`ほか${25 - revisitDigestMaxItems}件`);
  });
});
