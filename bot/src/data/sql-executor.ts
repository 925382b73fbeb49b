import { sql, type SQL, type SQLChunk } from 'drizzle-orm';
import type { Executor } from './database';

/**
 * Plain-SQL access in the shape pg-boss's bring-your-own-db option expects (`{ executeSql }`), so the
 * job queue runs on the same connection(s) as everything else, on PGlite and on PostgreSQL alike.
 */
export interface SqlExecutor {
  executeSql(text: string, values?: readonly unknown[]): Promise<SqlResult>;
}

export interface SqlResult {
  rows: Record<string, unknown>[];
}

const identifierChar = /[A-Za-z0-9_$\u0080-\uffff]/;
const dollarTag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** Index just past a quoted run starting at `start` (`'…'` or `"…"`; a doubled quote escapes itself). */
const skipQuoted = (text: string, start: number, quote: string, backslashEscapes: boolean): number => {
  let i = start + 1;
  while (i < text.length) {
    const char = text[i];
    if (backslashEscapes && char === '\\') i += 2;
    else if (char === quote && text[i + 1] === quote) i += 2;
    else if (char === quote) return i + 1;
    else i += 1;
  }
  return i;
};

/** Index just past a block comment starting at `start`; PostgreSQL block comments nest. */
const skipBlockComment = (text: string, start: number): number => {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return i;
};

/**
 * Turns text with PostgreSQL positional placeholders (`$1`, `$2`, … as node-postgres and pg-boss
 * write them) into a drizzle SQL object with every placeholder a bound parameter, so such text can
 * run through `tx.execute()` inside a drizzle transaction. Placeholders inside string literals,
 * quoted identifiers, dollar-quoted bodies and comments are left alone; a placeholder used twice
 * becomes two parameters with the same value. Throws on a placeholder without a value.
 */
export const positionalSql = (text: string, values: readonly unknown[] = []): SQL => {
  const chunks: SQLChunk[] = [];
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    const previous = i > 0 ? text[i - 1]! : '';
    if (char === "'") {
      const escapeString = (previous === 'E' || previous === 'e') && !identifierChar.test(text[i - 2] ?? '');
      i = skipQuoted(text, i, "'", escapeString);
    } else if (char === '"') {
      i = skipQuoted(text, i, '"', false);
    } else if (char === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (char === '/' && text[i + 1] === '*') {
      i = skipBlockComment(text, i);
    } else if (char === '$' && !identifierChar.test(previous)) {
      const digits = /^\$(\d+)/.exec(text.slice(i, i + 12));
      if (digits) {
        const index = Number(digits[1]);
        if (index < 1 || index > values.length) {
          throw new Error(`Placeholder $${index} has no value (${values.length} given)`);
        }
        if (i > copiedUpTo) chunks.push(sql.raw(text.slice(copiedUpTo, i)));
        chunks.push(sql.param(values[index - 1]));
        i += digits[0].length;
        copiedUpTo = i;
      } else {
        const tag = dollarTag.exec(text.slice(i, i + 64));
        if (tag) {
          const end = text.indexOf(tag[0], i + tag[0].length);
          i = end === -1 ? text.length : end + tag[0].length;
        } else i += 1;
      }
    } else i += 1;
  }
  if (copiedUpTo < text.length) chunks.push(sql.raw(text.slice(copiedUpTo)));
  return sql.join(chunks);
};

/**
 * An SqlExecutor that runs inside a drizzle transaction (or on the database itself), for pg-boss's
 * per-call `db` option: a job sent through it is inserted by the caller's transaction and exists
 * exactly when that transaction commits. One statement per call (extended protocol).
 */
export const transactionSql = (executor: Executor): SqlExecutor => ({
  executeSql: async (text, values) => {
    const result = (await executor.execute(positionalSql(text, values ?? []))) as unknown as SqlResult;
    return { rows: result.rows };
  },
});
