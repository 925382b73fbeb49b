import { describe, expect, it } from 'vitest';
import { stampLimits } from '#shared';
import { stampSentCard } from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { injection, marked, thanks } from '../../helpers/card-fixtures';
import { visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  [
    'stamp sent',
    () =>
      stampSentCard({
        kind: thanks,
        recipients: [
          { name: '周南 花子', delivery: 'delivered' },
          { name: '下関 次郎', delivery: 'pending' },
        ],
        message: null,
      }),
  ],
  [
    'stamp sent, worst case',
    () =>
      stampSentCard({
        kind: { ...thanks, label: marked(30) },
        recipients: Array.from({ length: stampLimits.recipients }, (_, i) => ({
          name: marked(100),
          delivery: i % 2 ? 'pending' : 'delivered',
        })),
        message: marked(stampLimits.message),
      }),
  ],
];

describe('stampSentCard', () => {
  itIsAWellFormedCard(cases);

  it('shows user text literally: recipients and message', () => {
    const sent = stampSentCard({
      kind: thanks,
      recipients: [{ name: injection, delivery: 'pending' }],
      message: injection,
    });
    expectShownLiterally(sent, `${injection}さん`);
    expectShownLiterally(sent, injection);
  });

  it('confirms the recipients and explains those who do not have the app yet', () => {
    const card = stampSentCard({
      kind: thanks,
      recipients: [
        { name: '周南 花子', delivery: 'delivered' },
        { name: '下関 次郎', delivery: 'pending' },
      ],
      message: 'ありがとう！',
    });
    const text = visibleText(card);
    expect(text).toContain('スタンプを送りました');
    expect(text).toContain('周南 花子さん');
    expect(text).toContain('下関 次郎さん');
    expect(text).toContain('アプリ未インストールのため、インストール後に届きます');
    expect(text).toContain('ありがとう！');
  });

  it('says nothing about installation when everyone has the app', () => {
    const card = stampSentCard({
      kind: thanks,
      recipients: [{ name: '周南 花子', delivery: 'delivered' }],
      message: null,
    });
    expect(visibleText(card)).not.toContain('インストール');
  });
});
