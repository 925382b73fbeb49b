import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (the one holding package.json), found from this module's own location. The same
 * answer whether the code runs from its TypeScript sources (tsx, tests) or bundled into dist/server
 * (`npm start`), so files the server reads at run time (migrations, the built tab) resolve in both.
 */
const findProjectRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
};

export const projectRoot = findProjectRoot();

export const fromProjectRoot = (...segments: string[]): string => join(projectRoot, ...segments);
