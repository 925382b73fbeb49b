import { describe, expect, it } from 'vitest';
import { similarProposalThreshold, similarProposalThresholdAt } from '#shared';

/**
 * The similar check's threshold by the number of proposals its weights were taken at (fitted in
 * docs/benchmarks.md, "With few proposals"): strict while the history is small, the evaluation set's
 * 0.28 once it is long.
 */
describe('similarProposalThresholdAt', () => {
  it('asks for more with fewer proposals, and never less than the long-history threshold', () => {
    const totals = [0, 1, 2, 3, 5, 10, 20, 50, 100, 183, 1_000, 100_000, 10_000_000];
    const thresholds = totals.map(similarProposalThresholdAt);
    for (const [index, threshold] of thresholds.entries()) {
      expect(threshold).toBeGreaterThanOrEqual(similarProposalThreshold);
      if (index > 1) expect(threshold).toBeLessThan(thresholds[index - 1]!);
    }
  });

  it('is 0.48 for the first proposal of an installation (and for none), about 0.325 at ten, 0.28 at length', () => {
    expect(similarProposalThresholdAt(0)).toBeCloseTo(0.48, 6);
    expect(similarProposalThresholdAt(1)).toBeCloseTo(0.48, 6);
    expect(similarProposalThresholdAt(10)).toBeCloseTo(0.325, 3);
    expect(similarProposalThresholdAt(183)).toBeCloseTo(0.287, 3);
    expect(similarProposalThresholdAt(100_000)).toBeCloseTo(0.28, 3);
  });
});
