import { describe, expect, it } from 'vitest';
import { divisionAssignedCard } from '../../../bot/src/cards/index';
import { itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import { openUrlsOf, visibleText } from '../../helpers/card-inspection';

const view = {
  number: 'R6-0012',
  title: '会議資料の**ペーパーレス化**',
  divisionName: '企画課',
  statusLabel: '検討中',
  deepLink: 'https://teams.microsoft.com/l/entity/app/proposals?context=x',
};

const cases: CardCase[] = [
  ['division assigned', () => divisionAssignedCard(view)],
  ['division assigned, no link', () => divisionAssignedCard({ ...view, deepLink: undefined })],
];

describe('divisionAssignedCard', () => {
  itIsAWellFormedCard(cases);

  it('tells the liaison which proposal is theirs, that the office answers, and links to it', () => {
    const card = divisionAssignedCard(view);
    const text = visibleText(card);
    expect(text).toContain('所管課に提案が割り当てられました');
    expect(text).toContain('企画課の担当として');
    expect(text).toContain('R6-0012');
    expect(text).toContain('会議資料の**ペーパーレス化**');
    expect(text).toContain('回答案は推進室が確認してから提案者に伝えます。');
    expect(openUrlsOf(card)).toMatchObject([{ title: '提案を開く', url: view.deepLink }]);
    expect(divisionAssignedCard({ ...view, deepLink: undefined }).actions).toBeUndefined();
  });
});
