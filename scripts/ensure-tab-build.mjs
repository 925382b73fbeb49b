/**
 * Runs before `npm start`: builds the tab when tab/dist is missing or older than its sources, so a
 * fresh clone works with `npm install && npm start`. Where the build tools are absent (a production
 * image installed with --omit=dev, which ships a built tab), it leaves things as they are.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(root, 'tab', 'dist', 'index.html');
const sources = [
  join(root, 'tab', 'src'),
  join(root, 'shared', 'src'),
  join(root, 'tab', 'index.html'),
  join(root, 'tab', 'vite.config.ts'),
  join(root, 'tab', 'build'),
];

/** @param {string} path @returns {number} */
const newestChange = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
};

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newestChange));

if (builtAt === 0 || sourcesAt > builtAt) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.warn(
      builtAt === 0
        ? 'タブがビルドされておらず、ビルドツールもありません / tab not built and vite is not installed'
        : 'タブのビルドが古い可能性があります / tab build may be stale (vite not installed)',
    );
  }
  if (vite) {
    console.log('タブをビルドしています… / building the tab…');
    // Always the production build: Vite keeps an inherited NODE_ENV (vitest's `test`), which would bundle
    // React's development build — several times larger and over the initial-JavaScript budget.
    process.env.NODE_ENV = 'production';
    await vite.build({ configFile: join(root, 'tab', 'vite.config.ts'), logLevel: 'warn' });
  }
}
