import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stampLimits } from '#shared';
import { oneOnOneMeetingLink, stampReceivedCard } from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { injection, marked, oneOnOne, thanks } from '../../helpers/card-fixtures';
import { executeActionsOf, nodesOf, openUrlsOf, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  [
    'stamp received',
    () =>
      stampReceivedCard({
        senderName: '山口 太郎',
        kind: thanks,
        message: '資料作成ありがとうございました！',
        sentAt: new Date('2024-06-10T01:00:00Z'),
        replyRequestId: `reply:${randomUUID()}`,
        thanksKindCode: 'thanks',
      }),
  ],
  [
    'stamp received, 1on1 worst case',
    () =>
      stampReceivedCard({
        senderName: marked(100),
        kind: { ...oneOnOne, label: marked(30), emoji: '👨‍👩‍👧‍👦' },
        message: marked(stampLimits.message),
        sentAt: '2024-06-10T01:00:00Z',
        replyRequestId: `reply:${randomUUID()}`,
        thanksKindCode: 'thanks',
        meetingLink: oneOnOneMeetingLink({
          attendeeEmail: 'taro@example.jp',
          subject: `1on1（${marked(100)}さん）`,
        }),
      }),
  ],
];

describe('stampReceivedCard', () => {
  itIsAWellFormedCard(cases);

  it('shows user text literally: sender, message and kind name', () => {
    const received = stampReceivedCard({
      senderName: injection,
      kind: { ...thanks, label: '_ありがとう_' },
      message: `- ${injection}`,
      sentAt: '2024-06-10T01:00:00Z',
      replyRequestId: 'reply:00000000',
    });
    expectShownLiterally(received, `${injection}さんからスタンプが届きました`);
    expectShownLiterally(received, `- ${injection}`);
    expectShownLiterally(received, '_ありがとう_');
  });

  const base = {
    senderName: '山口 太郎',
    message: '資料作成ありがとうございました！',
    sentAt: '2024-06-10T01:00:00Z',
    replyRequestId: 'reply:0b6f8a52',
  };

  it('shows the stamp big, who sent it, the message, and a one-click thank-you', () => {
    const card = stampReceivedCard({ ...base, kind: thanks, thanksKindCode: 'thanks' });
    const text = visibleText(card);
    expect(text).toContain('🙏');
    expect(text).toContain('ありがとう');
    expect(text).toContain('山口 太郎さんからスタンプが届きました');
    expect(text).toContain('資料作成ありがとうございました！');
    expect(text).toContain('2024年6月10日 10:00');
    expect(nodesOf(card).find((node) => node.text === '🙏')?.size).toBe('ExtraLarge');
    expect(executeActionsOf(card)).toEqual([
      expect.objectContaining({
        verb: 'stamp.reply',
        data: { requestId: 'reply:0b6f8a52', kindCode: 'thanks' },
      }),
    ]);
    expect(openUrlsOf(card)).toEqual([]);
  });

  it('has no reply button without a thanks kind, and no empty message', () => {
    const card = stampReceivedCard({ ...base, message: null, kind: thanks });
    expect(executeActionsOf(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
  });

  it('offers to schedule the 1on1 for an invitation', () => {
    const meetingLink = oneOnOneMeetingLink({
      attendeeEmail: 'taro@example.jp',
      subject: '1on1（山口 太郎さん）',
    });
    const card = stampReceivedCard({ ...base, kind: oneOnOne, thanksKindCode: 'thanks', meetingLink });
    expect(openUrlsOf(card)).toEqual([
      { type: 'Action.OpenUrl', title: '1on1の日程を作成', url: meetingLink },
    ]);
    expect(visibleText(card)).toContain('1on1のお誘い');
    // Not for other kinds, even with a link.
    expect(openUrlsOf(stampReceivedCard({ ...base, kind: thanks, meetingLink }))).toEqual([]);
  });
});
