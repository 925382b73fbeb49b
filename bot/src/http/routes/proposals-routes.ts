import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../data/database';
import type { Notifier } from '../../notifications/notification-port';
import { proposalChangeRoutes } from './proposal-change-routes';
import { proposalCsvRoutes } from './proposal-csv-routes';
import { proposalLiaisonRoutes } from './proposal-liaison-routes';
import { proposalReadRoutes } from './proposal-read-routes';

export interface ProposalsRoutesOptions {
  db: Database;
  /** Notifications to proposers (and the links their cards carry); without it, changes notify nobody. */
  effects?: Notifier | undefined;
}

/**
 * The tab's proposal API. Thin: each route validates with the shared schema, calls one service and
 * returns its result; the services hold the rules (visibility, triage rights, transitions, versions).
 */
export const proposalsRoutes: FastifyPluginAsyncZod<ProposalsRoutesOptions> = async (app, options) => {
  await app.register(proposalReadRoutes, options);
  await app.register(proposalCsvRoutes, options);
  await app.register(proposalChangeRoutes, options);
  await app.register(proposalLiaisonRoutes, options);
};
