import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import { startEntraStub, type EntraStub } from '../helpers/entra-token';
import {
  createPrivatePostgres,
  privatePostgresUnavailableReason,
  type PrivatePostgres,
} from '../helpers/private-postgres';
import { personas } from '../helpers/personas';
import { killAll, startServerProcess, type ServerProcess } from '../helpers/server-process';
import {
  cardActionFrom,
  fixtureBotAppId,
  fixtureTenantId,
  postActivityTo,
  teamsPerson,
  unlimitedUserActionsEnv,
} from '../helpers/teams-http';
import { usesServer } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * PostgreSQL restarted while the app serves: during the outage the tab API answers 503 with a
 * Japanese message within a few seconds (no hang, no crash), the bot endpoint fails fast so Teams
 * retries, /readyz says 503; when the database is back the app recovers by itself.
 *
 * Runs in the PostgreSQL pass only (the embedded database has no server to restart), on a private
 * throwaway cluster (initdb into a temporary folder, its own port): the machine's shared server is
 * never stopped.
 */
const unavailable = privatePostgresUnavailableReason();
const skipReason = !usesServer()
  ? 'PostgreSQL only (DATABASE_URL unset: the embedded database has no server to restart)'
  : unavailable;

const taro = teamsPerson(900, personas.taro.name);
const office = personas.kenichi;

describe.skipIf(Boolean(skipReason))(
  `PostgreSQL restart while serving${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let cluster: PrivatePostgres;
    let stub: BotFrameworkStub;
    let entra: EntraStub;
    let server: ServerProcess;

    beforeAll(async () => {
      [cluster, stub, entra] = await Promise.all([
        createPrivatePostgres(),
        startBotFrameworkStub(),
        startEntraStub(),
      ]);
      await cluster.start();
    }, 60_000);
    afterAll(async () => {
      await killAll();
      await cluster?.destroy();
      await stub?.close();
      await entra?.close();
    });

    it('fails fast with 503 during the outage and recovers by itself', async () => {
      const databaseUrl = await cluster.createDatabase('app');
      server = await startServerProcess({
        env: {
          DATABASE_URL: databaseUrl,
          BOT_APP_ID: fixtureBotAppId,
          BOT_TENANT_ID: fixtureTenantId,
          BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
          BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
          ...unlimitedUserActionsEnv,
          ...entra.env(),
        },
      });
      const token = await entra.sign(office);
      const botToken = await stub.signBotToken({ appId: fixtureBotAppId, serviceUrl: stub.serviceUrl });
      let counter = 0;
      const submit = (title: string) =>
        postActivityTo(
          server.url,
          cardActionFrom(
            taro,
            'proposal.submit',
            {
              requestId: `restart-${(counter += 1)}-request`,
              title,
              body: '本文です。',
              category: 'digital',
              confirmSimilar: 'true',
            },
            { serviceUrl: stub.serviceUrl, id: `f:restart-${counter}` },
          ),
          botToken,
        );
      const timed = async (request: () => Promise<Response>) => {
        const started = Date.now();
        const response = await request();
        return { response, body: await response.text(), ms: Date.now() - started };
      };
      const listProposals = () =>
        fetch(`${server.url}/api/proposals`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(15_000),
        });

      expect((await submit('停止前の提案')).status).toBe(200);
      expect((await listProposals()).status).toBe(200);

      await cluster.stop();
      try {
        const ready = await timed(() => fetch(`${server.url}/readyz`));
        expect(ready.response.status).toBe(503);
        expect(ready.ms).toBeLessThan(3_000);

        for (let i = 0; i < 3; i += 1) {
          const api = await timed(listProposals);
          expect(api.response.status, api.body).toBe(503);
          expect(JSON.parse(api.body).error).toMatchObject({
            code: 'UNAVAILABLE',
            message: expect.stringMatching(/[\u3040-\u30ff]/),
          });
          expect(api.body).not.toMatch(/ECONNREFUSED|postgres|select|stack/i);
          expect(api.ms).toBeLessThan(5_000);
        }

        // The bot endpoint fails the turn at once (5xx: Teams retries), never hangs or answers 200.
        const bot = await timed(() => submit('停止中の提案'));
        expect(bot.response.status).toBeGreaterThanOrEqual(500);
        expect(bot.body).not.toMatch(/ECONNREFUSED|postgres|stack/i);
        expect(bot.ms).toBeLessThan(5_000);

        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      } finally {
        await cluster.start();
      }

      // Back by itself: readiness first, then the API and the bot, with the data from before.
      await waitUntil(async () => (await fetch(`${server.url}/readyz`)).status === 200, {
        what: () => `ready again (output so far:\n${server.output()})`,
        timeoutMs: 20_000,
        intervalMs: 200,
      });
      expect((await submit('再開後の提案')).status).toBe(200);
      const list = await listProposals();
      expect(list.status).toBe(200);
      const titles = ((await list.json()) as { items: { title: string }[] }).items.map((item) => item.title);
      expect(titles.sort()).toEqual(['停止前の提案', '再開後の提案'].sort());
      expect(await server.stop(), server.output()).toBe(0);
    }, 60_000);
  },
);
