import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';
import { withAdminClient } from './server-admin';

/**
 * A throwaway PostgreSQL cluster of its own (initdb into a temporary folder, a free loopback port),
 * for tests that stop and start the server: the machine's shared server on 5432 is never touched.
 * initdb and postgres refuse to run as root, so as root (CI) they run as the `postgres` user through
 * runuser, in a folder owned by that user.
 */
const run = promisify(execFile);

const binDir = (): string | undefined => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
};

const isRoot = (): boolean => process.getuid?.() === 0;

const postgresUser = (): { uid: number; gid: number } | undefined => {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    return undefined;
  }
};

/** Why a private cluster cannot be made here, or undefined when it can. */
export const privatePostgresUnavailableReason = (): string | undefined => {
  if (!binDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin';
  if (isRoot() && !postgresUser()) return 'running as root without a postgres user to run initdb as';
  if (isRoot() && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser'))
    return 'running as root without runuser';
  return undefined;
};

export interface PrivatePostgres {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: sessions are disconnected, the server shuts down cleanly. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export const createPrivatePostgres = async (): Promise<PrivatePostgres> => {
  const bin = binDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'proposals-pg-'));
  const dataDir = join(dir, 'data');
  const owner = isRoot() ? postgresUser() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const asOwner = (command: string, args: string[]) =>
    owner
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { timeout: 60_000 })
      : run(join(bin, command), args, { timeout: 60_000 });

  const port = await freePort();
  await asOwner('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
    '--no-instructions',
  ]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c max_connections=40',
    '-c shared_buffers=32MB',
  ].join(' ');
  let running = false;
  const cluster: PrivatePostgres = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    createDatabase: async (name) => {
      await withAdminClient(
        (admin) => admin.query(`create database "${name}" template template0 encoding 'UTF8'`),
        cluster.url('postgres'),
      );
      return cluster.url(name);
    },
    start: async () => {
      await asOwner('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
      running = true;
    },
    stop: async () => {
      await asOwner('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    destroy: async () => {
      if (running) {
        await asOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
        running = false;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
};
