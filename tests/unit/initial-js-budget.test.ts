import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundleReportFile,
  initialJsBudget,
  initialJsBudgetKb,
  measureInitialJs,
  type BundleItem,
} from '../../tab/build/initial-js-budget';

/** Text that gzip cannot shrink much: base64 of a seeded pseudo-random byte stream. */
const noise = (bytes: number, seed: number): string => {
  const buffer = Buffer.alloc(Math.ceil((bytes * 3) / 4));
  let state = seed;
  for (let index = 0; index < buffer.length; index += 1) {
    // xorshift32: 32-bit integer steps only, so the stream does not fall into a short cycle.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    buffer[index] = state & 0xff;
  }
  return buffer.toString('base64').slice(0, bytes);
};

const chunk = (fileName: string, code: string, imports: string[] = [], isEntry = false): BundleItem => ({
  type: 'chunk',
  fileName,
  code,
  imports,
  isEntry,
});

const bundleOf = (...items: BundleItem[]) => Object.fromEntries(items.map((item) => [item.fileName, item]));

const gzip9 = (code: string) => gzipSync(Buffer.from(code), { level: 9 }).length;

// A fake Vite output: the entry imports a vendor chunk, which imports a shared one that imports the
// vendor chunk back (cycles happen between shared chunks); pages and charts are dynamic imports only.
const entry = chunk('assets/index.js', `import "./vendor.js";${noise(3000, 1)}`, ['assets/vendor.js'], true);
const vendor = chunk('assets/vendor.js', noise(5000, 2), ['assets/shared.js', 'external:react']);
const shared = chunk('assets/shared.js', noise(700, 3), ['assets/vendor.js']);
const page = chunk('assets/DashboardPage.js', noise(9000, 4), ['assets/shared.js']);
const charts = chunk('assets/DashboardCharts.js', noise(20000, 5), ['assets/vendor.js']);
const css: BundleItem = { type: 'asset', fileName: 'assets/index.css' };

describe('measureInitialJs', () => {
  it('counts the entry and its static imports, transitively, and nothing lazy', () => {
    const report = measureInitialJs(bundleOf(page, charts, shared, vendor, entry, css));
    expect(report.chunks.map((c) => c.fileName)).toEqual([
      'assets/index.js',
      'assets/vendor.js',
      'assets/shared.js',
    ]);
    expect(report.bytes).toBe(entry.code!.length + vendor.code!.length + shared.code!.length);
  });

  it('gzips each chunk on its own at level 9 and reports KB of 1024 bytes', () => {
    const report = measureInitialJs(bundleOf(entry, vendor, shared, page));
    const expected = [entry, vendor, shared].map((c) => gzip9(c.code!));
    expect(report.chunks.map((c) => c.gzipBytes)).toEqual(expected);
    const total = expected.reduce((a, b) => a + b, 0);
    expect(report.gzipBytes).toBe(total);
    expect(report.initialJsGzipKb).toBe(Math.round((total / 1024) * 10) / 10);
    expect(report.gzipLevel).toBe(9);
    expect(report.limitKb).toBe(initialJsBudgetKb);
  });

  it('sums separately compressed chunks: two identical chunks cost twice, not once', () => {
    const code = `export const text = ${JSON.stringify(noise(4000, 9))};`;
    const twin = measureInitialJs(
      bundleOf(chunk('a.js', code, ['b.js'], true), chunk('b.js', code)),
    ).gzipBytes;
    expect(twin).toBe(2 * gzip9(code));
    expect(twin).toBeGreaterThan(gzipSync(Buffer.from(code + code), { level: 9 }).length * 1.5);
  });

  it('refuses a bundle without an entry', () => {
    expect(() => measureInitialJs(bundleOf(page, charts))).toThrow(/no entry chunk/);
  });
});

describe('initialJsBudget plugin', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const writeBundle = (bundle: Record<string, BundleItem>) => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-report-'));
    dirs.push(dir);
    const hook = initialJsBudget().writeBundle as (options: { dir: string }, bundle: unknown) => void;
    const run = () => hook.call({}, { dir }, bundle);
    const report = () =>
      JSON.parse(readFileSync(join(dir, bundleReportFile), 'utf8')) as { initialJsGzipKb: number };
    return { run, report };
  };

  it('writes the figure next to the build and passes under the budget', () => {
    const { run, report } = writeBundle(bundleOf(entry, vendor, shared, charts));
    expect(run).not.toThrow();
    expect(report().initialJsGzipKb).toBe(measureInitialJs(bundleOf(entry, vendor, shared)).initialJsGzipKb);
  });

  it('fails the build above the budget, and still writes the figure', () => {
    // Base64 noise gzips to about 3/4 of its size: 300 KB of it is well over 200 KB.
    const big = chunk('assets/big.js', noise(300 * 1024, 7));
    const heavyEntry = chunk('assets/index.js', 'import "./big.js";', ['assets/big.js'], true);
    const { run, report } = writeBundle(bundleOf(heavyEntry, big));
    expect(run).toThrow(/over the budget/);
    expect(report().initialJsGzipKb).toBeGreaterThan(initialJsBudgetKb);
    // The same noise behind a lazy import is not initial.
    const lazyEntry = chunk('assets/index.js', 'import("./big.js");', [], true);
    expect(writeBundle(bundleOf(lazyEntry, big)).run).not.toThrow();
  });
});
