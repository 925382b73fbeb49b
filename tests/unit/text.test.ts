import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cleanText,
  hasForbiddenCharacters,
  isUuid,
  optionalTextField,
  requiredTextField,
  textField,
} from '#shared';

const messagesOf = (schema: z.ZodType, input: unknown): string[] => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('hasForbiddenCharacters', () => {
  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['backspace', '\u0008'],
    ['vertical tab', '\u000B'],
    ['form feed', '\u000C'],
    ['shift out', '\u000E'],
    ['escape', '\u001B'],
    ['unit separator', '\u001F'],
    ['DEL', '\u007F'],
    ['C1 control U+0080', '\u0080'],
    ['next line U+0085', '\u0085'],
    ['C1 control U+009F', '\u009F'],
    ['byte-order mark', '\uFEFF'],
    ['lone high surrogate', '\uD800'],
    ['lone low surrogate', '\uDC00'],
    ['surrogates in the wrong order', '\uDC00\uD800'],
    ['high surrogate at the end', 'abc\uD83D'],
  ])('refuses %s', (_name, character) => {
    expect(hasForbiddenCharacters(character)).toBe(true);
    expect(hasForbiddenCharacters(`提案${character}です`)).toBe(true);
  });

  it.each([
    ['plain Japanese', '職員提案です。'],
    ['full-width letters and digits', 'ＤＸ２０２４'],
    ['newline', 'a\nb'],
    ['carriage return (cleaned before the check)', 'a\r\nb'],
    ['tab', 'a\tb'],
    ['space and full-width space', 'a b\u3000c'],
    ['no-break space U+00A0', 'a\u00A0b'],
    ['emoji', '👍🙏✨'],
    ['emoji with ZWJ and skin tone', '👩🏽‍💻'],
    ['supplementary kanji', '𠮷野家'],
    ['right-to-left mark U+200F', 'a\u200Fb'],
    ['left-to-right mark U+200E', 'a\u200Eb'],
    ['zero-width joiner', 'a\u200Db'],
    ['tilde', '~'],
    ['empty string', ''],
  ])('allows %s', (_name, value) => {
    expect(hasForbiddenCharacters(value)).toBe(false);
  });

  it('refuses exactly the C0 controls but tab, LF and CR, DEL, and the C1 controls in U+0000–U+00FF', () => {
    const refused: number[] = [];
    for (let codePoint = 0; codePoint <= 0xff; codePoint += 1) {
      if (hasForbiddenCharacters(String.fromCodePoint(codePoint))) refused.push(codePoint);
    }
    const expected = [];
    for (let codePoint = 0; codePoint <= 0xff; codePoint += 1) {
      const isControl = codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);
      if (isControl && ![0x09, 0x0a, 0x0d].includes(codePoint)) expected.push(codePoint);
    }
    expect(refused).toEqual(expected);
  });
});

describe('cleanText', () => {
  it.each([
    ['a\r\nb', 'a\nb'],
    ['a\rb', 'a\nb'],
    ['a\r\r\nb', 'a\n\nb'],
    ['a\n\nb', 'a\n\nb'],
    ['一行目\r\n二行目\r\n', '一行目\n二行目'],
    ['  padded  ', 'padded'],
    ['\u3000全角スペース\u3000', '全角スペース'],
    ['\t\r\n tabs and breaks \r\n\t', 'tabs and breaks'],
    ['inner  spaces\tkept', 'inner  spaces\tkept'],
    ['', ''],
    [' \r\n ', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = cleanText(' a\r\nb\rc \r\n');
    expect(cleanText(once)).toBe(once);
  });
});

describe('textField', () => {
  const field = textField('件名', 5);

  it('cleans the text', () => {
    expect(field.parse(' ab\r\nc ')).toBe('ab\nc');
  });

  it('allows an empty string', () => {
    expect(field.parse('')).toBe('');
  });

  it('counts code points against the limit', () => {
    expect(field.parse('👍👍👍👍👍')).toBe('👍👍👍👍👍');
    expect(messagesOf(field, 'あいうえおか')).toEqual(['件名は5文字以内で入力してください。']);
  });

  it('uses the label in its messages', () => {
    expect(messagesOf(field, 1)).toEqual(['件名は文字列で入力してください。']);
    expect(messagesOf(field, 'a\u0000b')).toEqual(['件名に使用できない文字が含まれています。']);
    expect(messagesOf(textField('本文', 3), 'abcd')).toEqual(['本文は3文字以内で入力してください。']);
  });
});

describe('requiredTextField', () => {
  const field = requiredTextField('提案内容', 10);

  it.each(['', '  ', '\r\n', '\u3000'])('asks for input when given %j', (input) => {
    expect(messagesOf(field, input)).toEqual(['提案内容を入力してください。']);
  });

  it.each([undefined, null])('asks for input when the value is %j', (input) => {
    expect(messagesOf(field, input)).toEqual(['提案内容を入力してください。']);
  });

  it('accepts text', () => {
    expect(field.parse(' 提案 ')).toBe('提案');
  });
});

describe('optionalTextField', () => {
  const field = optionalTextField('期待される効果', 10);

  it.each(['', '   ', null, undefined])('turns %j into undefined', (input) => {
    expect(field.parse(input)).toBeUndefined();
  });

  it('keeps cleaned text', () => {
    expect(field.parse(' 効果 ')).toBe('効果');
  });

  it('still checks length, characters and type', () => {
    expect(messagesOf(field, 'あ'.repeat(11))).toEqual(['期待される効果は10文字以内で入力してください。']);
    expect(messagesOf(field, '\uFEFF効果\uFEFF!')).toEqual([
      '期待される効果に使用できない文字が含まれています。',
    ]);
    expect(messagesOf(field, 3)).toEqual(['期待される効果は文字列で入力してください。']);
  });

  it('may be left out of an object', () => {
    const schema = z.object({ note: optionalTextField('備考', 10) });
    expect(schema.parse({})).toEqual({});
    expect(schema.parse({ note: '' })).toEqual({ note: undefined });
  });
});

describe('isUuid', () => {
  it('accepts UUIDs in either case and refuses anything else', () => {
    expect(isUuid('5d2e8c1a-3b4f-4a6d-9e7c-2f1a0b3c4d5e')).toBe(true);
    expect(isUuid('5D2E8C1A-3B4F-4A6D-9E7C-2F1A0B3C4D5E')).toBe(true);
    for (const bad of [
      '',
      '5d2e8c1a3b4f4a6d9e7c2f1a0b3c4d5e',
      '5d2e8c1a-3b4f-4a6d-9e7c-2f1a0b3c4d5',
      "x' or '1'='1",
      '29:abc',
    ]) {
      expect(isUuid(bad), bad).toBe(false);
    }
  });
});
