import pg from 'pg';

/** With DATABASE_URL, drops the per-worker databases the integration tests created on the server. */
export default function setup() {
  return async function teardown() {
    if (!process.env.DATABASE_URL) return;
    const base = new URL(process.env.DATABASE_URL).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`${base.replace(/[_%]/g, '\\$&')}\\_%`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
