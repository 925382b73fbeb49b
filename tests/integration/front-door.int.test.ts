import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { createServer } from '../../bot/src/server';
import { FixedTokenCredentialsFactory } from '../../bot/src/teams/bot-authentication';
import { useBotServer } from '../helpers/bot-server';
import {
  activityFrom,
  cardActionFrom,
  fixtureBotAppId,
  fixtureTenantId,
  outgoingTestToken,
  postActivity,
  teamsPerson,
  type TeamsFixtureName,
  type TestActivity,
  type TeamsPerson,
} from '../helpers/teams-http';
import { testConfig } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

/**
 * The attacks of the front-door review (issue 14), each through POST /api/messages with tokens signed
 * by the local Bot Framework stub and checked by the real validation path: what an attacker sends,
 * and that nothing of it is stored, answered or sent on.
 */
const taro = teamsPerson(41, '山口 太郎');
const hanako = teamsPerson(42, '周南 花子');
const jiro = teamsPerson(43, '下関 次郎');
const foreignTenantId = '0badbeef-0000-4000-8000-00000000f00d';

describe('the bot front door', () => {
  const server = useBotServer({
    config: {
      TEAMS_APP_ID: '',
      PUBLIC_URL: '',
      BOT_AUTH_FAILURES_PER_MINUTE: '1000',
      LIMIT_PROPOSALS_PER_MINUTE: '2',
      LIMIT_STAMP_SENDS_PER_MINUTE: '2',
    },
  });
  let counter = 0;

  const activity = (
    who: TeamsPerson,
    fixture: TeamsFixtureName,
    extra: Record<string, unknown> = {},
  ): TestActivity =>
    activityFrom(who, fixture, { serviceUrl: server.stub.serviceUrl, id: `fd:${(counter += 1)}`, ...extra });
  const signed = async (body: TestActivity, claims: Record<string, unknown> = {}, issuer?: string) =>
    `Bearer ${await server.stub.signBotToken({
      appId: fixtureBotAppId,
      serviceUrl: body.serviceUrl,
      claims,
      ...(issuer ? { issuer } : {}),
    })}`;
  const post = async (body: TestActivity, authorization?: string, remoteAddress = '198.51.100.10') =>
    server.app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: body,
      headers: { authorization: authorization ?? (await signed(body)) },
      remoteAddress,
    });
  const rows = async (query: ReturnType<typeof sql>) =>
    queryRows<Record<string, unknown>>((await getTestDatabase()).db, query);
  const storedReferences = () => rows(sql`select conversation_id, service_url from conversation_references`);
  const cardsTo = (who: TeamsPerson) =>
    server.stub
      .sentActivities(who.conversationId)
      .flatMap((sent) =>
        ((sent.attachments as { content: unknown }[] | undefined) ?? []).map((a) =>
          JSON.stringify(a.content),
        ),
      );

  describe('tokens that are not Teams channel tokens are refused before botbuilder looks at them', () => {
    it("refuses a token shaped like the bot's own Bot Connector token (emulator path): 401, nothing stored or sent", async () => {
      const body = activity(taro, 'installation-update-add');
      const emulatorToken = await signed(
        body,
        { appid: fixtureBotAppId, ver: '1.0', tid: fixtureTenantId },
        `https://sts.windows.net/${fixtureTenantId}/`,
      );
      for (const audience of [fixtureBotAppId, 'https://api.botframework.com']) {
        const token = await server.stub.signBotToken({
          appId: fixtureBotAppId,
          serviceUrl: body.serviceUrl,
          issuer: `https://sts.windows.net/${fixtureTenantId}/`,
          audience,
          claims: { appid: fixtureBotAppId, ver: '1.0', tid: fixtureTenantId },
        });
        const response = await post(body, `Bearer ${token}`);
        expect(response.statusCode, response.body).toBe(401);
      }
      expect((await post(body, emulatorToken)).statusCode).toBe(401);
      expect(await storedReferences()).toEqual([]);
      expect(await rows(sql`select id from users`)).toEqual([]);
      expect(server.stub.requests).toHaveLength(0);
    });

    it('refuses a token with 1,250 claims without fetching signing keys', async () => {
      const body = activity(taro, 'message-personal', { text: '提案' });
      const claims = Object.fromEntries(Array.from({ length: 1250 }, (_, i) => [`c${i}`, `v${i}`]));
      const fetchesBefore = server.stub.metadataFetches;
      const response = await post(body, await signed(body, claims));
      expect(response.statusCode).toBe(401);
      expect(server.stub.metadataFetches).toBe(fetchesBefore);
      expect(await storedReferences()).toEqual([]);
    });

    it('refuses an Authorization header over 4 KB and a body over 256 KB', async () => {
      const body = activity(taro, 'message-personal', { text: '提案' });
      expect((await post(body, `Bearer ${'a'.repeat(5000)}.b.c`)).statusCode).toBe(401);
      const huge = activity(taro, 'message-personal', { text: 'あ'.repeat(100_000) });
      expect((await post(huge)).statusCode).toBe(413);
    });

    it('refuses an address that failed too often before looking at its next token', async () => {
      const strict = await createServer(
        testConfig({
          BOT_APP_ID: fixtureBotAppId,
          BOT_TENANT_ID: fixtureTenantId,
          BOT_OPENID_METADATA_URL: server.stub.openIdMetadataUrl,
          BOT_SERVICE_URL_ALLOWLIST: `${server.stub.url}/`,
          BOT_AUTH_FAILURES_PER_MINUTE: '3',
        }),
        await getTestDatabase(),
        {
          teams: { credentialsFactory: new FixedTokenCredentialsFactory(fixtureBotAppId, outgoingTestToken) },
        },
      );
      try {
        const body = activity(taro, 'message-personal', { text: '提案' });
        const attempt = (authorization: string, remoteAddress: string) =>
          strict.app.inject({
            method: 'POST',
            url: '/api/messages',
            payload: body,
            headers: { authorization },
            remoteAddress,
          });
        const statuses = [];
        for (let i = 0; i < 5; i += 1)
          statuses.push((await attempt('Bearer x.y.z', '203.0.113.9')).statusCode);
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        // Even a valid token from that address waits out the minute; other addresses are not affected.
        expect((await attempt(await signed(body), '203.0.113.9')).statusCode).toBe(429);
        expect((await attempt(await signed(body), '203.0.113.10')).statusCode).toBe(200);
      } finally {
        await strict.app.close();
      }
    });
  });

  describe('valid tokens for activities that are not from this deployment’s Teams are refused', () => {
    it('refuses an activity of another tenant: 403, no user, no reference, no proposal', async () => {
      const body = activity(taro, 'installation-update-add', {
        conversation: { id: taro.conversationId, conversationType: 'personal', tenantId: foreignTenantId },
        channelData: { tenant: { id: foreignTenantId } },
      });
      expect((await post(body)).statusCode).toBe(403);
      const submit = cardActionFrom(
        taro,
        'proposal.submit',
        {
          requestId: 'req-foreign-0001',
          title: '他テナントからの提案',
          body: '本文',
          category: 'efficiency',
          confirmSimilar: 'true',
        },
        { serviceUrl: server.stub.serviceUrl, id: 'fd:foreign' },
      );
      submit.conversation = { ...submit.conversation, tenantId: foreignTenantId };
      submit.channelData = { tenant: { id: foreignTenantId } };
      expect((await post(submit)).statusCode).toBe(403);
      expect(await rows(sql`select id from users`)).toEqual([]);
      expect(await rows(sql`select id from proposals`)).toEqual([]);
      expect(await storedReferences()).toEqual([]);
      expect(server.stub.requests).toHaveLength(0);
    });

    it('refuses another channel than Teams', async () => {
      const body = activity(taro, 'message-personal', { text: '提案', channelId: 'webchat' });
      expect((await post(body)).statusCode).toBe(403);
      expect(await storedReferences()).toEqual([]);
    });

    it("never lets a serviceUrl off the allowlist replace a victim's conversation reference", async () => {
      expect((await post(activity(taro, 'installation-update-add'))).statusCode).toBe(200);
      const before = await storedReferences();
      expect(before).toHaveLength(1);
      const attacker = 'https://attacker.example/teams/';
      const hijack = activity(taro, 'message-personal', { text: '提案', serviceUrl: attacker });
      // The token's serviceurl claim matches the activity, so botbuilder accepts it: the allowlist does not.
      expect((await post(hijack, await signed(hijack))).statusCode).toBe(403);
      expect(await storedReferences()).toEqual(before);
      expect(server.stub.requests.every((request) => !request.path.includes('attacker'))).toBe(true);
    });
  });

  describe('per-user limits and request ids', () => {
    const install = async (who: TeamsPerson) => {
      expect((await post(activity(who, 'installation-update-add'))).statusCode).toBe(200);
      const divisionId = (await ensureDivisions((await getTestDatabase()).db, [{ name: '人事課' }])).get(
        '人事課',
      )!;
      await (
        await getTestDatabase()
      ).db.execute(
        sql`update users set division_id = ${divisionId} where aad_object_id = ${who.aadObjectId}`,
      );
    };
    const submit = async (who: TeamsPerson, requestId: string, title: string) => {
      const response = await post(
        cardActionFrom(
          who,
          'proposal.submit',
          { requestId, title, body: `${title}の本文`, category: 'efficiency', confirmSimilar: 'true' },
          { serviceUrl: server.stub.serviceUrl, id: `fd:${(counter += 1)}` },
        ),
      );
      expect(response.statusCode, response.body).toBe(200);
      return JSON.stringify(response.json());
    };

    it('answers the third proposal of a minute with the form and a Japanese message; a retry still gets its confirmation', async () => {
      await install(taro);
      expect(await submit(taro, 'req-limit-000001', '一件目の提案')).toContain('受け付けました');
      expect(await submit(taro, 'req-limit-000002', '二件目の提案')).toContain('受け付けました');
      const third = await submit(taro, 'req-limit-000003', '三件目の提案');
      expect(third).toContain('1分ほど待ってからもう一度お試しください');
      expect(third).toContain('三件目の提案'); // what was typed is kept
      expect(await submit(taro, 'req-limit-000002', '二件目の提案')).toContain('受け付けました');
      expect(await rows(sql`select title from proposals order by title`)).toHaveLength(2);
    });

    it("never answers one user with another user's proposal for the same request id", async () => {
      await install(taro);
      await install(hanako);
      const first = await submit(taro, 'req-shared-000001', '山口の提案');
      const second = await submit(hanako, 'req-shared-000001', '周南の提案');
      expect(first).toContain('山口の提案');
      expect(second).toContain('周南の提案');
      expect(second).not.toContain('山口の提案');
      expect((await rows(sql`select title from proposals order by title`)).map((row) => row.title)).toEqual([
        '周南の提案',
        '山口の提案',
      ]);
    });

    it("stores another sender's stamp with the same request id, and limits stamp sends per minute", async () => {
      for (const who of [taro, hanako, jiro]) await install(who);
      const send = async (who: TeamsPerson, requestId: string) =>
        JSON.stringify(
          (
            await post(
              cardActionFrom(
                who,
                'stamp.send',
                { requestId, recipientIds: jiro.aadObjectId, kindCode: 'thanks' },
                { serviceUrl: server.stub.serviceUrl, id: `fd:${(counter += 1)}` },
              ),
            )
          ).json(),
        );
      await send(taro, 'req-stamp-000001');
      await send(hanako, 'req-stamp-000001');
      expect(await rows(sql`select id from stamps`)).toHaveLength(2);
      await send(taro, 'req-stamp-000002');
      expect(await send(taro, 'req-stamp-000003')).toContain('1分ほど待ってからもう一度お試しください');
      expect(await rows(sql`select id from stamps`)).toHaveLength(3);
    });

    it('refuses stamp recipients nobody knows instead of inventing users', async () => {
      await install(taro);
      const response = await post(
        cardActionFrom(
          taro,
          'stamp.send',
          {
            requestId: 'req-unknown-00001',
            recipientIds: 'eeeeeeee-0000-4000-8000-000000000001',
            kindCode: 'thanks',
          },
          { serviceUrl: server.stub.serviceUrl, id: 'fd:unknown' },
        ),
      );
      expect(JSON.stringify(response.json())).toContain('まだこのアプリを使ったことのない方が含まれています');
      expect(await rows(sql`select id from users`)).toHaveLength(1);
      expect(await rows(sql`select id from stamps`)).toEqual([]);
      expect(cardsTo(taro).join()).not.toContain('未登録');
    });
  });

  it('still serves Teams: a signed install from the fixture tenant is welcomed', async () => {
    expect(
      (
        await postActivity(server.app, activity(taro, 'installation-update-add'), {
          authorization: await signed(activity(taro, 'installation-update-add')),
        })
      ).statusCode,
    ).toBe(200);
    expect(cardsTo(taro).join()).toContain('山口 太郎');
  });
});
