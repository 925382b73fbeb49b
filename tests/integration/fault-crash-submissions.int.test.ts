import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import { createFaultStorage, type FaultStorage } from '../helpers/fault-storage';
import { freePort } from '../helpers/ports';
import { killAll, spawnServer, startServerProcess } from '../helpers/server-process';
import {
  cardActionFrom,
  fixtureBotAppId,
  fixtureTenantId,
  postActivityTo,
  teamsPerson,
  type TestActivity,
  unlimitedUserActionsEnv,
} from '../helpers/teams-http';

/**
 * Durability on commit, through a real server process: 200 proposal submissions are posted to
 * /api/messages at once (as Teams would, signed Bot Framework tokens) and the process is killed with
 * SIGKILL while they are in flight. Every submission that was answered with its proposal number is
 * in the database after the crash, whole (with its first history entry); nothing half-written
 * exists; Teams' retries of all 200 after the restart create no duplicate and return the same
 * numbers; numbers stay unique and gap-free. On PGlite the data folder also survives the crash
 * and a second process is refused while the restarted server holds it.
 */
const submissions = 200;
const people = Array.from({ length: 10 }, (_, i) => teamsPerson(700 + i));
const numberPattern = /R\d+-\d{4}/;

interface Answer {
  requestId: string;
  number: string | null;
  error: string | null;
}

describe('kill -9 while 200 submissions are in flight', () => {
  let stub: BotFrameworkStub;
  let storage: FaultStorage;

  beforeAll(async () => {
    stub = await startBotFrameworkStub();
    storage = await createFaultStorage('crash');
  });
  afterAll(async () => {
    await killAll();
    await stub?.close();
    storage?.remove();
  });

  const submission = (i: number): TestActivity =>
    cardActionFrom(
      people[i % people.length]!,
      'proposal.submit',
      {
        requestId: `crash-request-${String(i).padStart(4, '0')}`,
        title: `障害試験の提案 ${i}`,
        body: `強制終了の試験で送る提案です（${i}）。`,
        category: 'efficiency',
        confirmSimilar: 'true',
      },
      { serviceUrl: stub.serviceUrl, id: `f:crash-${i}` },
    );

  const post = async (url: string, token: string, i: number): Promise<Answer> => {
    const requestId = `crash-request-${String(i).padStart(4, '0')}`;
    try {
      const response = await postActivityTo(url, submission(i), token);
      const text = await response.text();
      const number = response.status === 200 ? (numberPattern.exec(text)?.[0] ?? null) : null;
      return { requestId, number, error: number ? null : `${response.status} ${text.slice(0, 200)}` };
    } catch (error) {
      return { requestId, number: null, error: (error as Error).message };
    }
  };

  it('keeps every acknowledged proposal, whole; retries do not duplicate', async () => {
    const env = {
      ...storage.env,
      BOT_APP_ID: fixtureBotAppId,
      BOT_TENANT_ID: fixtureTenantId,
      BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
      BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
      ...unlimitedUserActionsEnv,
    };
    const token = await stub.signBotToken({ appId: fixtureBotAppId, serviceUrl: stub.serviceUrl });

    // 1. All 200 at once; SIGKILL as soon as a quarter has been acknowledged.
    const first = await startServerProcess({ env });
    let acknowledged = 0;
    let crashed: Promise<void> | undefined;
    const answers = await Promise.all(
      Array.from({ length: submissions }, async (_, i) => {
        const answer = await post(first.url, token, i);
        if (answer.number && (acknowledged += 1) === submissions / 4) crashed = first.crash();
        return answer;
      }),
    );
    await (crashed ?? first.crash());
    const acked = answers.filter((answer) => answer.number);
    const lost = answers.filter((answer) => !answer.number);
    // The crash must have hit submissions in flight, or this test proved nothing.
    expect(lost.length, first.output()).toBeGreaterThan(0);
    expect(acked.length).toBeGreaterThanOrEqual(submissions / 4);

    // 2. After the crash (the PGlite folder reopened by another process): every acknowledged
    //    proposal is there with its number; nothing exists without its first history entry.
    const afterCrash = await storage.open();
    try {
      const rows = await queryRows<{ client_request_id: string; number: string; history: number }>(
        afterCrash.db,
        sql`select p.client_request_id, p.number,
                   (select count(*)::int from proposal_history h where h.proposal_id = p.id and h.action = 'created') as history
            from proposals p`,
      );
      const stored = new Map(rows.map((row) => [row.client_request_id, row.number]));
      for (const answer of acked) expect(stored.get(answer.requestId), answer.requestId).toBe(answer.number);
      expect(rows.filter((row) => row.history !== 1)).toEqual([]);
      expect(rows.length).toBeGreaterThanOrEqual(acked.length);
      expect(rows.length).toBeLessThanOrEqual(submissions);
    } finally {
      await afterCrash.close();
    }

    // 3. Restart on the same storage. Teams retries every delivery (the same activities) while, on
    //    PGlite, a second process (here `npm run db:migrate`) tries to open the folder the server holds
    //    and is refused with a clear message instead of opening it.
    const second = await startServerProcess({ env });
    const intruder =
      storage.kind === 'pglite'
        ? spawnServer({ env, port: await freePort(), script: 'scripts/db-migrate.ts' }).server
        : undefined;
    const retried = await Promise.all(
      Array.from({ length: submissions }, (_, i) => post(second.url, token, i)),
    );
    if (intruder) {
      const { code } = await intruder.exited;
      expect(code).toBe(1);
      expect(intruder.output()).toContain(`別のプロセス（PID ${second.pid}）が使用中です`);
    }

    // 4. One proposal per request, with the numbers acknowledged before the crash.
    expect(retried.filter((answer) => !answer.number)).toEqual([]);
    for (const answer of acked) {
      expect(retried.find((again) => again.requestId === answer.requestId)?.number).toBe(answer.number);
    }
    expect(await second.stop(), second.output()).toBe(0);

    const final = await storage.open();
    try {
      const [totals] = await queryRows<{
        proposals: number;
        requests: number;
        numbers: number;
        max_sequence: number;
        orphans: number;
      }>(
        final.db,
        sql`select count(*)::int as proposals,
                   count(distinct client_request_id)::int as requests,
                   count(distinct number)::int as numbers,
                   max(sequence)::int as max_sequence,
                   (select count(*)::int from proposals p
                     where not exists (select 1 from proposal_history h where h.proposal_id = p.id)) as orphans
            from proposals`,
      );
      expect(totals).toEqual({
        proposals: submissions,
        requests: submissions,
        numbers: submissions,
        max_sequence: submissions,
        orphans: 0,
      });
    } finally {
      await final.close();
    }
  }, 120_000);
});
