import { describe, expect, it } from 'vitest';
import type { StampKind } from '#shared';
import {
  projectLinkCard,
  proposalConfirmationCard,
  stampReceivedCard,
  statusChangedCard,
  type AdaptiveCard,
} from '../../../bot/src/cards/index';
import { noticeCardDone } from '../../../bot/src/conversation/notice-cards';
import { validateAdaptiveCard } from '../../helpers/adaptive-card-validator';
import { executeActionsOf, visibleText } from '../../helpers/card-inspection';

/**
 * Cards people keep, before and after their button was used: the done state has the same body plus
 * a line, and no button to use again; what the button carries rebuilds exactly that card.
 */
const hostile = '**太字** [link](http://evil) ${user.name} {{DATE(2024-01-01)}}';
const deepLink = 'https://teams.microsoft.com/l/entity/app-1/proposals?context=%7B%7D';
const done = '自分の提案の一覧を下に表示しました';
const thanks: StampKind = {
  code: 'thanks',
  label: 'ありがとう',
  emoji: '🙏',
  purpose: 'appreciation',
  sortOrder: 1,
  isActive: true,
} as StampKind;

const noticeOf = (card: AdaptiveCard) =>
  executeActionsOf(card).find((action) => action.verb === 'proposal.mine')!.data as Record<string, unknown>;

const cases: [string, AdaptiveCard][] = [
  [
    'status',
    statusChangedCard({
      number: 'R6-0001',
      title: hostile,
      previousStatusLabel: '受付',
      statusLabel: 'その他',
      blockReasonLabel: '法律上の制約',
      answer: `回答：${hostile}`,
      deepLink,
    }),
  ],
  [
    'projectLink',
    projectLinkCard({
      linked: true,
      number: 'R6-0002',
      title: hostile,
      projectCode: 'R6-1-2',
      projectTitle: 'デジタルツールの利活用環境の構築',
      deepLink,
    }),
  ],
  [
    'submitted',
    proposalConfirmationCard({
      proposal: {
        number: 'R6-0003',
        title: hostile,
        status: 'received',
        submittedAt: '2024-06-10T01:00:00.000Z',
        categoryLabel: 'ペーパレス化',
        coProposers: [{ displayName: '周南 花子' }],
      },
      deepLink,
    }),
  ],
];

describe('cards that keep their meaning after a click', () => {
  it.each(cases)('%s: the button carries the card, with no user text in the JSON as such', (_, card) => {
    expect(JSON.stringify(card)).not.toContain('${');
    expect(JSON.stringify(card)).not.toContain('{{');
    const after = noticeCardDone(noticeOf(card), done)!;
    expect(validateAdaptiveCard(after)).toEqual([]);
    expect(after.body.slice(0, -1)).toEqual(card.body);
    expect(visibleText(after)).toContain(`✅ ${done}`);
    expect(executeActionsOf(after)).toEqual([]);
    expect(after.actions).toEqual(card.actions!.filter((action) => action.type === 'Action.OpenUrl'));
  });

  it('ignores button data that is not a card it made', () => {
    const forged = (view: unknown) => Buffer.from(JSON.stringify(view)).toString('base64url');
    expect(noticeCardDone({}, done)).toBeUndefined();
    expect(noticeCardDone({ notice: 'not base64 ${x}' }, done)).toBeUndefined();
    expect(noticeCardDone({ notice: forged({ kind: 'status', number: 1 }) }, done)).toBeUndefined();
    expect(noticeCardDone({ notice: forged({ kind: 'delete' }) }, done)).toBeUndefined();
    expect(
      noticeCardDone(
        {
          notice: forged({
            kind: 'projectLink',
            linked: true,
            number: 'R6-1',
            title: 't',
            projectCode: 'c',
            projectTitle: 'p',
            deepLink: 'javascript:alert(1)',
          }),
        },
        done,
      ),
    ).toBeUndefined();
  });

  it('a received stamp, once thanked: 「お礼を返しました」 instead of the button, the 1on1 link kept', () => {
    const base = {
      senderName: '山口 太郎',
      kind: { ...thanks, purpose: 'one_on_one' as const },
      message: '来週どうですか',
      sentAt: '2024-06-10T01:00:00Z',
      replyRequestId: 'reply:0b6f8a52',
      thanksKindCode: 'thanks',
      meetingLink: 'https://teams.microsoft.com/l/meeting/new?subject=1on1',
    };
    const before = stampReceivedCard(base);
    const after = stampReceivedCard({ ...base, replied: true });
    expect(validateAdaptiveCard(after)).toEqual([]);
    expect(after.body.slice(0, -1)).toEqual(before.body);
    expect(visibleText(after)).toContain('✅ お礼を返しました');
    expect(executeActionsOf(after)).toEqual([]);
    expect(after.actions).toEqual([
      expect.objectContaining({ type: 'Action.OpenUrl', title: '1on1の日程を作成' }),
    ]);
  });
});
