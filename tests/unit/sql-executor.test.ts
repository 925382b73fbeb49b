import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { positionalSql } from '../../bot/src/data/sql-executor';

const dialect = new PgDialect();
const render = (text: string, values: unknown[]) => {
  const { sql, params } = dialect.sqlToQuery(positionalSql(text, values));
  return { sql, params };
};

describe('positionalSql', () => {
  it('binds every $n placeholder as a parameter', () => {
    expect(render('select $1::int as a, $2 as b', [1, 'x'])).toEqual({
      sql: 'select $1::int as a, $2 as b',
      params: [1, 'x'],
    });
  });

  it('renumbers placeholders in order of appearance and repeats a value used twice', () => {
    expect(render('select $2, $1, $2::text', ['a', 'b'])).toEqual({
      sql: 'select $1, $2, $3::text',
      params: ['b', 'a', 'b'],
    });
    const values = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(render('select $11, $1', values).params).toEqual([11, 1]);
  });

  it('keeps arrays and objects as single parameters (uuid[] and jsonb in pg-boss)', () => {
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    const data = { dedupeKey: 'stamp:1' };
    expect(render('select unnest($1::uuid[]), $2::jsonb', [ids, data])).toEqual({
      sql: 'select unnest($1::uuid[]), $2::jsonb',
      params: [ids, data],
    });
  });

  it('leaves $n alone inside literals, quoted identifiers, dollar quotes, comments and names', () => {
    const text = [
      "select '$1', 'it''s $1', E'\\'$1', \"col$1\", \"a\"\"$1\", a$1",
      '-- $1 in a comment',
      '/* $1 /* nested $1 */ still $1 */',
      '$$ $1 $$, $tag$ $1 $tag$',
      'where x = $1',
    ].join('\n');
    const query = render(text, ['value']);
    expect(query.params).toEqual(['value']);
    expect(query.sql).toBe(text);
  });

  it('throws on a placeholder without a value', () => {
    expect(() => positionalSql('select $2', ['only one'])).toThrow(/\$2 has no value/);
    expect(() => positionalSql('select $0', [])).toThrow(/\$0 has no value/);
  });

  it('passes text without placeholders through unchanged', () => {
    expect(render('select 1', [])).toEqual({ sql: 'select 1', params: [] });
  });
});
