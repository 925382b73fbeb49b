import { describe, expect, it } from 'vitest';
import {
  eraDateLabel,
  eraYearLabel,
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearRange,
  fiscalYearShortLabel,
  parseFiscalYear,
  tokyoDate,
} from '#shared';

describe('tokyoDate', () => {
  it('gives the calendar date in Tokyo (UTC+9, no daylight saving)', () => {
    expect(tokyoDate(new Date('2024-03-31T14:59:59.999Z'))).toEqual({ year: 2024, month: 3, day: 31 });
    expect(tokyoDate(new Date('2024-03-31T15:00:00Z'))).toEqual({ year: 2024, month: 4, day: 1 });
    expect(tokyoDate(new Date('2024-12-31T15:00:00Z'))).toEqual({ year: 2025, month: 1, day: 1 });
    // A summer date: Tokyo stays at +9 all year.
    expect(tokyoDate(new Date('2024-07-15T14:59:59Z'))).toEqual({ year: 2024, month: 7, day: 15 });
    expect(tokyoDate(new Date('2024-07-15T15:00:00Z'))).toEqual({ year: 2024, month: 7, day: 16 });
  });
});

describe('fiscalYearOf', () => {
  it.each([
    ['2024-03-31T14:59:59Z', 2023],
    ['2024-03-31T14:59:59.999Z', 2023],
    ['2024-03-31T15:00:00Z', 2024], // 2024-04-01 00:00 in Tokyo
    ['2024-04-01T00:00:00Z', 2024],
    ['2024-12-31T23:59:59Z', 2024],
    ['2025-01-01T00:00:00Z', 2024], // January belongs to the fiscal year that began the April before
    ['2025-03-31T14:59:59Z', 2024],
    ['2025-03-31T15:00:00Z', 2025],
    ['2019-04-30T15:00:00Z', 2019],
  ])('%s is in FY%i', (iso, expected) => {
    expect(fiscalYearOf(new Date(iso))).toBe(expected);
  });

  it('does not depend on the time zone of the process', () => {
    // The same instant written with an offset is the same fiscal year.
    expect(fiscalYearOf(new Date('2024-04-01T00:00:00+09:00'))).toBe(2024);
    expect(fiscalYearOf(new Date('2024-03-31T23:59:59+09:00'))).toBe(2023);
    expect(fiscalYearOf(new Date('2024-03-31T10:00:00-05:00'))).toBe(2024);
  });
});

describe('eraDateLabel (the date the 提案集 prints)', () => {
  it.each([
    ['2025-06-01T00:00:00Z', '令和7年6月1日'],
    ['2026-12-06T15:00:00Z', '令和8年12月7日'], // already the 7th in Tokyo
    ['2019-04-30T15:00:00Z', '令和元年5月1日'],
    ['2019-04-30T14:59:59Z', '平成31年4月30日'],
  ])('%s is %s', (iso, expected) => {
    expect(eraDateLabel(new Date(iso))).toBe(expected);
  });
});

