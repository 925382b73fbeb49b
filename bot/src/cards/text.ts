import { tokyoDate } from '#shared';

/**
 * Text that people typed (titles, messages, names, answers) is shown in other people's cards, where
 * TextBlock and Fact text is Markdown. `plainText` makes any string render as itself:
 *
 * - inline markers are backslash-escaped everywhere: \ * _ [ ] ( ) ` ~ | < ! {  (CommonMark accepts a
 *   backslash before any ASCII punctuation, so the escape itself never shows);
 * - block markers only matter at the start of a line and are escaped there: # > - + = and `1.`;
 * - `{` is always escaped, so neither `${…}` (card templating) nor `{{DATE(…)}}` (text functions)
 *   can ever be expanded;
 * - an entity-like `&amp;` keeps its ampersand literal;
 * - Markdown needs a blank line for a visible line break, so each line becomes its own paragraph
 *   (leading ASCII spaces are dropped: four of them would start a code block).
 */
export const plainText = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeLine(line.replace(/^[ \t]+|[ \t]+$/g, '')))
    .filter((line) => line.length > 0)
    .join('\n\n');

const escapeLine = (line: string): string =>
  line
    .replace(/[\\*_[\]()`~|<!{]/g, '\\$&')
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
    .replace(/^[#>+=-]/, '\\$&')
    .replace(/^(\d{1,9})\.(?=\s|$)/, '$1\\.');

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** At most `max` characters (graphemes, so emoji stay whole), ending in 「…」 when cut. */
export const truncate = (text: string, max: number): string => {
  const parts = Array.from(graphemes.segment(text), (segment) => segment.segment);
  return parts.length <= max ? text : `${parts.slice(0, Math.max(0, max - 1)).join('')}…`;
};

/** Line breaks and runs of white space as one space: for one-line previews. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const toDate = (value: Date | string): Date | undefined => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** `2024年6月10日`, the calendar date in Tokyo; an unreadable value gives an empty string. */
export const formatDate = (value: Date | string): string => {
  const date = toDate(value);
  if (!date) return '';
  const { year, month, day } = tokyoDate(date);
  return `${year}年${month}月${day}日`;
};

/** `2024年6月10日 9:05` in Tokyo time. */
export const formatDateTime = (value: Date | string): string => {
  const date = toDate(value);
  if (!date) return '';
  const tokyo = new Date(date.getTime() + 9 * 60 * 60 * 1000);
  const minutes = String(tokyo.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(date)} ${tokyo.getUTCHours()}:${minutes}`;
};
