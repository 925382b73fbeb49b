import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import type { IncomingActivity } from '../../bot/src/conversation/activity';
import type { MessageSender } from '../../bot/src/notifications/message-sender';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import {
  createTeamsTestApp,
  outgoingTestToken,
  postSignedActivity,
  teamsFixture,
} from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';

const card: AdaptiveCard = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: '提案のステータスが「検討中」になりました。' }],
};

/** A sender plus a stored reference, obtained the real way: from an installationUpdate. */
const setUp = async (stub: BotFrameworkStub) => {
  const installs: IncomingActivity[] = [];
  const { app, runtime } = await createTeamsTestApp({
    database: await getTestDatabase(),
    stub,
    handler: async (activity) => {
      installs.push(activity);
      return { replies: [] };
    },
  });
  await postSignedActivity(
    app,
    stub,
    teamsFixture('installation-update-add', { serviceUrl: stub.serviceUrl }),
  );
  const reference = installs[0]!.reference;
  const referenceTo = (conversationId: string) => ({
    ...reference,
    conversation: { ...(reference.conversation as object), id: conversationId },
  });
  return { app, sender: runtime.sender, reference, referenceTo };
};

describe('Teams message sender', () => {
  let stub: BotFrameworkStub;
  let sender: MessageSender;
  let reference: Record<string, unknown>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    stub = await startBotFrameworkStub();
    const setup = await setUp(stub);
    ({ sender, reference } = setup);
    close = () => setup.app.close();
  });
  afterAll(async () => {
    await close?.();
    await stub?.close();
  });
  beforeEach(() => stub.reset());

  const conversationId = () => (reference.conversation as { id: string }).id;

  it('sends a card with its summary into the stored conversation', async () => {
    const result = await sender.send(reference, { card, summary: '提案が更新されました' });
    expect(result).toEqual({ outcome: 'sent', activityId: expect.stringMatching(/^1:stub-activity-/) });
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({
      conversationId: conversationId(),
      authorization: `Bearer ${outgoingTestToken}`,
      body: {
        type: 'message',
        summary: '提案が更新されました',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      },
    });
  });

  it('reports 429 as throttled with Retry-After in seconds, without retrying by itself', async () => {
    stub.script({ status: 429, headers: { 'retry-after': '3' } });
    expect(await sender.send(reference, { text: 'こんにちは' })).toEqual({
      outcome: 'throttled',
      retryAfterMs: 3000,
    });
    expect(stub.requests).toHaveLength(1);
  });

  it('reads Retry-After as an HTTP date, and defaults to one second', async () => {
    stub.script({ status: 429, headers: { 'retry-after': new Date(Date.now() + 5_000).toUTCString() } });
    const dated = await sender.send(reference, { text: 'a' });
    expect(dated.outcome).toBe('throttled');
    expect(dated.outcome === 'throttled' && dated.retryAfterMs).toBeGreaterThan(3_000);
    expect(dated.outcome === 'throttled' && dated.retryAfterMs).toBeLessThanOrEqual(5_000);

    stub.script({ status: 429 });
    expect(await sender.send(reference, { text: 'b' })).toEqual({ outcome: 'throttled', retryAfterMs: 1000 });
  });

  it('reports 403 (blocked, bot disabled) and 404 (conversation gone) as final', async () => {
    stub.script({ status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'disabled' } } });
    expect(await sender.send(reference, { text: 'a' })).toEqual({ outcome: 'blocked', status: 403 });
    stub.script({ status: 404, body: { error: { code: 'ConversationNotFound', message: 'gone' } } });
    expect(await sender.send(reference, { text: 'b' })).toEqual({ outcome: 'not_found', status: 404 });
    // A failed send never triggers the turn-error apology to the recipient.
    expect(stub.requests).toHaveLength(2);
  });

  it.each([500, 502, 503, 504, 412])('reports %i as a retryable failure', async (status) => {
    stub.script({ status });
    expect(await sender.send(reference, { text: 'a' })).toMatchObject({
      outcome: 'failed',
      retryable: true,
      status,
    });
    expect(stub.requests).toHaveLength(1);
  });

  it.each([400, 413])('reports %i as a failure not worth retrying', async (status) => {
    stub.script({ status, body: { error: { code: 'BadArgument', message: 'bad' } } });
    expect(await sender.send(reference, { text: 'a' })).toMatchObject({
      outcome: 'failed',
      retryable: false,
      status,
    });
  });

  it('reports a dropped connection as a retryable failure without status', async () => {
    stub.script({ dropConnection: true });
    expect(await sender.send(reference, { text: 'a' })).toMatchObject({
      outcome: 'failed',
      retryable: true,
      status: null,
    });
  });

  it('reuses a connection for sends in a row, and opens a new one after 4 s idle (before a server would close it)', async () => {
    // Node servers close idle keep-alive sockets after 5 s: a send on one being closed is reset, and
    // its outcome unknown. The sender's agent lets idle sockets go first.
    await sender.send(reference, { text: 'a' });
    await sender.send(reference, { text: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await sender.send(reference, { text: 'c' });
    expect(stub.requests).toHaveLength(3);
    const [first, second, third] = stub.requests.map((request) => request.connection);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(stub.requests.every((request) => request.status === 201 || request.status === 200)).toBe(true);
  });

  it('refuses a reference without serviceUrl or conversation, without calling out', async () => {
    const { serviceUrl: _omitted, ...withoutServiceUrl } = reference;
    expect(await sender.send(withoutServiceUrl, { text: 'a' })).toMatchObject({
      outcome: 'failed',
      retryable: false,
    });
    expect(await sender.send({ ...reference, conversation: {} }, { text: 'a' })).toMatchObject({
      outcome: 'failed',
    });
    expect(stub.requests).toHaveLength(0);
  });

  it('scripts only the conversation they name', async () => {
    stub.script({ status: 403, conversationId: 'a:someone-else' });
    expect((await sender.send(reference, { text: 'a' })).outcome).toBe('sent');
  });
});

describe('Teams message sender under Teams rate limits', () => {
  let stub: BotFrameworkStub;
  let setup: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    stub = await startBotFrameworkStub({
      rateLimits: { perConversationPerSecond: 7, perTenantPerSecond: 10 },
    });
    setup = await setUp(stub);
  });
  afterAll(async () => {
    await setup?.app.close();
    await stub?.close();
  });
  beforeEach(() => stub.reset());

  it('throttles the eighth message to one conversation within a second', async () => {
    const results = [];
    for (let i = 0; i < 8; i += 1) results.push(await setup.sender.send(setup.reference, { text: `${i}` }));
    expect(results.slice(0, 7).every((result) => result.outcome === 'sent')).toBe(true);
    expect(results[7]).toEqual({ outcome: 'throttled', retryAfterMs: 1000 });
  });

  it('throttles a tenant beyond its requests per second across conversations', async () => {
    const results = [];
    for (let i = 0; i < 11; i += 1) {
      results.push(await setup.sender.send(setup.referenceTo(`a:user-${i}`), { text: 'お知らせ' }));
    }
    expect(results.filter((result) => result.outcome === 'sent')).toHaveLength(10);
    expect(results[10]).toEqual({ outcome: 'throttled', retryAfterMs: 1000 });
  });
});
