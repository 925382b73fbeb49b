import { describe, expect, it } from 'vitest';
import {
  formatProposalNumber,
  parseProposalNumber,
  initialProposalCategoryCodes,
  proposalLimits,
  ProposalInputSchema,
} from '#shared';

const valid = {
  title: '会議資料のペーパレス化',
  body: '庁内会議の資料を電子化する。',
  category: 'paperless',
};

/** The messages of a failed parse, by field. */
const issuesOf = (input: unknown): Record<string, string[]> => {
  const result = ProposalInputSchema.safeParse(input);
  if (result.success) throw new Error(`expected a validation error, got ${JSON.stringify(result.data)}`);
  const issues: Record<string, string[]> = {};
  for (const issue of result.error.issues) (issues[issue.path.join('.')] ??= []).push(issue.message);
  return issues;
};

describe('formatProposalNumber', () => {
  it.each([
    [2024, 1, 'R6-0001'],
    [2024, 42, 'R6-0042'],
    [2024, 9999, 'R6-9999'],
    [2024, 10000, 'R6-10000'],
    [2025, 1, 'R7-0001'],
    [2019, 7, 'R1-0007'],
    [2018, 123, 'H30-0123'],
  ])('FY%i #%i is %s', (fiscalYear, sequence, expected) => {
    expect(formatProposalNumber(fiscalYear, sequence)).toBe(expected);
  });
});

describe('parseProposalNumber', () => {
  it.each([
    ['R6-0001', 2024, 1],
    ['R6-0042', 2024, 42],
    ['R6-10000', 2024, 10000],
    ['R6-999999', 2024, 999999],
    ['r6-0001', 2024, 1],
    ['Ｒ６－０００１', 2024, 1],
    [' R6-0001 ', 2024, 1],
    ['R1-0007', 2019, 7],
    ['H30-0123', 2018, 123],
  ])('%s is FY%i #%i', (value, fiscalYear, sequence) => {
    expect(parseProposalNumber(value)).toEqual({ fiscalYear, sequence });
  });

  it('round-trips formatProposalNumber', () => {
    for (const fiscalYear of [1988, 1989, 2018, 2019, 2024, 2025, 2030]) {
      for (const sequence of [1, 9, 10, 999, 1000, 9999, 10000, 999999]) {
        expect(parseProposalNumber(formatProposalNumber(fiscalYear, sequence))).toEqual({
          fiscalYear,
          sequence,
        });
      }
    }
  });

  it.each([
    'R6-0000', // sequences start at 1
    'R6-001', // at least four digits
    'R6-1',
    'R6-1234567',
    'R0-0001',
    'H32-0001', // FY2020 is R2
    'X6-0001',
    'R6_0001',
    'R6 0001',
    'R60001',
    '令和6年度-0001',
    '2024-0001',
    'R6-',
    '-0001',
    'R6-00a1',
    'R6-0001-1',
    '',
  ])('%j is not a proposal number', (value) => {
    expect(parseProposalNumber(value)).toBeUndefined();
  });
});

