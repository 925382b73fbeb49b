import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proposalLimits } from '#shared';
import { proposalDeepLink, statusChangedCard } from '../../../bot/src/cards/index';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { injection, marked, wide } from '../../helpers/card-fixtures';
import { openUrlsOf, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  [
    'status changed',
    () =>
      statusChangedCard({
        number: 'R6-0001',
        title: '会議資料のペーパレス化',
        previousStatusLabel: '受付',
        statusLabel: '検討中',
        answer: '所管課と検討を始めました。',
        deepLink: proposalDeepLink({
          teamsAppId: 'app-id-1',
          publicUrl: 'https://p.example.jp',
          proposalId: 'p1',
        }),
      }),
  ],
  [
    'status changed, worst case',
    () =>
      statusChangedCard({
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        previousStatusLabel: '検討中',
        statusLabel: 'その他',
        blockReasonLabel: 'セキュリティ上の課題',
        answer: `${marked(proposalLimits.answer / 2)}\n${wide(proposalLimits.answer / 2)}`,
        deepLink: proposalDeepLink({
          teamsAppId: randomUUID(),
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
];

describe('statusChangedCard', () => {
  itIsAWellFormedCard(cases);

  it('shows user text literally', () => {
    const status = statusChangedCard({
      number: 'R6-0001',
      title: injection,
      previousStatusLabel: '受付',
      statusLabel: '検討中',
      answer: `${injection}\n1. 次の手順`,
    });
    expectShownLiterally(status, injection);
    expectShownLiterally(status, `${injection}\n1. 次の手順`);
  });

  it('shows old → new status, the reason, the office answer and a link', () => {
    const deepLink = proposalDeepLink({
      teamsAppId: 'app-id-1',
      publicUrl: 'https://p.example.jp',
      proposalId: 'p-1',
    })!;
    const card = statusChangedCard({
      number: 'R6-0001',
      title: '会議資料のペーパレス化',
      previousStatusLabel: '検討中',
      statusLabel: 'その他',
      blockReasonLabel: '法律上の制約',
      answer: '現行の規程では対応できないため、改正の機会に再検討します。',
      deepLink,
    });
    const text = visibleText(card);
    expect(text).toContain('提案の状況が更新されました');
    expect(text).toMatch(/検討中\n→\nその他/);
    expect(text).toContain('法律上の制約');
    expect(text).toContain('推進室からの回答');
    expect(text).toContain('現行の規程では対応できないため');
    expect(openUrlsOf(card)).toEqual([expect.objectContaining({ url: deepLink })]);
  });

  it('leaves out the answer box without an answer', () => {
    const card = statusChangedCard({
      number: 'R6-0001',
      title: 't',
      previousStatusLabel: '受付',
      statusLabel: '検討中',
      answer: null,
    });
    expect(visibleText(card)).not.toContain('推進室からの回答');
    expect(openUrlsOf(card)).toEqual([]);
  });
});
