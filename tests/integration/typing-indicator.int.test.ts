import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingActivity, TurnOutcome } from '../../bot/src/conversation/activity';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import {
  activityFrom,
  cardActionFrom,
  createTeamsTestApp,
  postSignedActivity,
  teamsPerson,
} from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * The typing indicator, through /api/messages and the Bot Connector stub: a message turn still
 * working after ~300 ms sends a `typing` activity before its answer; a quick one sends none. The slow
 * handler waits until the test has seen the indicator, so nothing depends on how fast the machine is.
 */
const taro = teamsPerson(81, '山口 太郎');

let gate: Promise<void> = Promise.resolve();
let release: () => void = () => undefined;
const handler = async (activity: IncomingActivity): Promise<TurnOutcome> => {
  if (activity.kind === 'message' && activity.text === 'ゆっくり') await gate;
  if (activity.kind === 'cardAction') {
    await gate;
    return { replies: [], cardResponse: undefined };
  }
  return { replies: [{ text: 'お待たせしました。' }] };
};

const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000) =>
  waitUntil(probe, { what: 'the awaited condition', timeoutMs });

describe('the typing indicator', () => {
  let stub: BotFrameworkStub;
  let app: FastifyInstance;
  let counter = 0;

  beforeAll(async () => {
    stub = await startBotFrameworkStub();
    ({ app } = await createTeamsTestApp({ database: await getTestDatabase(), stub, handler }));
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });
  beforeEach(() => {
    stub.reset();
    gate = new Promise((resolve) => {
      release = resolve;
    });
  });

  const say = (text: string) =>
    postSignedActivity(
      app,
      stub,
      activityFrom(taro, 'message-personal', {
        serviceUrl: stub.serviceUrl,
        id: `ty:${(counter += 1)}`,
        text,
      }),
    );
  const sentTypes = () => stub.sentActivities(taro.conversationId).map((activity) => activity.type);

  it('shows typing while a slow message turn works, then answers', async () => {
    const answered = say('ゆっくり');
    await waitFor(() => (sentTypes().includes('typing') ? true : undefined));
    release();
    expect((await answered).statusCode).toBe(200);
    expect(sentTypes()).toEqual(['typing', 'message']);
  });

  it('sends no typing activity for a quick turn', async () => {
    release();
    expect((await say('すぐ')).statusCode).toBe(200);
    expect(sentTypes()).toEqual(['message']);
  });

  it('sends none for an invoke, which Teams answers from the HTTP response', async () => {
    const answered = postSignedActivity(
      app,
      stub,
      cardActionFrom(taro, 'help.show', {}, { serviceUrl: stub.serviceUrl, id: `ty:${(counter += 1)}` }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    expect((await answered).statusCode).toBe(200);
    expect(sentTypes()).toEqual([]);
  });
});
