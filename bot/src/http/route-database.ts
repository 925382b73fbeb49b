import type { FastifyInstance } from 'fastify';
import type { Database, DatabaseHandle } from '../data/database';

/** Route plugins take the database from their options when given, else from the app's `database` decoration. */
export interface RouteDatabaseOptions {
  db?: Database;
}

/**
 * The database a route plugin runs on: `options.db`, or the `database` decoration (the DatabaseHandle
 * buildApp holds: `app.decorate('database', database)`). Fails at registration, not at the first request.
 */
export const routeDatabase = (app: FastifyInstance, options: RouteDatabaseOptions = {}): Database => {
  if (options.db) return options.db;
  if (app.hasDecorator('database')) {
    const handle = (app as unknown as { database: DatabaseHandle | Database }).database;
    return 'db' in handle ? handle.db : handle;
  }
  throw new Error("Route plugin needs a database: pass { db } or decorate the app with 'database' first");
};
