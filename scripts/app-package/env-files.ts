import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The Microsoft 365 Agents Toolkit's environment files: `env/.env.<name>` holds ids and URLs (safe to
 * commit), `env/.env.<name>.user` the SECRET_* values (git-ignored). The Toolkit reads and writes the
 * same files, so a package built here and one built by the Toolkit carry the same values.
 */

export const envFilePaths = (rootDir: string, envName: string) => ({
  base: join(rootDir, 'env', `.env.${envName}`),
  user: join(rootDir, 'env', `.env.${envName}.user`),
});

export class EnvFileError extends Error {
  override name = 'EnvFileError';
}

/** Environment names become file names: keep them to what the Toolkit accepts. */
export const isValidEnvName = (envName: string): boolean => /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(envName);

/** The values of one environment, the `.user` file's winning; empty values are kept as empty strings. */
export const readEnvFiles = (rootDir: string, envName: string): Record<string, string> => {
  if (!isValidEnvName(envName)) throw new EnvFileError(`Invalid environment name: ${envName}`);
  const { base, user } = envFilePaths(rootDir, envName);
  if (!existsSync(base)) throw new EnvFileError(`Environment file not found: env/.env.${envName}`);
  const read = (path: string) => parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  return { ...read(base), ...(existsSync(user) ? read(user) : {}) };
};
