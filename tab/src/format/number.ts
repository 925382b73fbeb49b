const countFormat = new Intl.NumberFormat('ja-JP');

/** A count as the prefecture writes it: `3,000`. */
export const formatCount = (value: number): string => countFormat.format(value);

/**
 * A share the server computed (percent, already rounded to one decimal) → `29.5%`. Only formatted,
 * never recomputed, so the tab shows exactly the plan's figures.
 */
export const formatShare = (percent: number): string => `${percent.toFixed(1)}%`;
