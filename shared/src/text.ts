import { z } from 'zod';
import ja from 'zod/v4/locales/ja.js';

// zod's own messages (wrong type, unknown key, not an object…) in Japanese: every schema of the
// product imports this module, and a person or the tab may read any of those messages.
z.config(ja());

/**
 * Control characters other than tab and newline, lone surrogates and the byte-order mark have no
 * place in a proposal; they are refused rather than silently stripped so nothing accepted changes.
 */
// eslint-disable-next-line no-control-regex
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]|\p{Cs}/u;

export const hasForbiddenCharacters = (value: string): boolean => forbiddenCharacters.test(value);

/**
 * Text from outside that is stored as given (a Teams display name, a token claim): PostgreSQL text
 * and jsonb refuse NUL and lone surrogates, so those become U+FFFD instead of failing every turn.
 */
// eslint-disable-next-line no-control-regex
export const storableText = (value: string): string => value.replace(/\u0000|\p{Cs}/gu, '\uFFFD');

/** Longest display name kept: Entra allows 256; anything longer is cut, not refused (it is not content). */
export const maxDisplayNameLength = 256;

/** A person's name from Teams or a token, as stored and shown on cards sent to others. */
export const storableDisplayName = (value: string): string =>
  [...storableText(value).trim()].slice(0, maxDisplayNameLength).join('');

/** `a, b,,c` (a card's multi-select, a query string, a setting) → `['a', 'b', 'c']`, without duplicates. */
export const splitCommaList = (value: string | readonly string[] | null | undefined): string[] => [
  ...new Set(
    (typeof value === 'string' ? [value] : (value ?? []))
      .flatMap((part) => part.split(','))
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

/** A list input that arrives comma-joined (card inputs, query strings) or as an array (JSON). */
export const commaListField = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => splitCommaList(value));

/** Line endings as one `\n`, outer white space trimmed. */
export const cleanText = (value: string): string => value.replace(/\r\n?/g, '\n').trim();

/** A trimmed text field with Japanese messages. */
export const textField = (label: string, max: number) =>
  z
    .string({
      // Teams leaves an empty card input out of the data, so a missing field means "not filled in".
      error: (issue) =>
        issue.input == null ? `${label}を入力してください。` : `${label}は文字列で入力してください。`,
    })
    .transform(cleanText)
    .refine((value) => !hasForbiddenCharacters(value), {
      error: `${label}に使用できない文字が含まれています。`,
    })
    .refine((value) => [...value].length <= max, { error: `${label}は${max}文字以内で入力してください。` });

export const requiredTextField = (label: string, max: number) =>
  textField(label, max).refine((value) => value.length > 0, { error: `${label}を入力してください。` });

/** Optional text: empty strings (as card inputs send them) become undefined. The key may be left out. */
export const optionalTextField = (label: string, max: number) =>
  textField(label, max)
    .nullish()
    .transform((value) => (value ? value : undefined));

/** For edits: absent stays unchanged (undefined), empty or null clears (null). */
export const clearableTextField = (label: string, max: number) =>
  z
    .union([textField(label, max), z.null()])
    .transform((value) => (value ? value : null))
    .optional();

/** A UUID (Entra object ids and our own ids), checked before it reaches a uuid column. */
export const isUuid = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
