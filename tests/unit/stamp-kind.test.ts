import { describe, expect, it } from 'vitest';
import { activeStampKinds, defaultStampKinds, StampKindSchema, type StampKind } from '#shared';

const kind = (code: string, sortOrder: number, isActive = true): StampKind => ({
  code,
  label: code,
  emoji: '👍',
  purpose: 'appreciation',
  isActive,
  sortOrder,
});

const validInput = { code: 'thanks', label: 'ありがとう', emoji: '🙏', purpose: 'appreciation' };

describe('defaultStampKinds', () => {
  it('offers an active 1on1 invitation', () => {
    const oneOnOne = defaultStampKinds.filter((stamp) => stamp.purpose === 'one_on_one');
    expect(oneOnOne).toHaveLength(1);
    expect(oneOnOne[0]).toMatchObject({ isActive: true, label: '1on1しませんか' });
  });

  it("offers the plan's praise and thanks stamps", () => {
    const appreciation = defaultStampKinds.filter((stamp) => stamp.purpose === 'appreciation');
    expect(appreciation.map((stamp) => stamp.label)).toEqual([
      'ありがとう',
      'ナイス！',
      'さすが',
      'おつかれさま',
    ]);
    expect(appreciation.every((stamp) => stamp.isActive)).toBe(true);
  });

  it('has unique codes and sort orders', () => {
    expect(new Set(defaultStampKinds.map((stamp) => stamp.code)).size).toBe(defaultStampKinds.length);
    expect(new Set(defaultStampKinds.map((stamp) => stamp.sortOrder)).size).toBe(defaultStampKinds.length);
  });

  it.each(defaultStampKinds.map((stamp) => [stamp.code, stamp] as const))(
    'passes its own schema: %s',
    (_code, stamp) => {
      expect(StampKindSchema.parse(stamp)).toEqual(stamp);
    },
  );

  it('is already in display order', () => {
    expect(activeStampKinds(defaultStampKinds)).toEqual(defaultStampKinds);
  });
});

describe('activeStampKinds', () => {
  it('drops retired kinds and sorts by sortOrder', () => {
    const kinds = [kind('c', 30), kind('retired', 5, false), kind('a', 10), kind('b', 20)];
    expect(activeStampKinds(kinds).map((stamp) => stamp.code)).toEqual(['a', 'b', 'c']);
  });

  it('breaks sortOrder ties by code', () => {
    const kinds = [kind('zeta', 10), kind('alpha', 10), kind('first', 0), kind('mid', 10)];
    expect(activeStampKinds(kinds).map((stamp) => stamp.code)).toEqual(['first', 'alpha', 'mid', 'zeta']);
  });

  it('does not reorder the list it is given', () => {
    const kinds = [kind('b', 2), kind('a', 1)];
    activeStampKinds(kinds);
    expect(kinds.map((stamp) => stamp.code)).toEqual(['b', 'a']);
  });

  it('gives an empty list when every kind is retired', () => {
    expect(activeStampKinds([kind('a', 1, false), kind('b', 2, false)])).toEqual([]);
    expect(activeStampKinds([])).toEqual([]);
  });
});

describe('StampKindSchema', () => {
  it('accepts a kind and fills in the defaults', () => {
    expect(StampKindSchema.parse(validInput)).toEqual({ ...validInput, isActive: true, sortOrder: 0 });
  });

  it('trims label and emoji', () => {
    expect(StampKindSchema.parse({ ...validInput, label: ' ありがとう ', emoji: ' 🙏 ' })).toMatchObject({
      label: 'ありがとう',
      emoji: '🙏',
    });
  });

  it.each(['a', '0', 'one-on-one', 'one_on_one', 'r6-kudos', 'a'.repeat(32)])(
    'accepts the code %j',
    (code) => {
      expect(StampKindSchema.parse({ ...validInput, code }).code).toBe(code);
    },
  );

  it.each([
    '',
    'Thanks', // upper case
    'THANKS',
    '-thanks', // must start with a letter or digit
    '_thanks',
    'thanks!',
    'thank you',
    'ありがとう',
    'ｔｈａｎｋｓ',
    'a'.repeat(33),
    'thanks\n',
  ])('refuses the code %j with a Japanese message', (code) => {
    const result = StampKindSchema.safeParse({ ...validInput, code });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['code'],
        message: 'コードは半角英小文字・数字・-・_ の32文字以内で入力してください。',
      }),
    ]);
  });

  it('refuses an unknown purpose', () => {
    const result = StampKindSchema.safeParse({ ...validInput, purpose: 'praise' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['用途の値が正しくありません。']);
  });

  it('needs a label and an emoji', () => {
    const result = StampKindSchema.safeParse({ ...validInput, label: ' ', emoji: '' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'スタンプ名を入力してください。',
      '絵文字を入力してください。',
    ]);
  });

  it('limits the label to 30 characters', () => {
    expect(StampKindSchema.safeParse({ ...validInput, label: 'あ'.repeat(30) }).success).toBe(true);
    const result = StampKindSchema.safeParse({ ...validInput, label: 'あ'.repeat(31) });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'スタンプ名は30文字以内で入力してください。',
    ]);
  });

  it.each([-1, 10000, 1.5])('refuses the sort order %d', (sortOrder) => {
    expect(StampKindSchema.safeParse({ ...validInput, sortOrder }).success).toBe(false);
  });

  it.each([0, 9999])('accepts the sort order %d', (sortOrder) => {
    expect(StampKindSchema.parse({ ...validInput, sortOrder }).sortOrder).toBe(sortOrder);
  });

  it('keeps isActive false', () => {
    expect(StampKindSchema.parse({ ...validInput, isActive: false }).isActive).toBe(false);
  });
});
