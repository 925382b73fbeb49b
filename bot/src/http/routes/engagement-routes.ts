import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NotificationPreferenceDtoSchema,
  ProposalEngagementDtoSchema,
  TopSupportedProposalsDtoSchema,
} from '#shared';
import type { Database } from '../../data/database';
import { followProposal, unfollowProposal } from '../../services/engagement/follows';
import {
  getNotificationPreference,
  setNotificationPreference,
} from '../../services/engagement/notification-preference';
import { supportProposal, withdrawSupport } from '../../services/engagement/supports';
import { getTopSupportedProposals } from '../../services/engagement/top-supported';
import { requireActor } from '../auth-context';

const IdParamsSchema = z.object({ id: z.string() });
const engagementResponse = { 200: ProposalEngagementDtoSchema };

/**
 * 賛同 and フォロー of a proposal (PUT adds, DELETE removes; both idempotent), the signed-in person's
 * notification preference, and the dashboard's most supported open proposals.
 */
export const engagementRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.put(
    '/api/proposals/:id/support',
    { schema: { params: IdParamsSchema, response: engagementResponse } },
    async (request) => supportProposal(db, requireActor(request), request.params.id),
  );
  app.delete(
    '/api/proposals/:id/support',
    { schema: { params: IdParamsSchema, response: engagementResponse } },
    async (request) => withdrawSupport(db, requireActor(request), request.params.id),
  );
  app.put(
    '/api/proposals/:id/follow',
    { schema: { params: IdParamsSchema, response: engagementResponse } },
    async (request) => followProposal(db, requireActor(request), request.params.id),
  );
  app.delete(
    '/api/proposals/:id/follow',
    { schema: { params: IdParamsSchema, response: engagementResponse } },
    async (request) => unfollowProposal(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/me/notification-preference',
    { schema: { response: { 200: NotificationPreferenceDtoSchema } } },
    async (request) => getNotificationPreference(db, requireActor(request)),
  );
  app.put(
    '/api/me/notification-preference',
    { schema: { response: { 200: NotificationPreferenceDtoSchema } } },
    async (request) => setNotificationPreference(db, requireActor(request), request.body),
  );

  app.get(
    '/api/dashboard/top-supported',
    { schema: { response: { 200: TopSupportedProposalsDtoSchema } } },
    async (request) => getTopSupportedProposals(db, requireActor(request)),
  );
};
