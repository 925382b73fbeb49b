import { beforeAll, expect } from 'vitest';
import { visibleText } from './card-inspection';
import type { useBotServer } from './bot-server';
import { bearer, type EntraStub } from './entra-token';
import type { Persona } from './personas';
import { postSignedActivity, type TeamsPerson, type TestActivity } from './teams-http';
import { waitUntil } from './wait';

type Card = Parameters<typeof visibleText>[0];

/**
 * The people of a flow test and what they do, each in their own Teams chat and with their own Entra
 * token: `call`/`ok` the tab API as one of them, `bot` an activity to /api/messages (answered 200),
 * `cardsTo`/`waitForCard` the cards the bot sent to their chat. Tokens are signed in the file's
 * beforeAll, after the hooks registered before this call (the Entra stub's start). `prefix` keeps the
 * chats and activity ids apart from other files'.
 */
export const useCast = <Who extends string>(
  server: ReturnType<typeof useBotServer>,
  entra: () => EntraStub,
  cast: Record<Who, Persona>,
  prefix: string,
) => {
  let tokens: Record<Who, string>;
  let activities = 0;
  beforeAll(async () => {
    tokens = await entra().signAll(cast);
  });

  const teamsOf = (who: Who): TeamsPerson => ({
    aadObjectId: cast[who].oid,
    teamsId: `29:${prefix}-${who}`,
    name: cast[who].name,
    conversationId: `a:${prefix}-${who}`,
  });
  const call = (who: Who, method: string, url: string, payload?: unknown) =>
    server.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(tokens[who]),
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  const ok = async <T = unknown>(who: Who, method: string, url: string, payload?: unknown): Promise<T> => {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };
  const bot = async (activity: TestActivity) => {
    const response = await postSignedActivity(server.app, server.stub, activity);
    expect(response.statusCode, response.body).toBe(200);
    return (response.body ? response.json() : {}) as { value?: Card };
  };
  const next = () => `${prefix}-${(activities += 1)}`;
  const cardsTo = (who: Who): Card[] =>
    server.stub
      .sentActivities(teamsOf(who).conversationId)
      .flatMap((sent) => (sent.attachments as { content: Card }[] | undefined) ?? [])
      .map((attachment) => attachment.content);
  const waitForCard = (who: Who, text: string) =>
    waitUntil(() => cardsTo(who).find((card) => visibleText(card).includes(text)), {
      what: () => `a card with 「${text}」 to ${who}`,
      timeoutMs: 15_000,
      intervalMs: 50,
    });
  return { teamsOf, call, ok, bot, next, cardsTo, waitForCard };
};
