import { describe, expect, it } from 'vitest';
import { proposalLimits } from '#shared';
import {
  myProposalsCard,
  proposalCorrectedCard,
  proposalEditCard,
  proposalWithdrawCard,
  proposalWithdrawnCard,
} from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { categories, injection, marked, myItem } from '../../helpers/card-fixtures';
import { executeActionsOf } from '../../helpers/card-inspection';

const proposal = { id: 'p-1', version: 3, number: 'R6-0001', title: '会議資料のペーパレス化' };

const cases: CardCase[] = [
  [
    'edit form, worst case with errors',
    () =>
      proposalEditCard({
        proposal,
        values: { title: marked(proposalLimits.title), body: marked(proposalLimits.body), category: 'other' },
        errors: { title: '件名を入力してください。' },
        categories,
      }),
  ],
  ['withdraw confirmation', () => proposalWithdrawCard({ ...proposal, title: marked(proposalLimits.title) })],
  [
    'corrected',
    () => proposalCorrectedCard({ number: 'R6-0001', title: '件名', done: '提案を修正しました' }),
  ],
  [
    'withdrawn (to the office), worst case',
    () =>
      proposalWithdrawnCard({
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        proposerName: marked(50),
        comment: marked(1000),
        deepLink: 'https://proposals.example.jp/tab/proposals/p-1',
      }),
  ],
];

describe('correction and withdrawal cards', () => {
  itIsAWellFormedCard(cases);

  it('offers 修正 only while 受付 and 取下げ while open, each carrying the proposal id only', () => {
    const card = myProposalsCard({
      items: [
        myItem(1, { canEdit: true, canWithdraw: true }),
        myItem(2, { canEdit: false, canWithdraw: false }),
      ],
      page: 1,
      totalPages: 1,
      total: 2,
    });
    const actions = executeActionsOf(card).filter((action) => action.verb !== 'proposal.form');
    expect(actions.map((action) => [action.verb, action.data])).toEqual([
      ['proposal.editForm', { id: myItem(1).id }],
      ['proposal.withdrawForm', { id: myItem(1).id }],
    ]);
  });

  it('carries the version seen into 修正を保存 and 取り下げる, and shows user text literally', () => {
    const edit = proposalEditCard({ proposal, values: { title: injection }, categories });
    expect(executeActionsOf(edit)[0]).toMatchObject({
      verb: 'proposal.edit',
      data: { id: 'p-1', version: 3 },
    });
    expect(executeActionsOf(proposalWithdrawCard(proposal))[0]).toMatchObject({
      verb: 'proposal.withdraw',
      data: { id: 'p-1', version: 3 },
    });
    expectShownLiterally(proposalWithdrawCard({ ...proposal, title: injection }), injection);
  });
});
