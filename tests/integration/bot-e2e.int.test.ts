import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { useBotServer } from '../helpers/bot-server';
import { getTestDatabase } from '../helpers/test-database';
import { personas } from '../helpers/personas';
import {
  activityFrom,
  cardActionFrom,
  postSignedActivity,
  teamsPerson,
  type TeamsFixtureName,
  type TeamsPerson,
} from '../helpers/teams-http';
import { waitUntil } from '../helpers/wait';

/**
 * The whole bot over HTTP: recorded Teams activities signed by the stub's key, the real token
 * validation, conversation logic, database, job queue and worker, and replies and proactive messages
 * captured by the local Bot Connector stub. Only the Teams cloud is simulated.
 */
const taro = teamsPerson(1, personas.taro.name);
const hanako = teamsPerson(2, personas.hanako.name);
const jiro = teamsPerson(3, personas.jiro.name);

/** The probe's value once it has one (a card, the rows), polled for up to 10 s. */
const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>) =>
  waitUntil(probe, { what: 'the awaited card or rows' });

describe('the bot end to end', () => {
  const server = useBotServer({ config: { PUBLIC_URL: '' } });
  let activityCounter = 0;

  const activity = (who: TeamsPerson, fixture: TeamsFixtureName, extra: Record<string, unknown> = {}) =>
    activityFrom(who, fixture, {
      serviceUrl: server.stub.serviceUrl,
      id: `f:${(activityCounter += 1)}`,
      ...extra,
    });
  const install = (who: TeamsPerson) =>
    postSignedActivity(server.app, server.stub, activity(who, 'installation-update-add'));
  const say = (who: TeamsPerson, text: string) =>
    postSignedActivity(server.app, server.stub, activity(who, 'message-personal', { text }));
  const invoke = (who: TeamsPerson, verb: string, data: Record<string, unknown>) =>
    postSignedActivity(
      server.app,
      server.stub,
      cardActionFrom(who, verb, data, {
        serviceUrl: server.stub.serviceUrl,
        id: `f:${(activityCounter += 1)}`,
      }),
    );
  const cardsTo = (who: TeamsPerson) =>
    server.stub
      .sentActivities(who.conversationId)
      .flatMap((sent) =>
        ((sent.attachments as { content: unknown }[] | undefined) ?? []).map((a) =>
          JSON.stringify(a.content),
        ),
      );
  const requestIdIn = (card: string) => /"requestId":"([^"]+)"/.exec(card)![1]!;

  it('welcomes on install, submits a proposal through the card and answers a retry with the same proposal', async () => {
    expect((await install(taro)).statusCode).toBe(200);
    expect(cardsTo(taro).join()).toContain('山口 太郎');

    const divisionId = (await ensureDivisions((await getTestDatabase()).db, [{ name: '人事課' }])).get(
      '人事課',
    )!;
    await say(taro, '提案');
    // No directory configured: the user picks a division once, then gets the form.
    const picker = cardsTo(taro).at(-1)!;
    expect(picker).toContain('user.setDivision');
    const formResponse = await invoke(taro, 'user.setDivision', {
      requestId: requestIdIn(picker),
      divisionId,
    });
    const form = JSON.stringify(formResponse.json());
    expect(form).toContain('proposal.submit');
    const data = {
      requestId: requestIdIn(form),
      title: '会議資料のペーパレス化',
      body: '庁内会議の資料を電子化する。',
      category: 'paperless',
      confirmSimilar: 'true',
    };
    const first = await invoke(taro, 'proposal.submit', data);
    expect(first.statusCode).toBe(200);
    const body = first.json() as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const confirmation = JSON.stringify(body.value);
    const number = /R\d+-0001/.exec(confirmation)?.[0];
    expect(number).toBeDefined();
    expect(confirmation).toContain('teams.microsoft.com/l/entity/teams-app-1/');

    const retry = await invoke(taro, 'proposal.submit', data);
    expect(JSON.stringify(retry.json())).toContain(number!);
    const [row] = await queryRows<{ n: number }>(
      (await getTestDatabase()).db,
      sql`select count(*)::int as n from proposals`,
    );
    expect(row!.n).toBe(1);
  });

  it('delivers a stamp to an installed colleague now and to another once they install the app', async () => {
    await install(taro);
    await install(hanako);
    // 次郎 used the app once and removed it: a known colleague without a chat with the bot (a person
    // nobody knows is refused as a recipient, see front-door.int.test.ts).
    await install(jiro);
    await postSignedActivity(server.app, server.stub, activity(jiro, 'installation-update-remove'));
    server.stub.reset();
    await say(taro, 'スタンプ');
    const form = cardsTo(taro).at(-1)!;
    const sent = await invoke(taro, 'stamp.send', {
      requestId: requestIdIn(form),
      recipientIds: `${hanako.aadObjectId},${jiro.aadObjectId}`,
      kindCode: 'thanks',
      message: 'いつもありがとうございます',
    });
    const confirmation = JSON.stringify(sent.json());
    expect(confirmation).toContain('周南 花子');
    expect(confirmation).toContain('インストール後に届きます');

    const received = await waitFor(() =>
      cardsTo(hanako).find((card) => card.includes('いつもありがとうございます')),
    );
    expect(received).toContain('山口 太郎');
    expect(received).toContain('stamp.reply');

    // 次郎 has not installed the app: nothing sent to him yet, then delivered once he does.
    expect(cardsTo(jiro)).toEqual([]);
    await install(jiro);
    await waitFor(() => cardsTo(jiro).find((card) => card.includes('いつもありがとうございます')));
    // The sent-marker is written right after Teams accepted the message.
    const deliveries = await waitFor(async () => {
      const rows = await queryRows<{ status: string }>(
        (await getTestDatabase()).db,
        sql`select status from notification_deliveries order by status`,
      );
      return rows.every((row) => row.status === 'sent') ? rows : undefined;
    });
    expect(deliveries).toEqual([{ status: 'sent' }, { status: 'sent' }]);
  });

  it('retries a throttled delivery after Retry-After and sends it once', async () => {
    await install(taro);
    await install(hanako);
    server.stub.script({
      conversationId: hanako.conversationId,
      status: 429,
      headers: { 'retry-after': '1' },
      times: 1,
    });
    await say(taro, 'スタンプ');
    const form = cardsTo(taro).at(-1)!;
    await invoke(taro, 'stamp.send', {
      requestId: requestIdIn(form),
      recipientIds: hanako.aadObjectId,
      kindCode: 'nice',
    });
    const isStamp = (card: string) => card.includes('stamp.reply');
    await waitFor(() => cardsTo(hanako).find(isStamp));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cardsTo(hanako).filter(isStamp)).toHaveLength(1);
    const throttled = server.stub.requests.filter(
      (request) => request.conversationId === hanako.conversationId && request.status === 429,
    );
    expect(throttled).toHaveLength(1);
    const delivered = server.stub.requests.find(
      (request) =>
        request.conversationId === hanako.conversationId &&
        request.status < 300 &&
        request.at > throttled[0]!.at,
    );
    expect(delivered!.at - throttled[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('refuses an unsigned request with 401 and stores nothing', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: activity(taro, 'installation-update-add'),
    });
    expect(response.statusCode).toBe(401);
    const [row] = await queryRows<{ n: number }>(
      (await getTestDatabase()).db,
      sql`select count(*)::int as n from users`,
    );
    expect(row!.n).toBe(0);
  });
});
