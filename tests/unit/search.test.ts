import { describe, expect, it } from 'vitest';
import { maxSearchTermLength, maxSearchTerms, searchTerms } from '#shared';

describe('searchTerms', () => {
  it.each([undefined, null, '', ' ', '\u3000', ' \t\n\u3000 '])('gives no terms for %j', (query) => {
    expect(searchTerms(query)).toEqual([]);
  });

  it('keeps a single term as it is', () => {
    expect(searchTerms('ペーパレス')).toEqual(['ペーパレス']);
  });

  it('splits on ASCII white space', () => {
    expect(searchTerms('会議 資料\tペーパレス\n化')).toEqual(['会議', '資料', 'ペーパレス', '化']);
  });

  it('splits on the full-width space U+3000', () => {
    expect(searchTerms('会議\u3000資料')).toEqual(['会議', '資料']);
    expect(searchTerms('会議\u3000\u3000 資料')).toEqual(['会議', '資料']);
  });

  it('splits on control characters and lone surrogates (PostgreSQL refuses NUL)', () => {
    expect(searchTerms('\u0000')).toEqual([]);
    expect(searchTerms('会議\u0000資料\u001B\u007F')).toEqual(['会議', '資料']);
    expect(searchTerms('\uD800会議\uDFFF')).toEqual(['会議']);
    expect(searchTerms('𠮷野家')).toEqual(['𠮷野家']);
  });

  it('ignores leading and trailing white space', () => {
    expect(searchTerms('\u3000 会議 資料 \u3000')).toEqual(['会議', '資料']);
  });

  it('applies NFKC', () => {
    expect(searchTerms('ＡＢＣ')).toEqual(['ABC']);
    expect(searchTerms('ＤＸ　２０２４')).toEqual(['DX', '2024']);
    expect(searchTerms('ﾍﾟｰﾊﾟﾚｽ')).toEqual(['ペーパレス']);
    expect(searchTerms('㍻')).toEqual(['平成']);
  });

  it('leaves letter case to the database', () => {
    expect(searchTerms('Teams')).toEqual(['Teams']);
  });

  it('drops repeated terms, also when they only differ in width', () => {
    expect(searchTerms('会議 資料 会議')).toEqual(['会議', '資料']);
    expect(searchTerms('ＡＢＣ ABC abc')).toEqual(['ABC', 'abc']);
  });

  it(`keeps the first ${maxSearchTerms} distinct terms`, () => {
    expect(maxSearchTerms).toBe(5);
    expect(searchTerms('a b c d e f g')).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Duplicates do not use up the allowance.
    expect(searchTerms('a a a a a b c d e f')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it(`cuts a term to ${maxSearchTermLength} code points`, () => {
    expect(maxSearchTermLength).toBe(50);
    expect(searchTerms('あ'.repeat(80))).toEqual(['あ'.repeat(50)]);
    expect(searchTerms('a'.repeat(50))).toEqual(['a'.repeat(50)]);
  });

  it('does not split a surrogate pair when cutting', () => {
    const [term] = searchTerms('𠮷'.repeat(60));
    expect([...term!]).toHaveLength(50);
    expect(term).toBe('𠮷'.repeat(50));
    const [emoji] = searchTerms(`${'a'.repeat(49)}👍👍`);
    expect(emoji).toBe(`${'a'.repeat(49)}👍`);
  });

  it('drops long terms that are the same once cut', () => {
    expect(searchTerms(`${'あ'.repeat(50)}い ${'あ'.repeat(50)}う`)).toEqual(['あ'.repeat(50)]);
  });
});
