import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adoptionLimits, defaultStampKinds } from '#shared';
import {
  proposalAdoptedCard,
  stampReceivedCard,
  stampSentCard,
  thanksInvitationCard,
} from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { marked, thanks } from '../../helpers/card-fixtures';
import { executeActionsOf, inputById, visibleText } from '../../helpers/card-inspection';

const adopted = (note: string | null = '課内の定例会議をすべてTeamsにしました。') =>
  proposalAdoptedCard({
    number: 'R6-0012',
    title: '庁内の会議をオンライン化',
    divisionName: '企画課',
    adoptedOn: '2025-02-10',
    note,
    adoptedCount: 3,
    deepLink: 'https://teams.microsoft.com/l/entity/app/proposals?context=%7B%7D',
  });

const invitation = (recipients = [{ id: 'a0000000-0000-4000-8000-000000000006', name: '下関 次郎' }]) =>
  thanksInvitationCard({
    requestId: 'thanks:42',
    number: 'R6-0012',
    title: '庁内の会議をオンライン化',
    divisionName: '企画課',
    recipients,
    kinds: defaultStampKinds,
    kindCode: 'thanks',
  });

const cases: CardCase[] = [
  ['proposal adopted', () => adopted()],
  [
    'proposal adopted, worst case',
    () =>
      proposalAdoptedCard({
        number: 'R6-0012',
        title: marked(100),
        divisionName: marked(50),
        adoptedOn: '2025-02-10',
        note: marked(adoptionLimits.note),
        adoptedCount: 999,
      }),
  ],
  ['thanks invitation', () => invitation()],
  ['thanks invitation, no liaison', () => invitation([])],
  [
    'stamp received about a proposal',
    () =>
      stampReceivedCard({
        senderName: '山口 太郎',
        kind: thanks,
        message: 'ありがとうございました',
        sentAt: new Date('2025-02-10T01:00:00Z'),
        replyRequestId: `reply:${randomUUID()}`,
        thanksKindCode: 'thanks',
        aboutLabel: `提案 R6-0012 ${marked(100)}`,
      }),
  ],
  [
    'stamp sent about a proposal',
    () =>
      stampSentCard({
        kind: thanks,
        message: null,
        aboutLabel: '提案 R6-0012 庁内の会議をオンライン化',
        recipients: [{ name: '下関 次郎', delivery: 'delivered' }],
      }),
  ],
];

describe('cards of 横展開 and thanks', () => {
  itIsAWellFormedCard(cases);

  it('tells the proposer which division adopted their proposal, with its note and a link', () => {
    const text = visibleText(adopted());
    expect(text).toContain('企画課が「うちの課でも導入した」と登録しました。');
    expect(text).toContain('課内の定例会議をすべてTeamsにしました。');
    expect(text).toContain('導入日：2025年2月10日 ／ 導入した課：3課');
    expect(visibleText(adopted(null))).not.toContain('課内の定例会議');
    expectShownLiterally(adopted(marked(50)), marked(50));
  });

  it('invites to thank with the liaisons chosen, the thanks stamp and the proposal filled in', () => {
    const card = invitation();
    expect(visibleText(card)).toContain('企画課の担当者を宛先に入れてあります');
    expect(inputById(card, 'recipientIds')).toMatchObject({
      value: 'a0000000-0000-4000-8000-000000000006',
      choices: [{ title: '下関 次郎', value: 'a0000000-0000-4000-8000-000000000006' }],
    });
    expect(inputById(card, 'kindCode')).toMatchObject({ value: 'thanks' });
    expect(inputById(card, 'about')).toMatchObject({ value: 'R6-0012' });
    expect(executeActionsOf(card).map((action) => [action.verb, action.data?.requestId])).toEqual([
      ['stamp.send', 'thanks:42'],
    ]);
    expect(visibleText(invitation([]))).toContain('実現に取り組んだ同僚を選んで');
  });
});
