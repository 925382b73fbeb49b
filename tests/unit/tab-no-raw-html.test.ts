import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The tab shows what people typed (titles, answers, names) only through React's text rendering,
 * which escapes it: no HTML injection is possible as long as no code hands strings to the DOM as
 * markup or code. This guards that rule over every source file of the tab (the CSP's script-src
 * 'self' without 'unsafe-inline' is the second line, tested in http.int.test.ts).
 */
const forbidden = [
  /dangerouslySetInnerHTML/,
  /\.innerHTML\b/,
  /\.outerHTML\b/,
  /insertAdjacentHTML/,
  /document\.write/,
  /\beval\s*\(/,
  /new Function\s*\(/,
  /createContextualFragment/,
  /DOMParser/,
];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.(ts|tsx)$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );

describe('the tab renders data as text only', () => {
  it('never hands strings to the DOM as HTML or code', () => {
    const files = sourceFiles(new URL('../../tab/src', import.meta.url).pathname);
    expect(files.length).toBeGreaterThan(10);
    const offences = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`);
    });
    expect(offences).toEqual([]);
  });
});
