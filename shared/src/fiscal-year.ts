/**
 * Fiscal years (年度) run April to March in Japan. Dates are judged in Asia/Tokyo, which has had no
 * daylight saving since 1951, so a fixed +9 h offset is exact for every date this product handles.
 */
const tokyoOffsetMs = 9 * 60 * 60 * 1000;

interface Era {
  name: string;
  /** Roman initial used in short labels such as `R6`. */
  initial: string;
  /** First day of the era (Tokyo calendar date). */
  start: { year: number; month: number; day: number };
}

/** Newest first. */
const eras: readonly Era[] = [
  { name: '令和', initial: 'R', start: { year: 2019, month: 5, day: 1 } },
  { name: '平成', initial: 'H', start: { year: 1989, month: 1, day: 8 } },
  { name: '昭和', initial: 'S', start: { year: 1926, month: 12, day: 25 } },
];

/** The calendar date in Tokyo of an instant. */
export const tokyoDate = (date: Date): { year: number; month: number; day: number } => {
  const shifted = new Date(date.getTime() + tokyoOffsetMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
};

/** The calendar date in Tokyo of an instant as ISO text (YYYY-MM-DD), as `date` columns hold it. */
export const tokyoIsoDate = (date: Date): string =>
  new Date(date.getTime() + tokyoOffsetMs).toISOString().slice(0, 10);

const compareDates = (
  a: { year: number; month: number; day: number },
  b: { year: number; month: number; day: number },
): number => a.year - b.year || a.month - b.month || a.day - b.day;

const eraOf = (date: { year: number; month: number; day: number }): Era => {
  const era = eras.find((candidate) => compareDates(date, candidate.start) >= 0);
  if (!era) throw new RangeError(`Dates before 昭和 are not supported: ${date.year}-${date.month}`);
  return era;
};

const eraYearText = (eraYear: number): string => (eraYear === 1 ? '元' : String(eraYear));

/** Fiscal year (as the Western year it starts in) of an instant, judged in Tokyo. */
export const fiscalYearOf = (date: Date): number => {
  const { year, month } = tokyoDate(date);
  return month >= 4 ? year : year - 1;
};

/** Japanese era date label, e.g. 2019-04-30 → 平成31年, 2019-05-01 → 令和元年. */
export const eraYearLabel = (date: Date): string => {
  const day = tokyoDate(date);
  const era = eraOf(day);
  return `${era.name}${eraYearText(day.year - era.start.year + 1)}年`;
};

/** An instant's Tokyo calendar day in the era form official documents use: `令和8年12月6日`. */
export const eraDateLabel = (date: Date): string => {
  const day = tokyoDate(date);
  return `${eraYearLabel(date)}${day.month}月${day.day}日`;
};

/**
 * The era a fiscal year is named after. A fiscal year is named after the era that holds most of it,
 * which is how the government names them: FY2019 (began 平成31年4月) is 令和元年度 and FY1988 (ended
 * 平成元年3月) is 昭和63年度. The era in force on 1 October, the fiscal year's midpoint, gives exactly that.
 */
const fiscalYearEra = (fiscalYear: number): { era: Era; eraYear: number } => {
  const era = eraOf({ year: fiscalYear, month: 10, day: 1 });
  return { era, eraYear: fiscalYear - era.start.year + 1 };
};

/** `令和6年度` for 2024, `令和元年度` for 2019. */
export const fiscalYearLabel = (fiscalYear: number): string => {
  const { era, eraYear } = fiscalYearEra(fiscalYear);
  return `${era.name}${eraYearText(eraYear)}年度`;
};

/** `R6` for 2024, `R1` for 2019, `H30` for 2018: the prefix of proposal numbers and project codes. */
export const fiscalYearShortLabel = (fiscalYear: number): string => {
  const { era, eraYear } = fiscalYearEra(fiscalYear);
  return `${era.initial}${eraYear}`;
};

/** Parses `R6`, `令和6年度`, `令和元年度`, `2024` back to 2024. Returns undefined for anything else. */
export const parseFiscalYear = (text: string): number | undefined => {
  const value = text.normalize('NFKC').trim();
  if (/^\d{4}$/.test(value)) return Number(value);
  const short = /^([A-Za-z])(\d{1,2})$/.exec(value);
  const long = /^(\p{Script=Han}{2})(元|\d{1,2})年度?$/u.exec(value);
  const era = short
    ? eras.find((candidate) => candidate.initial === short[1]!.toUpperCase())
    : long
      ? eras.find((candidate) => candidate.name === long[1])
      : undefined;
  if (!era) return undefined;
  const eraYearText = short ? short[2]! : long![2]!;
  const eraYear = eraYearText === '元' ? 1 : Number(eraYearText);
  if (eraYear < 1) return undefined;
  const fiscalYear = era.start.year + eraYear - 1;
  // 平成31年度 is a real name of FY2019, 平成32年度 is not: the fiscal year must begin before the next era.
  const nextEra = eras[eras.indexOf(era) - 1];
  const beginsInEra = !nextEra || compareDates({ year: fiscalYear, month: 4, day: 1 }, nextEra.start) < 0;
  // 昭和元年度 is not one either (FY1926 is 大正15年度): the era must be in force by the midpoint.
  const inEraByMidpoint = compareDates({ year: fiscalYear, month: 10, day: 1 }, era.start) >= 0;
  return beginsInEra && inEraByMidpoint ? fiscalYear : undefined;
};

/** First and last instants of a calendar month in Tokyo (start inclusive, end exclusive). */
export const tokyoMonthRange = (year: number, month: number): { start: Date; end: Date } => ({
  start: new Date(Date.UTC(year, month - 1, 1) - tokyoOffsetMs),
  end: new Date(Date.UTC(year, month, 1) - tokyoOffsetMs),
});

/** First and last instants of a fiscal year (start inclusive, end exclusive), as UTC instants. */
export const fiscalYearRange = (fiscalYear: number): { start: Date; end: Date } => ({
  start: new Date(Date.UTC(fiscalYear, 3, 1) - tokyoOffsetMs),
  end: new Date(Date.UTC(fiscalYear + 1, 3, 1) - tokyoOffsetMs),
});

/**
 * The fiscal year a page opens on when none is asked for: the current one when it has data, else the
 * latest that has (a new fiscal year starts empty, and a newcomer should see the product, not
 * 「まだありません」), else the current one.
 */
export const defaultFiscalYear = (current: number, yearsWithData: readonly number[]): number =>
  yearsWithData.length === 0 || yearsWithData.includes(current) ? current : Math.max(...yearsWithData);

/** The years a year picker offers: those with data, the current one and the one shown, newest first. */
export const offeredFiscalYears = (
  current: number,
  yearsWithData: readonly number[],
  shown: number,
): { fiscalYear: number; label: string }[] =>
  [...new Set([...yearsWithData, current, shown])]
    .sort((a, b) => b - a)
    .map((year) => ({ fiscalYear: year, label: fiscalYearLabel(year) }));
