import fc from 'fast-check';
import { cleanText } from '#shared/text';

/**
 * fast-check arbitraries for what people (or attackers) may put into a card or an API call: wrong
 * types, missing or extra fields, huge strings, control characters, lone surrogates, emoji, right-to-
 * left marks, HTML/script, SQL fragments, Adaptive Card template syntax and Markdown. Shared by the
 * property-based tests of the bot's card actions and of the tab API.
 */
export const hostileFragments = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  "'; drop table proposals; --",
  "' or '1'='1",
  '1; select pg_sleep(10)',
  '${user.name}',
  '${$root.secret}',
  '{{DATE(2024-06-10T00:00:00Z, SHORT)}}',
  '**太字** _斜体_ ~~取消~~ `code`',
  '[リンク](https://evil.example/)',
  '![画像](https://evil.example/x.png)',
  '# 見出し',
  '> 引用',
  '- 項目',
  '1. 番号',
  '| a | b |',
  '&amp; &lt; &#36;',
  '\\',
  '"',
  "'",
  '\u202Eevil\u202C',
  '\u200F\u200E\u061C',
  '\u200B\u2060',
  '👍✨👨‍👩‍👧‍👦🇯🇵',
  '𠮷野家',
  'ｶﾀｶﾅ　全角スペース',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(1+1)',
  '\r\n',
  '\n\n\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001B[31m',
  '\u007F',
  '\u0085',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '会議資料のペーパレス化',
];

/** Strings of every kind, from curated fragments to arbitrary code points (lone surrogates included). */
export const hostileString = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .array(fc.constantFrom(...hostileFragments), { minLength: 1, maxLength: 4 })
        .map((parts) => parts.join(' ')),
    },
    { weight: 2, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '　') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('あ', 'a', '👍', '<'), fc.integer({ min: 1_000, max: 20_000 }))
        .map(([unit, times]) => unit.repeat(times)),
    },
  );

/** Any JSON-ish value where a field is expected: the right kind of text, or the wrong type entirely. */
export const hostileValue = (maxLength = 300): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: hostileString(maxLength) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(hostileString(20), { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    },
  );

/**
 * An object built from `valid`: each field kept, dropped, or replaced by a hostile value, plus
 * possibly an unknown field. Keeping many fields valid lets the property reach deep validation.
 */
export const mutatedObject = (
  valid: Record<string, unknown>,
  fieldValue: (key: string) => fc.Arbitrary<unknown> = () => hostileValue(),
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      ...Object.keys(valid).map((key) =>
        fc.oneof(
          { weight: 2, arbitrary: fc.constant({ key, value: valid[key], keep: true }) },
          { weight: 1, arbitrary: fc.constant({ key, value: undefined, keep: false }) },
          { weight: 3, arbitrary: fieldValue(key).map((value) => ({ key, value, keep: true })) },
        ),
      ),
      fc.option(
        fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'id', 'version'), hostileValue(20)),
        {
          freq: 4,
        },
      ),
    )
    .map(([...parts]) => {
      const extra = parts.pop() as [string, unknown] | null;
      const result: Record<string, unknown> = {};
      for (const part of parts as { key: string; value: unknown; keep: boolean }[]) {
        if (part.keep) result[part.key] = part.value;
      }
      if (extra)
        Object.defineProperty(result, extra[0], { value: extra[1], enumerable: true, writable: true });
      return result;
    });

/** What the server stores for a text a person typed: line endings unified, outer white space trimmed. */
export const storedForm = (text: string): string => cleanText(text);

/** A Japanese message: at least one kana or kanji. */
export const isJapanese = (text: unknown): boolean =>
  typeof text === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(text);

/** Runs per property, moderate so the suite stays fast (it runs twice in CI). */
export const fuzzRuns = (runs: number): { numRuns: number } => ({
  numRuns: Number(process.env.FUZZ_RUNS_FACTOR ?? 1) * runs,
});
