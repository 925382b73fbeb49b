import { describe, expect, it } from 'vitest';
import { loadSimilarEval, type EvalDraft } from '../../bench/lib/similar-data';

/**
 * Shape of the similar-proposal evaluation set (bench/data/similar-eval.jsonl), from which the
 * product's threshold is chosen. Besides the labels being well formed, the two kinds of draft must not
 * differ in length: once drafts without a duplicate were much shorter than those with one, so any score
 * that grows with a text's length separated them for the wrong reason and the threshold was fitted to
 * short texts. Real staff write long and short proposals whether or not a precedent exists.
 */
const { corpus, drafts } = loadSimilarEval();
const lengthOf = (draft: EvalDraft) => [...`${draft.title}${draft.body}`].length;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const withDuplicate = drafts.filter((draft) => draft.duplicates.length > 0);
const withoutDuplicate = drafts.filter((draft) => draft.duplicates.length === 0);

describe('similar-proposal evaluation set', () => {
  it('has at least 150 drafts with a duplicate and 150 without', () => {
    expect(withDuplicate.length).toBeGreaterThanOrEqual(150);
    expect(withoutDuplicate.length).toBeGreaterThanOrEqual(150);
  });

  it('has unique ids and names only corpus proposals as duplicates', () => {
    const ids = [...corpus, ...drafts].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    const corpusIds = new Set(corpus.map((row) => row.id));
    const unknown = drafts.flatMap((draft) => draft.duplicates.filter((id) => !corpusIds.has(id)));
    expect(unknown).toEqual([]);
    for (const row of [...corpus, ...drafts]) {
      expect(row.title.trim(), row.id).not.toBe('');
      expect(row.body.trim(), row.id).not.toBe('');
    }
  });

  it('does not tell the two kinds of draft apart by length', () => {
    const [a, b] = [withDuplicate, withoutDuplicate].map((group) => median(group.map(lengthOf)));
    expect(Math.abs(a! - b!) / Math.max(a!, b!)).toBeLessThanOrEqual(0.15);
    for (const group of [withDuplicate, withoutDuplicate]) {
      const lengths = group.map(lengthOf);
      expect(lengths.filter((length) => length < 45).length).toBeGreaterThan(0);
      expect(lengths.filter((length) => length > 70).length).toBeGreaterThan(0);
    }
  });
});
