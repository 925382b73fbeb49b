import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../bot/src/data/database';
import { silentLogger } from '../../bot/src/jobs/job-logger';
import { createWorkerRuntime } from '../../bot/src/jobs/worker-runtime';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import { bearer, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { personas } from '../helpers/personas';
import { killAll, startServerProcess, type ServerProcess } from '../helpers/server-process';
import {
  activityFrom,
  cardActionFrom,
  fixtureBotAppId,
  fixtureTenantId,
  postActivityTo,
  teamsPerson,
  unlimitedUserActionsEnv,
} from '../helpers/teams-http';
import { createServerDatabase, usesServer } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * Two server processes against one PostgreSQL database, both with the notification worker inside
 * (the default), started at the same moment as in a rolling deployment: submissions through both get
 * unique, gap-free numbers; the office changing the same proposal through both at once gets exactly
 * one success and one Japanese conflict; each status notification reaches its proposer once.
 *
 * PostgreSQL only: the embedded database belongs to one process (a second one is refused, see
 * fault-crash-submissions.int.test.ts).
 */
const proposers = Array.from({ length: 10 }, (_, i) => teamsPerson(950 + i));
const office = personas.kenichi;
const submissions = 100;
const contested = 20;
const conflictMessage = 'この提案は他の人が先に更新しました。画面を更新して最新の内容を確認してください。';

describe.skipIf(!usesServer())(
  `two server instances on one PostgreSQL${usesServer() ? '' : ' (skipped: PostgreSQL only, DATABASE_URL unset)'}`,
  () => {
    let stub: BotFrameworkStub;
    let entra: EntraStub;
    let databaseUrl: string;
    let servers: ServerProcess[];

    beforeAll(async () => {
      [stub, entra, databaseUrl] = await Promise.all([
        startBotFrameworkStub(),
        startEntraStub(),
        createServerDatabase('two-instances'),
      ]);
    });
    afterAll(async () => {
      await killAll();
      await stub?.close();
      await entra?.close();
    });

    it('installs the job queue once when instances start together on an empty database', async () => {
      // Found by the test below: pg-boss's own lock did not stop the second instance's CREATE SCHEMA
      // (stale catalog after waiting on it) and that instance failed to start.
      const url = await createServerDatabase('two-instances-queue');
      const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url, dataDir: '' })));
      try {
        await Promise.all(handles.map((handle) => handle.migrate()));
        const runtimes = handles.map((database) => createWorkerRuntime({ database, runWorker: false }));
        const started = await Promise.allSettled(runtimes.map((runtime) => runtime.start(silentLogger)));
        await Promise.all(runtimes.map((runtime) => runtime.stop()));
        expect(
          started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok')),
        ).toEqual(['ok', 'ok', 'ok']);
      } finally {
        await Promise.all(handles.map((handle) => handle.close()));
      }
    });

    it('numbers stay unique, one of two concurrent changes wins, each notification is sent once', async () => {
      const env = {
        DATABASE_URL: databaseUrl,
        BOT_APP_ID: fixtureBotAppId,
        BOT_TENANT_ID: fixtureTenantId,
        BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
        BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
        ...unlimitedUserActionsEnv,
        TEST_POLL_MS: '100',
        ...entra.env(),
      };
      // Started together on an empty database: both apply the migrations at the same moment.
      servers = await Promise.all([startServerProcess({ env }), startServerProcess({ env })]);
      const botToken = await stub.signBotToken({ appId: fixtureBotAppId, serviceUrl: stub.serviceUrl });
      const officeToken = await entra.sign(office);
      let counter = 0;
      const via = (i: number) => servers[i % 2]!;

      for (const [i, who] of proposers.entries()) {
        const installed = await postActivityTo(
          via(i).url,
          activityFrom(who, 'installation-update-add', {
            serviceUrl: stub.serviceUrl,
            id: `f:two-${(counter += 1)}`,
          }),
          botToken,
        );
        expect(installed.status).toBe(200);
      }

      // 100 submissions at once, alternating between the instances.
      const numbers = await Promise.all(
        Array.from({ length: submissions }, async (_, i) => {
          const response = await postActivityTo(
            via(i).url,
            cardActionFrom(
              proposers[i % proposers.length]!,
              'proposal.submit',
              {
                requestId: `two-instances-${String(i).padStart(4, '0')}`,
                title: `二重化試験の提案 ${i}`,
                body: '二台のサーバーで受け付ける提案です。',
                category: 'digital',
                confirmSimilar: 'true',
              },
              { serviceUrl: stub.serviceUrl, id: `f:two-${(counter += 1)}` },
            ),
            botToken,
          );
          const text = await response.text();
          expect(response.status, `${text}\n${via(i).output().slice(-2_000)}`).toBe(200);
          return /R\d+-(\d{4})/.exec(text)![1]!;
        }),
      );
      expect(numbers.map(Number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: submissions }, (_, i) => i + 1),
      );

      // The office changes 20 proposals through both instances at the same moment, from the same version.
      const api = (server: ServerProcess, method: string, path: string, body?: unknown) =>
        fetch(`${server.url}${path}`, {
          method,
          headers: { ...bearer(officeToken), ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(20_000),
        });
      const list = await api(servers[0]!, 'GET', '/api/proposals?sort=number&direction=asc&pageSize=100');
      const items = ((await list.json()) as { items: { id: string; number: string; version: number }[] })
        .items;
      expect(items).toHaveLength(submissions);
      const targets = items.slice(0, contested);
      const outcomes = await Promise.all(
        targets.map(async (proposal) => {
          const [a, b] = await Promise.all([
            api(servers[0]!, 'PATCH', `/api/proposals/${proposal.id}`, {
              version: proposal.version,
              status: 'under_consideration',
              answer: '担当課と検討を始めました。',
            }),
            api(servers[1]!, 'PATCH', `/api/proposals/${proposal.id}`, {
              version: proposal.version,
              status: 'settled',
              answer: '来年度に実施する見込みです。',
            }),
          ]);
          const bodies = [await a.json(), await b.json()] as { error?: { code: string; message: string } }[];
          return { number: proposal.number, statuses: [a.status, b.status].sort(), bodies };
        }),
      );
      for (const outcome of outcomes) {
        expect(outcome.statuses, outcome.number).toEqual([200, 409]);
        expect(outcome.bodies.find((body) => body.error)?.error).toMatchObject({
          code: 'CONFLICT',
          message: conflictMessage,
        });
      }

      // Each winning change is announced to its proposer exactly once, by one of the two workers.
      const cardsFor = (number: string) =>
        stub.requests.filter(
          (request) => request.status === 201 && JSON.stringify(request.body ?? '').includes(number),
        ).length;
      await waitUntil(() => targets.every((proposal) => cardsFor(proposal.number) > 0), {
        what: 'every status notification delivered',
        timeoutMs: 20_000,
        intervalMs: 100,
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(targets.map((proposal) => cardsFor(proposal.number))).toEqual(targets.map(() => 1));

      for (const server of servers) expect(await server.stop(), server.output()).toBe(0);

      const database = await openDatabase({ databaseUrl, dataDir: '' });
      try {
        const [totals] = await queryRows<{
          proposals: number;
          numbers: number;
          changes: number;
          sent: number;
        }>(
          database.db,
          sql`select (select count(*)::int from proposals) as proposals,
                     (select count(distinct number)::int from proposals) as numbers,
                     (select count(*)::int from proposal_history where action <> 'created') as changes,
                     (select count(*)::int from notification_deliveries where status = 'sent') as sent`,
        );
        expect(totals).toEqual({
          proposals: submissions,
          numbers: submissions,
          changes: contested,
          sent: contested,
        });
      } finally {
        await database.close();
      }
    }, 60_000);
  },
);
