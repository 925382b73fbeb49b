import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { commentLimits, proposalLimits } from '#shared';
import { commentReportedCard, proposalDeepLink } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { marked } from '../../helpers/card-fixtures';

const deepLink = () =>
  proposalDeepLink({ teamsAppId: randomUUID(), publicUrl: 'https://p.example.jp', proposalId: randomUUID() });

const cases: CardCase[] = [
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
