import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import type { IncomingActivity, TurnOutcome } from '../../bot/src/conversation/activity';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import {
  createTeamsTestApp,
  fixtureBotAppId,
  fixtureTenantId,
  fixtureUser,
  outgoingTestToken,
  postActivity,
  postSignedActivity,
  teamsFixture,
} from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';

const apology = '申し訳ありません。エラーが発生しました。しばらくしてからもう一度お試しください。';
const unauthenticated = { error: { code: 'UNAUTHENTICATED', message: 'サインインが必要です。' } };

const card = (text: string): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text }],
});

/** A tiny conversation: echoes text, answers card actions with a card, can be told to fail. */
const calls: IncomingActivity[] = [];
let failure: Error | undefined;
const handler = async (activity: IncomingActivity): Promise<TurnOutcome> => {
  calls.push(activity);
  if (failure) throw failure;
  switch (activity.kind) {
    case 'message':
      return { replies: [{ text: `echo: ${activity.text}` }] };
    case 'cardAction':
      return activity.verb === 'proposal.submit'
        ? { replies: [], cardResponse: card(`受付済み: ${String(activity.data.title)}`) }
        : { replies: [{ text: '了解しました。' }] };
    case 'submit':
      return { replies: [{ card: card(`submit ${activity.verb}`), summary: '提案を受け付けました' }] };
    default:
      return { replies: [] };
  }
};

