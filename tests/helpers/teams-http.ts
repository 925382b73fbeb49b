import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../bot/src/app';
import type { DatabaseHandle } from '../../bot/src/data/database';
import { FixedTokenCredentialsFactory } from '../../bot/src/teams/bot-authentication';
import { createTeamsRuntime, type TeamsRuntime, type TurnHandler } from '../../bot/src/teams/teams-runtime';
import type { BotFrameworkStub } from './bot-framework-stub';
import type { BotTokenOptions } from './bot-token';
import { testConfig } from './test-context';

/**
 * Raw Bot Framework traffic for integration tests: recorded Teams activities (tests/fixtures/teams),
 * posted to `/api/messages` with tokens the real validation path accepts. Tests speak HTTP and JSON
 * only, so they survive a change of bot SDK.
 */
export type TeamsFixtureName =
  | 'message-personal'
  | 'message-channel-mention'
  | 'message-action-submit'
  | 'installation-update-add'
  | 'installation-update-remove'
  | 'conversation-update-members-added'
  | 'invoke-adaptive-card-action'
  | 'invoke-message-action-fetch-task'
  | 'invoke-message-action-submit'
  | 'invoke-compose-extension-query'
  | 'invoke-compose-extension-query-link';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- activities are free-form JSON in tests
export type TestActivity = Record<string, any> & { serviceUrl: string };

/** The bot's app id in the fixtures (`recipient.id` is `28:<app id>`). */
export const fixtureBotAppId = '3f1d2c4b-6a5e-4d7c-9b8a-1e2f3a4b5c6d';
export const fixtureTenantId = '9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30';
export const fixtureUser = {
  teamsId: '29:1Yq3vXk9mJz8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789AbCdEfGhIjKlMn',
  aadObjectId: '5d2e8c1a-3b4f-4a6d-9e7c-2f1a0b3c4d5e',
  name: '山口 太郎',
};

/** A fresh copy of a recorded activity with the stub's serviceUrl and any top-level overrides. */
export const teamsFixture = (
  name: TeamsFixtureName,
  options: { serviceUrl: string } & Record<string, unknown>,
): TestActivity => {
  const json = readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), 'utf8');
  return { ...(JSON.parse(json) as Record<string, unknown>), ...options } as TestActivity;
};

export const postActivity = (
  app: FastifyInstance,
  activity: TestActivity,
  options: { authorization?: string } = {},
): Promise<LightMyRequestResponse> =>
  app.inject({
    method: 'POST',
    url: '/api/messages',
    payload: activity,
    headers: options.authorization ? { authorization: options.authorization } : {},
  });

/** Posts with `Authorization: Bearer <token>` signed by the stub for the activity's serviceUrl. */
export const postSignedActivity = async (
  app: FastifyInstance,
  stub: BotFrameworkStub,
  activity: TestActivity,
  token: Partial<BotTokenOptions> = {},
): Promise<LightMyRequestResponse> => {
  const signed = await stub.signBotToken({
    appId: fixtureBotAppId,
    serviceUrl: activity.serviceUrl,
    ...token,
  });
  return postActivity(app, activity, { authorization: `Bearer ${signed}` });
};

/**
 * Per-user limits out of the way, for fault tests and benches that make a few people submit hundreds
 * of proposals (the limits themselves are tested in front-door.int.test.ts).
 */
export const unlimitedUserActionsEnv = {
  LIMIT_PROPOSALS_PER_MINUTE: '1000000',
  LIMIT_PROPOSALS_PER_DAY: '1000000',
  LIMIT_STAMP_SENDS_PER_MINUTE: '1000000',
  LIMIT_STAMP_SENDS_PER_DAY: '1000000',
  LIMIT_STAMP_RECIPIENTS_PER_DAY: '1000000',
  LIMIT_APP_INSTALLS_PER_DAY: '1000000',
  LIMIT_COMMENTS_PER_10_MINUTES: '1000000',
  LIMIT_COMMENT_REPORTS_PER_DAY: '1000000',
};

/** The bearer token the bot presents to the stub's Bot Connector (no Entra offline). */
export const outgoingTestToken = 'stub-outgoing-token';

/**
 * The HTTP app with the Teams endpoint, validating tokens against the stub's OpenID metadata and
 * calling the stub's Bot Connector. `appId: ''` = local mode (unsigned activities accepted).
 * Create it in `beforeAll` and close it in `afterAll` (vitest ignores hooks registered inside hooks
 * or tests).
 */
export const createTeamsTestApp = async (options: {
  database: DatabaseHandle;
  stub: BotFrameworkStub;
  handler: TurnHandler;
  appId?: string;
  env?: Record<string, string>;
}): Promise<{ app: FastifyInstance; runtime: TeamsRuntime }> => {
  const appId = options.appId ?? fixtureBotAppId;
  const config = testConfig({
    BOT_APP_ID: appId,
    BOT_TENANT_ID: appId ? fixtureTenantId : '',
    BOT_OPENID_METADATA_URL: options.stub.openIdMetadataUrl,
    BOT_SERVICE_URL_ALLOWLIST: `${options.stub.url}/`,
    ...options.env,
  });
  // Local mode runs botbuilder's own (unauthenticated) credentials, exactly as `npm start` would.
  const runtime = createTeamsRuntime(
    config.bot,
    appId ? { credentialsFactory: new FixedTokenCredentialsFactory(appId, outgoingTestToken) } : {},
  );
  const app = await buildApp({
    config,
    database: options.database,
    teams: { runtime, handler: options.handler },
  });
  return { app, runtime };
};

/** A Teams user of the fixtures' tenant with their 1:1 conversation with the bot. */
export interface TeamsPerson {
  aadObjectId: string;
  teamsId: string;
  name: string;
  conversationId: string;
}

export const teamsPerson = (n: number, name = `職員 ${n}`): TeamsPerson => ({
  aadObjectId: `dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}`,
  teamsId: `29:person-${n}`,
  name,
  conversationId: `a:personal-${n}`,
});

/** A recorded activity as sent by `who` in their 1:1 chat, with its own activity id. */
export const activityFrom = (
  who: TeamsPerson,
  fixture: TeamsFixtureName,
  options: { serviceUrl: string; id: string } & Record<string, unknown>,
): TestActivity => {
  const base = teamsFixture(fixture, { serviceUrl: options.serviceUrl });
  return {
    ...base,
    from: { id: who.teamsId, name: who.name, aadObjectId: who.aadObjectId },
    conversation: { ...base.conversation, id: who.conversationId, conversationType: 'personal' },
    ...options,
  } as TestActivity;
};

/** An `adaptiveCard/action` invoke (Action.Execute) with the card's data. */
export const cardActionFrom = (
  who: TeamsPerson,
  verb: string,
  data: Record<string, unknown>,
  options: { serviceUrl: string; id: string },
): TestActivity =>
  activityFrom(who, 'invoke-adaptive-card-action', {
    ...options,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

/** POST /api/messages to a listening server (a real process), as Teams would. */
export const postActivityTo = (baseUrl: string, activity: TestActivity, token: string): Promise<Response> =>
  fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(20_000),
  });
