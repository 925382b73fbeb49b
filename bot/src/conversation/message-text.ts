import type { QuotedMessage } from './activity';

/**
 * The plain text of a Teams message body (HTML when `contentType` is `html`): tags dropped, block
 * ends and `<br>` as line breaks, mentions and links as their text, entities decoded, attachments
 * and embedded code/styles left out, blank lines collapsed. The result is shown only through the card
 * builders, which escape it again; nothing here needs to make HTML safe, only readable.
 */
const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return namedEntities[name.toLowerCase()] ?? entity;
  });

export const htmlToText = (html: string): string =>
  decodeEntities(
    html
      .replace(/<(script|style|attachment)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre)\s*>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '・')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** The text of the message a message action was used on. */
export const textOfMessage = (message: QuotedMessage): string =>
  message.contentType === 'html' ? htmlToText(message.content) : message.content.trim();