describe('ProposalInputSchema', () => {
  it('accepts a valid proposal and fills in the optional fields', () => {
    expect(ProposalInputSchema.parse(valid)).toEqual({
      ...valid,
      coProposerIds: [],
      priorityProjectIds: [],
    });
  });

  it('accepts a proposal without expectedEffect (Teams leaves empty card inputs out)', () => {
    const result = ProposalInputSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data?.expectedEffect).toBeUndefined();
  });

  it.each(['', '   ', null, undefined])('turns expectedEffect %j into undefined', (expectedEffect) => {
    expect(ProposalInputSchema.parse({ ...valid, expectedEffect }).expectedEffect).toBeUndefined();
  });

  it('keeps a trimmed expectedEffect', () => {
    expect(
      ProposalInputSchema.parse({ ...valid, expectedEffect: '  年間100時間の削減\r\n' }).expectedEffect,
    ).toBe('年間100時間の削減');
  });

  it('trims and normalises line endings in title and body', () => {
    const parsed = ProposalInputSchema.parse({
      ...valid,
      title: '　 会議資料のペーパレス化 \n',
      body: '\r\n一行目\r\n二行目\r三行目\n',
    });
    expect(parsed.title).toBe('会議資料のペーパレス化');
    expect(parsed.body).toBe('一行目\n二行目\n三行目');
  });

  // The shape of a code; whether the category exists and is offered is the server's check (the list
  // is the office's data).
  it.each([...initialProposalCategoryCodes, 'new-category'])('accepts the category code %s', (category) => {
    expect(ProposalInputSchema.parse({ ...valid, category }).category).toBe(category);
  });

  it('asks for a category when none is chosen', () => {
    expect(issuesOf({ ...valid, category: '' })).toEqual({ category: ['分類を選んでください。'] });
  });

  it.each(['Paperless', 'ペーパレス化', ' other'])('refuses the category %j', (category) => {
    expect(issuesOf({ ...valid, category })).toEqual({ category: ['分類の値が正しくありません。'] });
  });

  it('refuses a missing category', () => {
    expect(issuesOf({ title: valid.title, body: valid.body })).toEqual({
      category: ['分類を選んでください。'],
    });
  });

  it.each([undefined, null])('asks for a missing title (%j) in Japanese', (title) => {
    expect(issuesOf({ ...valid, title })).toEqual({ title: ['件名を入力してください。'] });
  });

  it.each(['', '   ', '\r\n\t'])('asks for a blank title (%j) in Japanese', (title) => {
    expect(issuesOf({ ...valid, title })).toEqual({ title: ['件名を入力してください。'] });
  });

  it('asks for a missing body in Japanese', () => {
    expect(issuesOf({ title: valid.title, category: valid.category })).toEqual({
      body: ['提案内容を入力してください。'],
    });
  });

  it('refuses a title that is not a string', () => {
    expect(issuesOf({ ...valid, title: 42 })).toEqual({ title: ['件名は文字列で入力してください。'] });
  });

  it('refuses an expectedEffect that is not a string', () => {
    expect(issuesOf({ ...valid, expectedEffect: 42 })).toEqual({
      expectedEffect: ['期待される効果は文字列で入力してください。'],
    });
  });

  describe('lengths, counted in code points', () => {
    it('accepts a title of exactly 100 characters', () => {
      expect(ProposalInputSchema.parse({ ...valid, title: 'あ'.repeat(100) }).title).toHaveLength(100);
    });

    it('refuses a title of 101 characters', () => {
      expect(issuesOf({ ...valid, title: 'あ'.repeat(101) })).toEqual({
        title: ['件名は100文字以内で入力してください。'],
      });
    });

    it('counts an emoji or a supplementary kanji as one character', () => {
      // 99 + 1 emoji is 100 code points but 101 UTF-16 units.
      expect(ProposalInputSchema.safeParse({ ...valid, title: `${'あ'.repeat(99)}👍` }).success).toBe(true);
      expect(ProposalInputSchema.safeParse({ ...valid, title: '𠮷'.repeat(100) }).success).toBe(true);
      expect(issuesOf({ ...valid, title: `${'あ'.repeat(100)}👍` })).toEqual({
        title: ['件名は100文字以内で入力してください。'],
      });
    });

    it('counts after trimming, so surrounding spaces do not count', () => {
      expect(ProposalInputSchema.safeParse({ ...valid, title: `  ${'a'.repeat(100)}  ` }).success).toBe(true);
    });

    it('accepts a body of 2000 characters and refuses 2001', () => {
      expect(proposalLimits.body).toBe(2000);
      expect(ProposalInputSchema.safeParse({ ...valid, body: 'い'.repeat(2000) }).success).toBe(true);
      expect(issuesOf({ ...valid, body: 'い'.repeat(2001) })).toEqual({
        body: ['提案内容は2000文字以内で入力してください。'],
      });
    });

    it('counts a CRLF line break as one character', () => {
      const body = 'い\r\n'.repeat(1000); // 3000 UTF-16 units; 1999 characters once cleaned and trimmed
      expect(ProposalInputSchema.parse({ ...valid, body }).body).toBe('い\n'.repeat(999) + 'い');
    });

    it('accepts an expectedEffect of 1000 characters and refuses 1001', () => {
      expect(ProposalInputSchema.safeParse({ ...valid, expectedEffect: 'う'.repeat(1000) }).success).toBe(
        true,
      );
      expect(issuesOf({ ...valid, expectedEffect: 'う'.repeat(1001) })).toEqual({
        expectedEffect: ['期待される効果は1000文字以内で入力してください。'],
      });
    });
  });

  describe('forbidden characters', () => {
    it.each([
      ['NUL', '\u0000'],
      ['BEL', '\u0007'],
      ['escape', '\u001B'],
      ['DEL', '\u007F'],
      ['next line U+0085', '\u0085'],
      ['byte-order mark', '\uFEFF'],
      ['lone high surrogate', '\uD800'],
      ['lone low surrogate', '\uDC00'],
    ])('refuses %s inside the title, the body and the expected effect', (_name, character) => {
      expect(issuesOf({ ...valid, title: `件${character}名` })).toEqual({
        title: ['件名に使用できない文字が含まれています。'],
      });
      expect(issuesOf({ ...valid, body: `本${character}文` })).toEqual({
        body: ['提案内容に使用できない文字が含まれています。'],
      });
      expect(issuesOf({ ...valid, expectedEffect: `効${character}果` })).toEqual({
        expectedEffect: ['期待される効果に使用できない文字が含まれています。'],
      });
    });

    it('keeps tabs, line breaks and emoji in the body', () => {
      const body = '項目\t内容\n一行目 😊\n二行目';
      expect(ProposalInputSchema.parse({ ...valid, body }).body).toBe(body);
    });
  });

  describe('coProposerIds and priorityProjectIds', () => {
    const projectA = '10000000-0000-4000-8000-000000000001';
    const projectB = '10000000-0000-4000-8000-000000000002';
    it('splits a comma-joined string (as the people picker sends it) and trims the ids', () => {
      const parsed = ProposalInputSchema.parse({
        ...valid,
        coProposerIds: ' id-1, id-2 ,,id-3,',
        priorityProjectIds: `${projectA}, ${projectB}`,
      });
      expect(parsed.coProposerIds).toEqual(['id-1', 'id-2', 'id-3']);
      expect(parsed.priorityProjectIds).toEqual([projectA, projectB]);
    });

    it('refuses a project id that is not a UUID (it would reach a uuid column)', () => {
      expect(ProposalInputSchema.safeParse({ ...valid, priorityProjectIds: 'p-1' }).success).toBe(false);
    });

    it('accepts an array and drops blank entries', () => {
      const parsed = ProposalInputSchema.parse({ ...valid, coProposerIds: [' id-1 ', '', 'id-2'] });
      expect(parsed.coProposerIds).toEqual(['id-1', 'id-2']);
    });

    it('turns an empty string into an empty list', () => {
      const parsed = ProposalInputSchema.parse({ ...valid, coProposerIds: '', priorityProjectIds: '' });
      expect(parsed.coProposerIds).toEqual([]);
      expect(parsed.priorityProjectIds).toEqual([]);
    });

    it('accepts 10 co-proposers and refuses 11', () => {
      const ids = (count: number) => Array.from({ length: count }, (_, index) => `id-${index}`);
      expect(
        ProposalInputSchema.parse({ ...valid, coProposerIds: ids(10).join(',') }).coProposerIds,
      ).toHaveLength(10);
      expect(issuesOf({ ...valid, coProposerIds: ids(11).join(',') })).toEqual({
        coProposerIds: ['共同提案者は10人までです。'],
      });
      expect(issuesOf({ ...valid, coProposerIds: ids(11) })).toEqual({
        coProposerIds: ['共同提案者は10人までです。'],
      });
    });

    it('refuses ids that are not strings', () => {
      expect(ProposalInputSchema.safeParse({ ...valid, coProposerIds: [1, 2] }).success).toBe(false);
    });
  });

  it('reports every invalid field at once', () => {
    expect(Object.keys(issuesOf({ title: '', body: 'x'.repeat(2001), category: 'Nope' })).sort()).toEqual([
      'body',
      'category',
      'title',
    ]);
  });
});