describe('eraYearLabel', () => {
  it.each([
    ['2019-04-30T14:59:59Z', '平成31年'], // 2019-04-30 23:59:59 in Tokyo
    ['2019-04-30T15:00:00Z', '令和元年'], // 2019-05-01 00:00 in Tokyo
    ['2019-12-31T14:59:59Z', '令和元年'],
    ['2019-12-31T15:00:00Z', '令和2年'],
    ['2024-06-01T00:00:00Z', '令和6年'],
    ['1989-01-07T00:00:00Z', '昭和64年'],
    ['1989-01-07T15:00:00Z', '平成元年'], // 1989-01-08 in Tokyo
    ['1989-01-08T00:00:00Z', '平成元年'],
    ['1926-12-25T00:00:00Z', '昭和元年'],
    ['1988-06-01T00:00:00Z', '昭和63年'],
  ])('%s is %s', (iso, expected) => {
    expect(eraYearLabel(new Date(iso))).toBe(expected);
  });

  it('refuses dates before 昭和', () => {
    expect(() => eraYearLabel(new Date('1926-12-24T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('fiscalYearLabel and fiscalYearShortLabel', () => {
  it.each([
    [2024, '令和6年度', 'R6'],
    [2025, '令和7年度', 'R7'],
    [2020, '令和2年度', 'R2'],
    [2019, '令和元年度', 'R1'], // began in 平成31年4月 but is named after 令和
    [2018, '平成30年度', 'H30'],
    [1989, '平成元年度', 'H1'],
    [1988, '昭和63年度', 'S63'], // ended in 平成元年3月 but is named after 昭和
    [1927, '昭和2年度', 'S2'],
  ])('FY%i is %s / %s', (fiscalYear, label, shortLabel) => {
    expect(fiscalYearLabel(fiscalYear)).toBe(label);
    expect(fiscalYearShortLabel(fiscalYear)).toBe(shortLabel);
  });

  it('uses 元 only in the long label', () => {
    expect(fiscalYearLabel(2019)).toContain('元');
    expect(fiscalYearShortLabel(2019)).not.toContain('元');
  });

  it('refuses fiscal years before 昭和', () => {
    expect(() => fiscalYearLabel(1926)).toThrow(RangeError);
    expect(() => fiscalYearShortLabel(1926)).toThrow(RangeError);
  });
});

describe('parseFiscalYear', () => {
  it.each([
    ['R6', 2024],
    ['r6', 2024],
    ['R06', 2024],
    ['Ｒ６', 2024],
    [' R6 ', 2024],
    ['R1', 2019],
    ['H30', 2018],
    ['H31', 2019],
    ['S63', 1988],
    ['令和6年度', 2024],
    ['令和６年度', 2024],
    ['令和6年', 2024],
    ['令和元年度', 2019],
    ['令和1年度', 2019],
    ['平成30年度', 2018],
    ['平成31年度', 2019], // FY2019 began in 平成, so the name was in use before the era changed
    ['平成元年度', 1989],
    ['昭和63年度', 1988],
    ['2024', 2024],
    ['２０２４', 2024],
    ['　2024　', 2024],
  ])('%s → %i', (text, expected) => {
    expect(parseFiscalYear(text)).toBe(expected);
  });

  it.each([
    ['平成32年度'], // FY2020 began in 令和
    ['平成33年度'],
    ['昭和64年度'], // FY1989 began in 平成
    ['H32'],
    ['昭和元年度'], // FY1926 is 大正15年度
    ['S1'],
    ['R0'],
    ['令和0年度'],
    ['X6'],
    ['大正15年度'],
    ['明治1年度'],
    ['R'],
    ['R123'],
    ['R-1'],
    ['令和年度'],
    ['令和6年度度'],
    ['R6年度'],
    ['2024年度'],
    ['24'],
    ['20245'],
    [''],
    ['   '],
    ['garbage'],
    ['ＲＸ'],
  ])('%j → undefined', (text) => {
    expect(parseFiscalYear(text)).toBeUndefined();
  });

  it('round-trips every label of every fiscal year from 1927 to 2100', () => {
    for (let fiscalYear = 1927; fiscalYear <= 2100; fiscalYear += 1) {
      expect(parseFiscalYear(fiscalYearLabel(fiscalYear))).toBe(fiscalYear);
      expect(parseFiscalYear(fiscalYearShortLabel(fiscalYear))).toBe(fiscalYear);
      expect(parseFiscalYear(String(fiscalYear))).toBe(fiscalYear);
    }
  });

  it('accepts an era name only for a fiscal year that carries it', () => {
    for (const eraName of ['令和', '平成', '昭和']) {
      for (let eraYear = 1; eraYear <= 99; eraYear += 1) {
        const text = `${eraName}${eraYear}年度`;
        const fiscalYear = parseFiscalYear(text);
        if (fiscalYear === undefined || text === '平成31年度') continue;
        expect(fiscalYearLabel(fiscalYear)).toBe(`${eraName}${eraYear === 1 ? '元' : eraYear}年度`);
      }
    }
  });
});

describe('fiscalYearRange', () => {
  it('runs from 1 April 00:00 to the next 1 April 00:00 in Tokyo', () => {
    const { start, end } = fiscalYearRange(2024);
    expect(start.toISOString()).toBe('2024-03-31T15:00:00.000Z');
    expect(end.toISOString()).toBe('2025-03-31T15:00:00.000Z');
  });

  it('agrees with fiscalYearOf at both boundaries', () => {
    for (const fiscalYear of [1989, 2019, 2023, 2024, 2025]) {
      const { start, end } = fiscalYearRange(fiscalYear);
      expect(fiscalYearOf(start)).toBe(fiscalYear);
      expect(fiscalYearOf(new Date(start.getTime() - 1))).toBe(fiscalYear - 1);
      expect(fiscalYearOf(new Date(end.getTime() - 1))).toBe(fiscalYear);
      expect(fiscalYearOf(end)).toBe(fiscalYear + 1);
    }
  });

  it('is contiguous: one year ends where the next begins', () => {
    expect(fiscalYearRange(2024).end.getTime()).toBe(fiscalYearRange(2025).start.getTime());
  });

  it('covers a leap year (FY2023 holds 29 February 2024)', () => {
    const { start, end } = fiscalYearRange(2023);
    expect((end.getTime() - start.getTime()) / 86_400_000).toBe(366);
    const { start: start2024, end: end2024 } = fiscalYearRange(2024);
    expect((end2024.getTime() - start2024.getTime()) / 86_400_000).toBe(365);
  });
});
