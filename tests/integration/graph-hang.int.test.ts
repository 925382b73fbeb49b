import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphServices } from '../../bot/src/graph/graph-services';
import { useBotServer } from '../helpers/bot-server';
import { graphClientSecret, startGraphStub, type GraphStub } from '../helpers/graph-stub';
import {
  activityFrom,
  cardActionFrom,
  fixtureBotAppId,
  postSignedActivity,
  teamsFixture,
  teamsPerson,
  type TestActivity,
} from '../helpers/teams-http';

/**
 * Turns never wait on Microsoft Graph: with a Graph stub that receives every request (tokens
 * included) and never answers, text turns and card actions still answer through /api/messages. The
 * assertion is that they answer at all, with the expected card; without the turn timeout they would
 * hang until vitest gives up. The figures (card actions ≈ GRAPH_TURN_TIMEOUT_MS + a few ms, text
 * turns a few ms) are in docs/benchmarks.md.
 */
const taro = teamsPerson(91, '山口 太郎');
const stranger = teamsPerson(92, '周南 花子');

describe('turns while Microsoft Graph hangs', () => {
  let graph: GraphStub;
  let counter = 0;

  beforeAll(async () => {
    graph = await startGraphStub({ clientId: fixtureBotAppId });
    graph.setHanging(true);
  });
  const server = useBotServer({
    config: {
      TEAMS_APP_ID: '',
      PUBLIC_URL: '',
      SECRET_BOT_APP_PASSWORD: graphClientSecret,
      GRAPH_ENABLED: 'true',
      TEAMS_APP_PUBLISHED_APP_ID: 'catalog-app-1',
    },
    overrides: (config) => ({ graph: createGraphServices(config, { fetch: graph.fetch }) }),
  });
  // Registered after the server's, so it runs first: the stub's dropped connections end the
  // background work that still waits on it.
  afterAll(async () => {
    await graph?.close();
  });

  const post = (activity: TestActivity) => postSignedActivity(server.app, server.stub, activity);
  const next = () => ({ serviceUrl: server.stub.serviceUrl, id: `gh:${(counter += 1)}` });
  const lastCard = () =>
    JSON.stringify(
      server.stub
        .sentActivities(taro.conversationId)
        .flatMap((sent) => (sent.attachments as { content: unknown }[] | undefined) ?? [])
        .at(-1)?.content,
    );

  it('answers a text turn with the form while the division sync waits on Graph in the background', async () => {
    const response = await post(activityFrom(taro, 'message-personal', { ...next(), text: '提案' }));
    expect(response.statusCode).toBe(200);
    expect(lastCard()).toContain('proposal.submit');
    expect(graph.requests.length).toBeGreaterThan(0); // the sync did ask, and is still waiting
  });

  it('answers a stamp send to someone the app does not know with the form and a Japanese message', async () => {
    const response = await post(
      cardActionFrom(
        taro,
        'stamp.send',
        {
          requestId: 'req-hang-000001',
          recipientIds: stranger.aadObjectId,
          kindCode: 'thanks',
          message: '助かりました',
        },
        next(),
      ),
    );
    expect(response.statusCode).toBe(200);
    const card = JSON.stringify(response.json());
    expect(card).toContain('宛先を組織のディレクトリで確認できませんでした');
    expect(card).toContain('助かりました'); // what was typed is kept
    expect(card).toContain('stamp.send');
  });

  it('answers a proposal with an unknown co-proposer with the form and a Japanese message', async () => {
    const response = await post(
      cardActionFrom(
        taro,
        'proposal.submit',
        {
          requestId: 'req-hang-000002',
          title: '会議資料のペーパレス化',
          body: '庁内会議の資料を電子化する。',
          category: 'paperless',
          coProposerIds: stranger.aadObjectId,
          confirmSimilar: 'true',
        },
        next(),
      ),
    );
    expect(response.statusCode).toBe(200);
    const card = JSON.stringify(response.json());
    expect(card).toContain('共同提案者を組織のディレクトリで確認できませんでした');
    expect(card).toContain('会議資料のペーパレス化');
  });

  it("answers a message action's stamp to a post's author the app does not know, in the dialog", async () => {
    const base = teamsFixture('invoke-message-action-submit', { serviceUrl: server.stub.serviceUrl });
    const response = await post({
      ...base,
      id: next().id,
      from: { id: taro.teamsId, name: taro.name, aadObjectId: taro.aadObjectId },
      value: {
        ...base.value,
        data: {
          verb: 'stamp.send',
          requestId: 'req-hang-000003',
          recipientIds: stranger.aadObjectId,
          kindCode: 'thanks',
        },
      },
    } as TestActivity);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { task: { type: string; value: { title: string } } };
    expect(body.task.type).toBe('continue');
    expect(JSON.stringify(body)).toContain('宛先を組織のディレクトリで確認できませんでした');
  });
});
