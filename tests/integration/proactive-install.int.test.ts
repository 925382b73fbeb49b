import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { createGraphServices } from '../../bot/src/graph/graph-services';
import { useBotServer } from '../helpers/bot-server';
import { graphClientSecret, startGraphStub, type GraphStub } from '../helpers/graph-stub';
import {
  activityFrom,
  cardActionFrom,
  fixtureBotAppId,
  postSignedActivity,
  teamsPerson,
  type TeamsPerson,
} from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * Proactive installation through /api/messages with Microsoft Graph (the local Graph stub) and the
 * Bot Connector stub: a stamp to someone without the app installs it by the published catalog id;
 * when Graph answers 409 (installed already, but the bot never heard of the chat) the existing chat
 * is looked up and the waiting stamp goes out there.
 */
const catalogAppId = 'catalog-app-1';
const taro = teamsPerson(71, '山口 太郎');
const hanako = teamsPerson(72, '周南 花子');
const jiro = teamsPerson(73, '下関 次郎');
const chatOf = (who: TeamsPerson) => `19:${who.aadObjectId}_bot@unq.gbl.spaces`;

const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000) =>
  waitUntil(probe, { what: 'the awaited condition', timeoutMs });

describe('proactive installation for stamp recipients', () => {
  let graph: GraphStub;
  let counter = 0;

  beforeAll(async () => {
    graph = await startGraphStub({ clientId: fixtureBotAppId });
  });
  afterAll(async () => {
    await graph?.close();
  });
  const server = useBotServer({
    config: {
      SECRET_BOT_APP_PASSWORD: graphClientSecret,
      GRAPH_ENABLED: 'true',
      TEAMS_APP_ID: 'manifest-app-id',
      TEAMS_APP_PUBLISHED_APP_ID: catalogAppId,
      PUBLIC_URL: '',
    },
    overrides: (config) => ({ graph: createGraphServices(config, { fetch: graph.fetch }) }),
  });
  beforeEach(() => {
    graph.people.clear();
    graph.installs.length = 0;
  });

  const post = (who: TeamsPerson, body: ReturnType<typeof activityFrom>) =>
    postSignedActivity(server.app, server.stub, body);
  const install = (who: TeamsPerson) =>
    post(
      who,
      activityFrom(who, 'installation-update-add', {
        serviceUrl: server.stub.serviceUrl,
        id: `pi:${(counter += 1)}`,
      }),
    );
  const cardsIn = (conversationId: string) =>
    server.stub
      .sentActivities(conversationId)
      .flatMap((sent) =>
        ((sent.attachments as { content: unknown }[] | undefined) ?? []).map((a) =>
          JSON.stringify(a.content),
        ),
      );

  it('installs the app for a recipient without it, and sends to the existing chat when Graph answers 409', async () => {
    graph.people.set(taro.aadObjectId, { department: '人事課', displayName: taro.name });
    graph.people.set(hanako.aadObjectId, { department: '総務課', displayName: hanako.name });
    // 次郎 has the app (installed by a policy before the bot was live): Graph answers 409.
    graph.people.set(jiro.aadObjectId, { department: '総務課', displayName: jiro.name, appInstalled: true });
    expect((await install(taro)).statusCode).toBe(200);

    const sent = await post(
      taro,
      cardActionFrom(
        taro,
        'stamp.send',
        {
          requestId: 'req-install-0001',
          recipientIds: `${hanako.aadObjectId},${jiro.aadObjectId}`,
          kindCode: 'thanks',
          message: '資料の件、ありがとうございました',
        },
        { serviceUrl: server.stub.serviceUrl, id: `pi:${(counter += 1)}` },
      ),
    );
    expect(sent.statusCode).toBe(200);
    const answer = JSON.stringify(sent.json());
    expect(answer).toContain('インストール後に届きます');

    // 次郎: the chat Graph names gets the stamp, with no installationUpdate from Teams.
    const received = await waitFor(() =>
      cardsIn(chatOf(jiro)).find((card) => card.includes('資料の件、ありがとうございました')),
    );
    expect(received).toContain('山口 太郎');
    const [reference] = await queryRows<{ conversation_type: string; service_url: string }>(
      (await getTestDatabase()).db,
      sql`select r.conversation_type, r.service_url from conversation_references r join users u on u.id = r.user_id where u.aad_object_id = ${jiro.aadObjectId}`,
    );
    expect(reference).toEqual({ conversation_type: 'personal', service_url: server.stub.serviceUrl });

    // 花子: installed by the published catalog id; her stamp waits for Teams to announce the chat.
    expect(graph.installs.map((request) => request.userId).sort()).toEqual(
      [hanako.aadObjectId, jiro.aadObjectId].sort(),
    );
    expect(JSON.parse(graph.installs[0]!.body)).toEqual({
      'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${catalogAppId}`,
    });
    expect(cardsIn(hanako.conversationId)).toEqual([]);
    await install(hanako);
    await waitFor(() =>
      cardsIn(hanako.conversationId).find((card) => card.includes('ありがとうございました')),
    );
    expect(graph.graphRequests().some((request) => request.path.includes('appCatalogs'))).toBe(false);
  });

  it('names the published app id, not the manifest id, in deep links', async () => {
    graph.people.set(taro.aadObjectId, { department: '人事課', displayName: taro.name });
    await install(taro);
    const response = await post(
      taro,
      cardActionFrom(
        taro,
        'proposal.submit',
        {
          requestId: 'req-install-0002',
          title: '会議資料のペーパレス化',
          body: '庁内会議の資料を電子化する。',
          category: 'paperless',
          confirmSimilar: 'true',
        },
        { serviceUrl: server.stub.serviceUrl, id: `pi:${(counter += 1)}` },
      ),
    );
    const confirmation = JSON.stringify(response.json());
    expect(confirmation).toContain(`https://teams.microsoft.com/l/entity/${catalogAppId}/proposals`);
    expect(confirmation).not.toContain('manifest-app-id');
  });
});
