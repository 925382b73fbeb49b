import { describe, expect, it } from 'vitest';
import { proposalLimits } from '#shared';
import {
  followerDigestCard,
  followerUpdateCard,
  notificationSettingsCard,
  proposalFormCard,
} from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { formInput, injection, marked } from '../../helpers/card-fixtures';
import { executeActionsOf } from '../../helpers/card-inspection';
import { expectShownLiterally } from '../../helpers/card-checks';

const link = (n: number) =>
  `https://teams.microsoft.com/l/entity/00000000-0000-4000-8000-0000000a9900/proposals?webUrl=https%3A%2F%2Fproposals.example.jp%2Ftab%2Fproposals%2F${n}&label=%E8%81%B7%E5%93%A1%E6%8F%90%E6%A1%88&context=%7B%22subEntityId%22%3A%22${n}%22%7D`;

const item = (n: number, title = `提案 ${n}`, change = '状況が「検討中」になりました') => ({
  number: `R6-${String(n).padStart(4, '0')}`,
  title,
  changes: [change, change, change, `ほか2件の更新`],
  deepLink: link(n),
});

const cases: CardCase[] = [
  [
    'a change, at once',
    () =>
      followerUpdateCard({
        number: 'R6-0001',
        title: '会議資料のペーパレス化',
        kindLabel: '状況の変更',
        summary: '状況が「検討中」になりました',
        deepLink: link(1),
      }),
  ],
  [
    'a change, worst-case title and summary',
    () =>
      followerUpdateCard({
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        kindLabel: '重点案件の進捗',
        summary: marked(2000),
        deepLink: link(1),
      }),
  ],
  ['a digest of one proposal', () => followerDigestCard({ items: [item(1)], more: 0 })],
  [
    'a digest as large as it gets: 8 proposals, worst-case titles and lines, and more counted',
    () =>
      followerDigestCard({
        items: Array.from({ length: 8 }, (_, n) => item(n + 1, marked(proposalLimits.title), marked(2000))),
        more: 40,
        listLink: 'https://proposals.example.jp/tab/proposals',
      }),
  ],
  [
    '通知設定',
    () =>
      notificationSettingsCard({
        currentLabel: '1日1回まとめて',
        choices: [
          { value: 'immediate', label: 'すぐに', description: '動きがあるたびにお知らせします' },
          { value: 'daily', label: '1日1回まとめて', description: '毎朝8時に1通にまとめてお知らせします' },
          { value: 'none', label: '通知しない', description: 'お知らせしません' },
        ],
        done: '通知の受け取り方を「すぐに」にしました',
      }),
  ],
];

const formWithLookAlikes = () =>
  proposalFormCard(
    formInput({
      similar: [
        {
          number: 'R6-0001',
          title: marked(proposalLimits.title),
          statusLabel: '検討中',
          support: {
            proposalId: '5b1e9f0c-2d3a-4c5b-8e6f-7a8b9c0d1e2f',
            count: 12,
            supportedByMe: false,
            canSupport: true,
          },
        },
        {
          number: 'R6-0002',
          title: '押印の廃止',
          statusLabel: '実現完了',
          support: {
            proposalId: '6c2f0a1d-3e4b-4d6c-9f70-8b9c0d1e2f30',
            count: 3,
            supportedByMe: true,
            canSupport: true,
          },
        },
        {
          number: 'R6-0003',
          title: '自分の提案',
          statusLabel: '受付',
          support: {
            proposalId: '7d3a1b2e-4f5c-4e7d-8a81-9c0d1e2f3a41',
            count: 1,
            supportedByMe: false,
            canSupport: false,
          },
        },
      ],
    }),
  );

cases.push(['the proposal form with 賛同 on its look-alikes', formWithLookAlikes]);

describe('賛同 on the proposal form', () => {
  it('offers 賛同する or 賛同を取り消す with the count, sending the draft along; the own proposal shows the count', () => {
    const card = formWithLookAlikes();
    const supports = executeActionsOf(card).filter((action) => action.verb === 'proposal.support');
    expect(supports.map((action) => [action.title, action.data?.support])).toEqual([
      ['👍 賛同する（12人）', 'true'],
      ['賛同を取り消す（3人）', 'false'],
    ]);
    expect(JSON.stringify(card)).toContain('👍 賛同 1人');
  });
});

describe('follower cards', () => {
  itIsAWellFormedCard(cases);

  it('shows user text literally', () => {
    expectShownLiterally(
      followerDigestCard({ items: [item(1, injection)], more: 0 }),
      `R6-0001 ${injection}`,
    );
    expectShownLiterally(
      followerUpdateCard({ number: 'R6-0001', title: injection, kindLabel: '回答', summary: 'x' }),
      injection,
    );
  });

  it('counts what it leaves out', () => {
    expect(JSON.stringify(followerDigestCard({ items: [item(1)], more: 3 }))).toContain('ほか3件');
    expect(JSON.stringify(followerDigestCard({ items: [item(1)], more: 3 }))).toContain(
      'フォロー中の提案4件に動きがありました',
    );
  });
});
