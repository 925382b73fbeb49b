import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { commentLimits, proposalLimits } from '#shared';
import { commentAddedCard, commentReportedCard, proposalDeepLink } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { marked } from '../../helpers/card-fixtures';

const deepLink = () =>
  proposalDeepLink({ teamsAppId: randomUUID(), publicUrl: 'https://p.example.jp', proposalId: randomUUID() });

const cases: CardCase[] = [
  [
    'comment added',
    () =>
      commentAddedCard({
        number: 'R6-0001',
        title: '会議資料のペーパレス化',
        authorName: '周南 花子',
        deepLink: deepLink(),
      }),
  ],
  [
    'comment added, worst case',
    () =>
      commentAddedCard({
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        authorName: marked(256),
        deepLink: deepLink(),
      }),
  ],
  [
    'comment reported, worst case',
    () =>
      commentReportedCard({
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        reason: marked(commentLimits.reasonMax),
        deepLink: deepLink(),
      }),
  ],
];

describe('comment cards', () => {
  itIsAWellFormedCard(cases);
});
