import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DemoSignInUserListDtoSchema, DevSignInResultDtoSchema } from '#shared';
import type { Database } from '../../data/database';
import { listDemoSignInUsers, signInDemoUser } from '../../services/identity/sign-in';
import type { Authenticator } from '../plugins/auth';

const SignInBodySchema = z.object({
  aadObjectId: z.string({ error: 'サインインする利用者を選んでください。' }).min(1, {
    error: 'サインインする利用者を選んでください。',
  }),
});

/**
 * The development sign-in (registered only when AUTH_MODE=development, which production refuses):
 * the tab outside Teams lists the demo personas and gets a short-lived token for one of them.
 */
export const devRoutes: FastifyPluginAsyncZod<{ db: Database; authenticator: Authenticator }> = async (
  app,
  { db, authenticator },
) => {
  app.get('/api/dev/users', { schema: { response: { 200: DemoSignInUserListDtoSchema } } }, async () => ({
    items: listDemoSignInUsers(),
  }));

  app.post(
    '/api/dev/sign-in',
    { schema: { body: SignInBodySchema, response: { 200: DevSignInResultDtoSchema } } },
    async (request) => {
      const user = await signInDemoUser(db, request.body.aadObjectId);
      const { token, expiresAt } = await authenticator.issueDevelopmentToken(user);
      return {
        token,
        tokenType: 'Bearer' as const,
        expiresAt,
        user: { id: user.userId, displayName: user.displayName, roles: [...user.roles] },
      };
    },
  );
};
