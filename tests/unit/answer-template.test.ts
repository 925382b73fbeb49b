import { describe, expect, it } from 'vitest';
import { fillAnswerTemplate } from '#shared';

describe('fillAnswerTemplate', () => {
  const values = { 提案番号: 'R6-0012', 件名: '押印の廃止', 所管課: '行政経営改革課', 提案者: '山口 太郎' };

  it('fills every known placeholder, as often as it appears', () => {
    expect(
      fillAnswerTemplate('{提案者}様の{提案番号}「{件名}」は{所管課}で検討します。{提案番号}', values),
    ).toBe('山口 太郎様のR6-0012「押印の廃止」は行政経営改革課で検討します。R6-0012');
  });

  it('says （未定） for a value not known yet and leaves other braces as written', () => {
    expect(fillAnswerTemplate('所管課：{所管課} {不明} {}', { ...values, 所管課: null })).toBe(
      '所管課：（未定） {不明} {}',
    );
  });
});
