// When things happen in the demo year (FY2024, 令和6年度): submissions, decisions and project links.
// Every draw goes through the seeded generator, so the dates are the same on every run.
import { addDays, tokyoTime, type Random } from './demo-random';

const fiscalYearEnd = tokyoTime(2025, 3, 31, 18, 0);
/** The first project team meeting (R6.8.6) chose the priority projects; links come after it. */
export const projectsChosenAt = tokyoTime(2024, 8, 7, 10, 0);

/** Submissions are busiest in spring and after the summer; month numbers in fiscal-year order. */
const monthWeights: readonly (readonly [readonly [number, number], number])[] = [
  [[2024, 4], 13],
  [[2024, 5], 11],
  [[2024, 6], 10],
  [[2024, 7], 9],
  [[2024, 8], 7],
  [[2024, 9], 9],
  [[2024, 10], 10],
  [[2024, 11], 9],
  [[2024, 12], 7],
  [[2025, 1], 8],
  [[2025, 2], 9],
  [[2025, 3], 8],
];

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const isWeekend = (year: number, month: number, day: number) => {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** A working-hours instant in a random month of FY2024, mostly on weekdays. */
export const submissionTime = (random: Random): Date => {
  const [year, month] = random.weighted(monthWeights);
  let day = random.int(1, daysInMonth(year, month));
  while (isWeekend(year, month, day) && random.chance(0.85)) day = random.int(1, daysInMonth(year, month));
  return tokyoTime(year, month, day, random.int(8, 18), random.int(0, 59));
};

/** Between a few days and a few months later, inside the fiscal year. */
export const laterInYear = (random: Random, from: Date, minDays: number, maxDays: number): Date => {
  const candidate = addDays(from, random.int(minDays, maxDays) + random.next());
  if (candidate <= fiscalYearEnd) return candidate;
  const latest = Math.max(fiscalYearEnd.getTime(), from.getTime() + 3_600_000);
  return new Date(from.getTime() + (latest - from.getTime()) * (0.5 + random.next() / 2));
};

/** Links are made by the project team after it chose the projects (R6.8.6). */
export const linkTime = (decidedAt: Date): Date =>
  decidedAt > projectsChosenAt ? decidedAt : projectsChosenAt;