describe('Teams adapter over HTTP', () => {
  let stub: BotFrameworkStub;
  let app: FastifyInstance;
  let localApp: FastifyInstance;

  beforeAll(async () => {
    stub = await startBotFrameworkStub();
    const database = await getTestDatabase();
    ({ app } = await createTeamsTestApp({ database, stub, handler, env: { RATE_LIMIT_PER_MINUTE: '2' } }));
    ({ app: localApp } = await createTeamsTestApp({ database, stub, handler, appId: '' }));
  });
  afterAll(async () => {
    await app?.close();
    await localApp?.close();
    await stub?.close();
  });
  beforeEach(() => {
    calls.length = 0;
    failure = undefined;
    stub.reset();
    // botbuilder reports every rejected token on console.error; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const message = () => teamsFixture('message-personal', { serviceUrl: stub.serviceUrl });

  describe('rejects activities without a valid Bot Framework token', () => {
    const expectRejected = async (response: { statusCode: number; json(): unknown }) => {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject(unauthenticated);
      expect(calls).toHaveLength(0);
      expect(stub.requests).toHaveLength(0);
    };

    it('without an Authorization header', async () => {
      await expectRejected(await postActivity(app, message()));
    });

    it('with a malformed header or token', async () => {
      await expectRejected(await postActivity(app, message(), { authorization: 'Bearer not-a-jwt' }));
      await expectRejected(await postActivity(app, message(), { authorization: 'Basic dXNlcjpwYXNz' }));
    });

    it.each([
      ['another audience', { audience: 'some-other-bot' }],
      ['another issuer', { issuer: 'https://evil.example.com' }],
      ['an expired token (beyond the 5-minute skew)', { expiresIn: -600, notBefore: -7200 }],
      ['a token not yet valid', { notBefore: 600 }],
      ['an unknown signing key', { key: 'untrusted' as const }],
      ['a key not endorsed for msteams', { key: 'unendorsed' as const }],
      ['a serviceurl claim for another service', { claims: { serviceurl: 'https://attacker.example/' } }],
    ])('with %s', async (_case, token) => {
      await expectRejected(await postSignedActivity(app, stub, message(), token));
    });

    it.each([
      ['alg: none', { forgery: 'unsigned' as const }],
      ['a signature by another key under the trusted key id', { forgery: 'signedByOtherKey' as const }],
      ['a payload changed after signing', { forgery: 'tamperedPayload' as const, claims: { aud: 'x' } }],
      ['HS256 keyed with the public key', { forgery: 'hmacWithPublicKey' as const }],
    ])('with a forged token: %s (401, never 500)', async (_case, token) => {
      await expectRejected(await postSignedActivity(app, stub, message(), token));
    });

    it('when the activity claims another serviceUrl than the token', async () => {
      const token = await stub.signBotToken({ appId: fixtureBotAppId, serviceUrl: stub.serviceUrl });
      const redirected = teamsFixture('message-personal', { serviceUrl: stub.serviceUrlFor('other-tenant') });
      await expectRejected(await postActivity(app, redirected, { authorization: `Bearer ${token}` }));
    });
  });

  it('answers 500 (Teams retries later), not 401, when the signing keys cannot be loaded', async () => {
    const { app: outage } = await createTeamsTestApp({
      database: await getTestDatabase(),
      stub,
      handler,
      env: { BOT_OPENID_METADATA_URL: `${stub.url}/no-such-metadata` },
    });
    try {
      const response = await postSignedActivity(outage, stub, message());
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ error: { code: 'INTERNAL' } });
      expect(calls).toHaveLength(0);
    } finally {
      await outage.close();
    }
  });

  it('hands a personal message to the handler and posts the reply to the Bot Connector', async () => {
    const response = await postSignedActivity(app, stub, message());
    expect(response.statusCode).toBe(200);
    expect(calls).toEqual([
      {
        kind: 'message',
        text: '提案',
        activityId: '1718000000000',
        from: {
          aadObjectId: fixtureUser.aadObjectId,
          teamsId: fixtureUser.teamsId,
          name: fixtureUser.name,
          email: null,
          userPrincipalName: null,
        },
        conversation: {
          id: 'a:1ZxYwVuTsRqPoNmLkJiHgFeDcBa9876543210zYxWvUtSrQpOnMlKjIhGfEdCbA',
          type: 'personal',
          tenantId: fixtureTenantId,
        },
        locale: 'ja-JP',
        reference: expect.objectContaining({
          activityId: '1718000000000',
          channelId: 'msteams',
          serviceUrl: stub.serviceUrl,
          user: expect.objectContaining({ id: fixtureUser.teamsId, aadObjectId: fixtureUser.aadObjectId }),
          bot: expect.objectContaining({ id: '28:3f1d2c4b-6a5e-4d7c-9b8a-1e2f3a4b5c6d' }),
          conversation: expect.objectContaining({ conversationType: 'personal' }),
        }),
      },
    ]);
    // The reference is plain JSON, fit for a jsonb column.
    expect(JSON.parse(JSON.stringify(calls[0]!.reference))).toEqual(calls[0]!.reference);

    const [reply] = stub.requests;
    expect(stub.requests).toHaveLength(1);
    expect(reply).toMatchObject({
      operation: 'replyToActivity',
      conversationId: 'a:1ZxYwVuTsRqPoNmLkJiHgFeDcBa9876543210zYxWvUtSrQpOnMlKjIhGfEdCbA',
      activityId: '1718000000000',
      authorization: `Bearer ${outgoingTestToken}`,
      body: { type: 'message', text: 'echo: 提案', recipient: { id: fixtureUser.teamsId } },
    });
  });

  it('strips the bot @mention from channel messages', async () => {
    const response = await postSignedActivity(
      app,
      stub,
      teamsFixture('message-channel-mention', { serviceUrl: stub.serviceUrl }),
    );
    expect(response.statusCode).toBe(200);
    expect(calls[0]).toMatchObject({
      kind: 'message',
      text: 'ヘルプ',
      conversation: { type: 'channel', id: '19:AbCdEf0123456789@thread.tacv2;messageid=1718000000004' },
    });
    expect(stub.sentActivities()[0]).toMatchObject({ text: 'echo: ヘルプ' });
  });

  it('maps installation add with the member’s email and UPN from the roster', async () => {
    stub.setMember({
      id: fixtureUser.teamsId,
      name: fixtureUser.name,
      aadObjectId: fixtureUser.aadObjectId,
      email: 'yamaguchi.taro@pref.example.lg.jp',
      userPrincipalName: 'yamaguchi.taro@pref.example.lg.jp',
    });
    const response = await postSignedActivity(
      app,
      stub,
      teamsFixture('installation-update-add', { serviceUrl: stub.serviceUrl }),
    );
    expect(response.statusCode).toBe(200);
    expect(calls[0]).toMatchObject({
      kind: 'installed',
      from: {
        email: 'yamaguchi.taro@pref.example.lg.jp',
        userPrincipalName: 'yamaguchi.taro@pref.example.lg.jp',
      },
    });
    expect(stub.requests[0]).toMatchObject({ operation: 'getMember', memberId: fixtureUser.teamsId });
  });

  it('still maps the installation when the roster lookup fails', async () => {
    const response = await postSignedActivity(
      app,
      stub,
      teamsFixture('installation-update-add', { serviceUrl: stub.serviceUrl }),
    );
    expect(response.statusCode).toBe(200);
    expect(calls[0]).toMatchObject({ kind: 'installed', from: { email: null, userPrincipalName: null } });
  });

  it('maps installation remove', async () => {
    const response = await postSignedActivity(
      app,
      stub,
      teamsFixture('installation-update-remove', { serviceUrl: stub.serviceUrl }),
    );
    expect(response.statusCode).toBe(200);
    expect(calls.map((call) => call.kind)).toEqual(['uninstalled']);
    expect(stub.requests.filter((r) => r.operation === 'getMember')).toHaveLength(0);
  });

  it('maps conversationUpdate with the bot among membersAdded, and ignores other members joining', async () => {
    stub.setMember({ id: fixtureUser.teamsId, email: 'yamaguchi.taro@pref.example.lg.jp' });
    const added = teamsFixture('conversation-update-members-added', { serviceUrl: stub.serviceUrl });
    expect((await postSignedActivity(app, stub, added)).statusCode).toBe(200);
    expect(calls[0]).toMatchObject({
      kind: 'botAdded',
      from: { email: 'yamaguchi.taro@pref.example.lg.jp' },
    });

    const someoneElse = { ...added, membersAdded: [{ id: '29:someone-else' }] };
    expect((await postSignedActivity(app, stub, someoneElse)).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('answers an Action.Execute invoke with the replacement card', async () => {
    const invoke = teamsFixture('invoke-adaptive-card-action', { serviceUrl: stub.serviceUrl });
    const response = await postSignedActivity(app, stub, invoke);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: card('受付済み: 会議資料のペーパレス化'),
    });
    expect(calls[0]).toMatchObject({
      kind: 'cardAction',
      verb: 'proposal.submit',
      data: { title: '会議資料のペーパレス化', body: '庁内会議の資料を電子化する。' },
    });
  });

  it('acknowledges a card action without a replacement card and posts its replies', async () => {
    const invoke = teamsFixture('invoke-adaptive-card-action', { serviceUrl: stub.serviceUrl });
    invoke.value = { action: { type: 'Action.Execute', verb: 'stamp.form', data: {} }, trigger: 'manual' };
    const response = await postSignedActivity(app, stub, invoke);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
    });
    expect(stub.sentActivities()).toMatchObject([{ text: '了解しました。' }]);
  });

  it('maps an Action.Submit message to submit and sends a card reply with a summary', async () => {
    const submit = teamsFixture('message-action-submit', { serviceUrl: stub.serviceUrl });
    submit.value = { verb: 'proposal.submit', title: '会議資料のペーパレス化' };
    expect((await postSignedActivity(app, stub, submit)).statusCode).toBe(200);
    expect(calls[0]).toMatchObject({
      kind: 'submit',
      verb: 'proposal.submit',
      data: { verb: 'proposal.submit', title: '会議資料のペーパレス化' },
    });
    expect(stub.sentActivities()).toMatchObject([
      {
        summary: '提案を受け付けました',
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', content: card('submit proposal.submit') },
        ],
      },
    ]);

    // The recorded Teams shape names the verb `action`; it is read as the verb too.
    await postSignedActivity(
      app,
      stub,
      teamsFixture('message-action-submit', { serviceUrl: stub.serviceUrl }),
    );
    expect(calls[1]).toMatchObject({ kind: 'submit', verb: 'proposal.submit' });
  });

  it('ignores activities the bot has nothing to do with', async () => {
    const typing = { ...message(), type: 'typing', text: undefined };
    expect((await postSignedActivity(app, stub, typing)).statusCode).toBe(200);
    const taskFetch = {
      ...teamsFixture('invoke-adaptive-card-action', { serviceUrl: stub.serviceUrl }),
      name: 'task/fetch',
    };
    expect((await postSignedActivity(app, stub, taskFetch)).statusCode).toBe(501);
    expect(calls).toHaveLength(0);
    expect(stub.requests).toHaveLength(0);
  });

  it('apologises in Japanese when the turn fails, without the error text', async () => {
    failure = new Error('relation "proposals" does not exist: 山口 太郎');
    const response = await postSignedActivity(app, stub, message());
    expect(response.statusCode).toBe(200);
    expect(stub.sentActivities()).toMatchObject([{ type: 'message', text: apology }]);
    expect(JSON.stringify(stub.requests)).not.toContain('proposals');
  });

  it('answers a failing card action with a 500 carrying the apology only', async () => {
    failure = new Error('secret detail');
    const response = await postSignedActivity(
      app,
      stub,
      teamsFixture('invoke-adaptive-card-action', { serviceUrl: stub.serviceUrl }),
    );
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      type: 'application/vnd.microsoft.error',
      value: { code: 'InternalServerError', message: apology },
    });
    expect(response.body).not.toContain('secret');
    expect(stub.requests).toHaveLength(0);
  });

  it('rejects a body that is not an activity with the JSON error shape', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/messages', payload: [1, 2] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION' } });
  });

  it('is not throttled per IP (all of Teams arrives from a few addresses)', async () => {
    for (let i = 0; i < 4; i += 1)
      expect((await postSignedActivity(app, stub, message())).statusCode).toBe(200);
    expect(calls).toHaveLength(4);
  });

  it('accepts unsigned activities in local mode (no app id) and replies without credentials', async () => {
    const response = await postActivity(localApp, message());
    expect(response.statusCode).toBe(200);
    expect(calls[0]).toMatchObject({ kind: 'message', text: '提案' });
    expect(stub.requests).toMatchObject([
      { operation: 'replyToActivity', authorization: null, body: { text: 'echo: 提案' } },
    ]);
  });
});
