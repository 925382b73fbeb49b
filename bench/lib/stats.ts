/** Percentile by nearest rank over unsorted samples (0 for none). */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
};

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/**
 * The median of each numeric field over rounds (fields missing from a round are skipped), so the
 * report shows one figure per measurement and keeps the rounds for whoever wants the spread.
 */
export const medianOfRounds = <T extends Record<string, number>>(rounds: readonly T[]): T => {
  const keys = new Set(rounds.flatMap((r) => Object.keys(r)));
  return Object.fromEntries(
    [...keys].map((key) => [
      key,
      round(
        median(rounds.map((r) => r[key]).filter((v): v is NonNullable<typeof v> => typeof v === 'number')),
        3,
      ),
    ]),
  ) as T;
};
