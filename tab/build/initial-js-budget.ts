import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * The tab's initial-JavaScript budget (docs/benchmarks.md, scenario 6): the entry chunk and every
 * chunk it imports statically, transitively — exactly what index.html loads or modulepreloads before
 * the first page can render. Lazy chunks (pages, charts) are not counted. Checked on every build.
 */
export const initialJsBudgetKb = 200;

/** 1 KB = 1024 bytes. */
const kb = 1024;

/**
 * gzip at level 9, the most a compressing proxy or CDN in front of the server would send (the server
 * itself does not compress). zlib's default level 6 comes out only about 0.2% larger on these chunks.
 */
export const gzipLevel = 9;

/** The part of a Rollup/Rolldown output chunk the measurement needs (assets are ignored). */
export interface BundleItem {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  imports?: readonly string[];
  code?: string;
}

export interface InitialJsReport {
  /** Gzip size of the initial chunks together, in KB (1024 bytes), one decimal. */
  initialJsGzipKb: number;
  limitKb: number;
  gzipLevel: number;
  /** Each initial chunk, entry first, then in import order. */
  chunks: { fileName: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/**
 * Measures the initial JavaScript of a bundle: the entry chunks plus their static imports,
 * transitively, each gzipped on its own (as each is a separate response) and summed.
 */
export const measureInitialJs = (bundle: Record<string, BundleItem>): InitialJsReport => {
  const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entries = chunks.filter((chunk) => chunk.isEntry);
  if (entries.length === 0) throw new Error('initial-js-budget: the bundle has no entry chunk');

  const initial: BundleItem[] = [];
  const seen = new Set<string>();
  const visit = (chunk: BundleItem) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    initial.push(chunk);
    for (const name of chunk.imports ?? []) {
      const imported = byName.get(name);
      // A static import of something not in the bundle (an external) costs nothing here.
      if (imported) visit(imported);
    }
  };
  entries.forEach(visit);

  const measured = initial.map((chunk) => {
    const code = Buffer.from(chunk.code ?? '', 'utf8');
    return {
      fileName: chunk.fileName,
      bytes: code.length,
      gzipBytes: gzipSync(code, { level: gzipLevel }).length,
    };
  });
  const gzipBytes = measured.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  return {
    initialJsGzipKb: Math.round((gzipBytes / kb) * 10) / 10,
    limitKb: initialJsBudgetKb,
    gzipLevel,
    chunks: measured,
    bytes: measured.reduce((sum, chunk) => sum + chunk.bytes, 0),
    gzipBytes,
  };
};

/** Where the figure is left for the bench (bench/scenarios/tab.ts), next to the built tab. */
export const bundleReportFile = 'bundle-report.json';

/**
 * After the bundle is written: prints the initial JavaScript, writes it to `<outDir>/bundle-report.json`
 * and fails the build when it is over the budget.
 */
export const initialJsBudget = (): Plugin => ({
  name: 'initial-js-budget',
  apply: 'build',
  writeBundle(options, bundle) {
    const report = measureInitialJs(bundle as Record<string, BundleItem>);
    const outDir = options.dir ?? 'dist';
    writeFileSync(join(outDir, bundleReportFile), `${JSON.stringify(report, null, 2)}\n`);
    const summary =
      `initial JavaScript ${report.initialJsGzipKb} KB gzip (level ${gzipLevel}) of ${report.limitKb} KB ` +
      `in ${report.chunks.length} chunks: ${report.chunks.map((chunk) => chunk.fileName).join(', ')}`;
    if (report.gzipBytes > initialJsBudgetKb * kb) {
      throw new Error(
        `${summary} — over the budget. Make what the first page does not need a lazy import (tab/src/app/routes.tsx).`,
      );
    }
    console.log(summary);
  },
});
