import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { proposalLimits } from '#shared';
import { proposalDeepLink, projectLinkCard } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { marked } from '../../helpers/card-fixtures';

const cases: CardCase[] = [
  [
    'priority project linked',
    () =>
      projectLinkCard({
        linked: true,
        number: 'R6-0001',
        title: '会議資料のペーパレス化',
        projectCode: 'R6-2-1',
        projectTitle: 'ペーパレス化の更なる推進',
        deepLink: proposalDeepLink({
          teamsAppId: 'app-id-1',
          publicUrl: 'https://p.example.jp',
          proposalId: 'p1',
        }),
      }),
  ],
  [
    'priority project unlinked, worst case',
    () =>
      projectLinkCard({
        linked: false,
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        projectCode: 'R6-2-1',
        projectTitle: marked(100),
        deepLink: proposalDeepLink({
          teamsAppId: randomUUID(),
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
];

describe('projectLinkCard', () => {
  itIsAWellFormedCard(cases);
});
