import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CommentDismissRequestSchema,
  CommentHideRequestSchema,
  CommentPostRequestSchema,
  CommentReportRequestSchema,
  ProposalCommentDtoSchema,
  ProposalCommentsDtoSchema,
  ReportedCommentsDtoSchema,
} from '#shared';
import type { Database } from '../../data/database';
import type { Notifier } from '../../notifications/notification-port';
import {
  dismissCommentReports,
  hideComment,
  listComments,
  listReportedComments,
  postComment,
  reportComment,
} from '../../services/comments/comments';
import type { UserActionLimits } from '../../services/limits/user-action-limits';
import { requireActor } from '../auth-context';

export interface CommentRoutesOptions {
  db: Database;
  /** Notices to the proposers and the office; without it nobody is told. */
  effects?: Notifier | undefined;
  limits: UserActionLimits;
  now: () => Date;
}

const IdParamsSchema = z.object({ id: z.string() });

/** Comments on published proposals, reports (通報) and the office's moderation. Thin: one service call each. */
export const commentRoutes: FastifyPluginAsyncZod<CommentRoutesOptions> = async (
  app,
  { db, effects, limits, now },
) => {
  app.get(
    '/api/proposals/:id/comments',
    { schema: { params: IdParamsSchema, response: { 200: ProposalCommentsDtoSchema } } },
    async (request) => listComments(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/proposals/:id/comments',
    {
      schema: {
        params: IdParamsSchema,
        body: CommentPostRequestSchema,
        response: { 201: ProposalCommentDtoSchema },
      },
    },
    async (request, reply) => {
      const comment = await postComment(db, requireActor(request), request.params.id, request.body, {
        notifier: effects,
        limits,
        now: now(),
      });
      return reply.code(201).send(comment);
    },
  );

  app.post(
    '/api/comments/:id/hide',
    {
      schema: {
        params: IdParamsSchema,
        body: CommentHideRequestSchema,
        response: { 200: ProposalCommentDtoSchema },
      },
    },
    async (request) =>
      hideComment(db, requireActor(request), request.params.id, request.body, { now: now() }),
  );

  app.post(
    '/api/comments/:id/report',
    {
      schema: {
        params: IdParamsSchema,
        body: CommentReportRequestSchema,
        response: { 200: ProposalCommentDtoSchema },
      },
    },
    async (request) =>
      reportComment(db, requireActor(request), request.params.id, request.body, {
        notifier: effects,
        limits,
        now: now(),
      }),
  );

  app.post(
    '/api/comments/:id/reports/dismiss',
    {
      schema: {
        params: IdParamsSchema,
        body: CommentDismissRequestSchema,
        response: { 200: ProposalCommentDtoSchema },
      },
    },
    async (request) =>
      dismissCommentReports(db, requireActor(request), request.params.id, request.body, { now: now() }),
  );

  app.get(
    '/api/comment-reports',
    { schema: { response: { 200: ReportedCommentsDtoSchema } } },
    async (request) => listReportedComments(db, requireActor(request)),
  );
};
