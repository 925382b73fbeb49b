import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

/**
 * `npm run dev`: the development loop in one terminal.
 * - the tab rebuilt on every change (`vite build --watch` into tab/dist, which the server reads per
 *   request: the page keeps the server's CSP nonce and configuration, unlike a separate dev server);
 * - the server restarted on every change (`tsx watch bot/src/main.ts`), on the embedded database
 *   (./.data) unless DATABASE_URL is set, in AUTH_MODE=development so the tab opens in a browser at
 *   http://localhost:3978/tab/ with demo personas.
 *
 * `npm run dev:teamsfx` (what the Agents Toolkit starts): the same with the values of .localConfigs
 * (written by m365agents.local.yml's deploy step): the real bot credentials and Teams SSO.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const binOf = (pkg: string, bin: string) => join(dirname(require.resolve(`${pkg}/package.json`)), bin);

const args = process.argv.slice(2);
const envFileIndex = args.indexOf('--env-file');
const envFile = envFileIndex >= 0 ? args[envFileIndex + 1] : undefined;

const fileValues = (): Record<string, string> => {
  if (!envFile) return {};
  const path = join(root, envFile);
  if (!existsSync(path)) {
    console.error(
      `${envFile} がありません。Agents Toolkit で local 環境を provision / deploy してください / ${envFile} not found: run the Toolkit's local provision and deploy first.`,
    );
    process.exit(1);
  }
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
};

const serverEnv: NodeJS.ProcessEnv = {
  NODE_ENV: 'development',
  AUTH_MODE: 'development',
  ...process.env,
  ...fileValues(),
};

const children: ChildProcess[] = [];
let stopping = false;

const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Give the server time to close the embedded database cleanly.
  setTimeout(() => process.exit(code), 5_000).unref();
  Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() =>
    process.exit(code),
  );
};

const start = (label: string, command: string[], env: NodeJS.ProcessEnv) => {
  const child = spawn(process.execPath, command, { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[dev] ${label} が終了しました / ${label} exited (${signal ?? code})`);
      stop(code ?? 1);
    }
  });
  children.push(child);
};

start('tab', [binOf('vite', 'bin/vite.js'), 'build', '--watch', '-c', 'tab/vite.config.ts'], process.env);
start(
  'server',
  [binOf('tsx', 'dist/cli.mjs'), 'watch', '--clear-screen=false', 'bot/src/main.ts'],
  serverEnv,
);

console.log(
  `[dev] サーバー http://localhost:${serverEnv.PORT ?? 3978} (タブ: /tab/), 認証モード ${serverEnv.AUTH_MODE}. Ctrl+C で終了。`,
);

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
