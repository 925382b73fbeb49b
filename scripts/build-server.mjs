/**
 * Compiles the server (bot/src/main.ts, bot/src/worker.ts and what they import from bot/ and shared/)
 * into dist/server/*.mjs, which `npm start` and `npm run worker` run with plain node. Running the
 * TypeScript through tsx instead keeps a loader thread and its transform caches alive for the life of
 * the process: about 85 MB more RSS at idle (docs/benchmarks.md). Packages stay in node_modules.
 * Takes well under a second, so it runs before every start.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { main: 'bot/src/main.ts', worker: 'bot/src/worker.ts' },
  outdir: 'dist/server',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Readable stack traces in the logs without source maps at run time.
  minify: false,
  keepNames: true,
  logLevel: 'warning',
});
