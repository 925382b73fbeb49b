import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proposalLimits } from '#shared';
import { proposalConfirmationCard, proposalDeepLink } from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { injection, marked } from '../../helpers/card-fixtures';
import { openUrlsOf, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  [
    'confirmation',
    () =>
      proposalConfirmationCard({
        proposal: {
          number: 'R6-0001',
          title: '会議資料のペーパレス化',
          status: 'received',
          submittedAt: '2024-06-10T01:00:00Z',
        },
        deepLink: proposalDeepLink({
          teamsAppId: 'app-id-1',
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
  [
    'confirmation, worst case',
    () =>
      proposalConfirmationCard({
        proposal: {
          number: 'R6-9999',
          title: marked(proposalLimits.title),
          status: 'received',
          submittedAt: '2024-06-10T01:00:00Z',
          categoryLabel: marked(30),
          coProposers: Array.from({ length: 10 }, () => ({ id: randomUUID(), displayName: marked(40) })),
        },
        deepLink: proposalDeepLink({
          teamsAppId: randomUUID(),
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
];

describe('proposalConfirmationCard', () => {
  itIsAWellFormedCard(cases);

  it('shows user text literally', () => {
    expectShownLiterally(
      proposalConfirmationCard({
        proposal: {
          number: 'R6-0001',
          title: injection,
          status: 'received',
          submittedAt: '2024-06-10T01:00:00Z',
        },
      }),
      injection,
    );
  });

  const proposal = {
    number: 'R6-0001',
    title: '会議資料のペーパレス化',
    status: 'received' as const,
    submittedAt: '2024-06-10T01:00:00Z',
  };

  it('shows number, title, status 受付 and the Japan date, with a link to the tab', () => {
    const deepLink = proposalDeepLink({
      teamsAppId: 'app-id-1',
      publicUrl: 'https://p.example.jp',
      proposalId: 'p-1',
    })!;
    const card = proposalConfirmationCard({ proposal, deepLink });
    const text = visibleText(card);
    expect(text).toContain('提案を受け付けました');
    expect(text).toContain('R6-0001');
    expect(text).toContain('会議資料のペーパレス化');
    expect(text).toContain('受付');
    expect(text).toContain('2024年6月10日');
    expect(openUrlsOf(card)).toEqual([{ type: 'Action.OpenUrl', title: 'タブで開く', url: deepLink }]);
  });

  it('has no link button without a link', () => {
    expect(openUrlsOf(proposalConfirmationCard({ proposal }))).toEqual([]);
  });
});
