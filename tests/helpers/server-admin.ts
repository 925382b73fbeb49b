import pg from 'pg';

/**
 * A short-lived client on a PostgreSQL server's maintenance connection, for creating and dropping the
 * throwaway databases of a run: by default the server of DATABASE_URL. Plain `pg`, no app code, so
 * the global setups can use it too.
 */
export const withAdminClient = async <T>(
  work: (admin: pg.Client) => Promise<T>,
  connectionString = process.env.DATABASE_URL,
): Promise<T> => {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
};

/** Drops a database of DATABASE_URL's server, closing its connections first. */
export const dropDatabase = (name: string): Promise<void> =>
  withAdminClient(
    async (admin) => void (await admin.query(`drop database if exists "${name}" with (force)`)),
  );
