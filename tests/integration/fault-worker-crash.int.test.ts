import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import { createFaultStorage, type FaultStorage } from '../helpers/fault-storage';
import { killAll, startServerProcess, type ServerProcess } from '../helpers/server-process';
import {
  activityFrom,
  cardActionFrom,
  fixtureBotAppId,
  fixtureTenantId,
  postActivityTo,
  teamsPerson,
  type TeamsPerson,
  unlimitedUserActionsEnv,
} from '../helpers/teams-http';
import { waitUntil } from '../helpers/wait';

/**
 * The notification worker killed (SIGKILL) in the middle of a batch of 60 stamp notifications, then
 * restarted: none is lost, and nobody gets a message twice, except possibly for the few sends that
 * were on the wire at the moment of the kill (Teams had them, the sent-marker was not yet written):
 * Teams offers no idempotency key for a bot's messages, so those are the one duplicate window left
 * (docs/reliability.md). The test asserts exactly that set, measured from the stub and the database.
 *
 * The worker runs inside the server process (the default, and the only way on PGlite). Timings are
 * shortened so the recovery is visible within seconds: a job active for 5 s counts as lost (15 min in
 * production), the claim on a delivery lasts 4 s (10 min), maintenance runs every second (2 min).
 */
const sender = teamsPerson(800, '送信 太郎');
const recipients = Array.from({ length: 60 }, (_, i) => teamsPerson(801 + i));
const stampCardMark = 'stamp.reply';

describe('notification worker killed mid-batch', () => {
  let stub: BotFrameworkStub;
  let storage: FaultStorage;

  beforeAll(async () => {
    // Teams answers after 40 ms; the message is in the chat as soon as the request arrived.
    stub = await startBotFrameworkStub({ responseDelayMs: 40 });
    storage = await createFaultStorage('worker-crash');
  });
  afterAll(async () => {
    await killAll();
    await stub?.close();
    storage?.remove();
  });

  /** Conversation id → how many stamp cards Teams received for it. */
  const stampsReceived = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const request of stub.requests) {
      if (request.conversationId && JSON.stringify(request.body ?? '').includes(stampCardMark)) {
        counts.set(request.conversationId, (counts.get(request.conversationId) ?? 0) + 1);
      }
    }
    return counts;
  };

  it('sends every queued notification after the restart; only in-flight sends may repeat', async () => {
    const env = {
      ...storage.env,
      BOT_APP_ID: fixtureBotAppId,
      BOT_TENANT_ID: fixtureTenantId,
      BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
      BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
      ...unlimitedUserActionsEnv,
      TEST_JOB_EXPIRE_SECONDS: '5',
      TEST_LEASE_MS: '4000',
      TEST_MAINTENANCE_SECONDS: '1',
      TEST_RETRY_DELAY_SECONDS: '1',
      TEST_POLL_MS: '100',
    };
    const token = await stub.signBotToken({ appId: fixtureBotAppId, serviceUrl: stub.serviceUrl });
    let counter = 0;
    const post = async (server: ServerProcess, activity: Parameters<typeof postActivityTo>[1]) => {
      const response = await postActivityTo(server.url, activity, token);
      expect(response.status, await response.text()).toBe(200);
    };
    const install = (server: ServerProcess, who: TeamsPerson) =>
      post(
        server,
        activityFrom(who, 'installation-update-add', {
          serviceUrl: stub.serviceUrl,
          id: `f:w${(counter += 1)}`,
        }),
      );

    const first = await startServerProcess({ env });
    for (const who of [sender, ...recipients]) await install(first, who);
    stub.reset();

    // Three stamps of 20 recipients each: 60 notifications queued in one go.
    for (let group = 0; group < 3; group += 1) {
      await post(
        first,
        cardActionFrom(
          sender,
          'stamp.send',
          {
            requestId: `worker-crash-stamp-${group}`,
            recipientIds: recipients
              .slice(group * 20, group * 20 + 20)
              .map((who) => who.aadObjectId)
              .join(','),
            kindCode: 'thanks',
            message: 'いつもありがとうございます',
          },
          { serviceUrl: stub.serviceUrl, id: `f:w${(counter += 1)}` },
        ),
      );
    }
    // Kill the worker (the whole process) once a quarter has reached Teams.
    await waitUntil(() => stampsReceived().size >= 15, {
      what: '15 notifications sent',
      timeoutMs: 20_000,
      intervalMs: 20,
    });
    await first.crash();
    const beforeRestart = stampsReceived();
    expect(beforeRestart.size, 'the kill came before the batch was done').toBeLessThan(recipients.length);

    // What the database says right after the crash: sent-markers, and claims cut off mid-send.
    const afterCrash = await storage.open();
    let marked: { conversation_id: string; status: string }[];
    try {
      marked = await queryRows<{ conversation_id: string; status: string }>(
        afterCrash.db,
        sql`select c.conversation_id, d.status from notification_deliveries d
            join conversation_references c on c.user_id = d.user_id`,
      );
    } finally {
      await afterCrash.close();
    }
    expect(marked).toHaveLength(recipients.length);
    const sentBefore = new Set(
      marked.filter((row) => row.status === 'sent').map((row) => row.conversation_id),
    );
    // Received by Teams but not marked: the only deliveries that may legitimately arrive twice.
    const ambiguous = new Set([...beforeRestart.keys()].filter((id) => !sentBefore.has(id)));
    for (const id of sentBefore) expect(beforeRestart.get(id), id).toBe(1);

    // Restart: the jobs the dead worker held expire and are retried; everything goes out.
    const second = await startServerProcess({ env });
    await waitUntil(() => recipients.every((who) => stampsReceived().has(who.conversationId)), {
      what: 'every recipient reached',
      timeoutMs: 30_000,
      intervalMs: 20,
    });
    // Give a redundant redelivery the chance to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await second.stop(), second.output()).toBe(0);

    const received = stampsReceived();
    const twice = recipients.filter((who) => received.get(who.conversationId) !== 1);
    expect(
      twice.every((who) => ambiguous.has(who.conversationId) && received.get(who.conversationId) === 2),
    ).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(ambiguous.size);

    const final = await storage.open();
    try {
      const statuses = await queryRows<{ status: string; n: number }>(
        final.db,
        sql`select status, count(*)::int as n from notification_deliveries group by status`,
      );
      expect(statuses).toEqual([{ status: 'sent', n: recipients.length }]);
    } finally {
      await final.close();
    }
    console.info(
      `worker crash: ${beforeRestart.size} sent before the kill, ${ambiguous.size} in flight, ${twice.length} delivered twice`,
    );
  }, 120_000);
});
