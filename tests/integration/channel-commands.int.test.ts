import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { useBotServer } from '../helpers/bot-server';
import { visibleText } from '../helpers/card-inspection';
import {
  activityFrom,
  cardActionFrom,
  postSignedActivity,
  teamsFixture,
  teamsPerson,
  type TeamsPerson,
  type TestActivity,
} from '../helpers/teams-http';
import { createTestUser } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

/**
 * The bot in a team channel (and group chat): 「@職員提案 今月の実現」 posts the asker's division's
 * proposals realised this month, published ones only, since everyone in the channel sees the card;
 * anything else, and being added, is answered with what the bot does there.
 */
const taro = teamsPerson(121, '山口 太郎');
const hanako = teamsPerson(122, '周南 花子');
const jiro = teamsPerson(123, '下関 次郎');
const channelId = teamsFixture('message-channel-mention', { serviceUrl: '' }).conversation.id as string;

describe('the bot in a channel', () => {
  const server = useBotServer({ config: { PUBLIC_URL: '' } });
  let counter = 0;

  const db = async () => (await getTestDatabase()).db;
  const next = () => ({ serviceUrl: server.stub.serviceUrl, id: `ch:${(counter += 1)}` });
  const install = async (who: TeamsPerson, division: string) => {
    await postSignedActivity(server.app, server.stub, activityFrom(who, 'installation-update-add', next()));
    const divisionId = (await ensureDivisions(await db(), [{ name: division }])).get(division)!;
    await (
      await db()
    ).execute(sql`update users set division_id = ${divisionId} where aad_object_id = ${who.aadObjectId}`);
  };
  const submit = (who: TeamsPerson, title: string) =>
    postSignedActivity(
      server.app,
      server.stub,
      cardActionFrom(
        who,
        'proposal.submit',
        {
          requestId: `req-ch-${(counter += 1)}-000`,
          title,
          body: `${title}の本文`,
          category: 'efficiency',
          confirmSimilar: 'true',
        },
        next(),
      ),
    );
  const triage = async (title: string, changes: Record<string, unknown>) => {
    const office = await createTestUser(await db(), { roles: ['office'] });
    const [row] = await queryRows<{ id: string; version: number }>(
      await db(),
      sql`select id, version from proposals where title = ${title}`,
    );
    await triageProposal(await db(), {
      actor: office,
      proposalId: row!.id,
      expectedVersion: row!.version,
      changes,
    });
  };
  const inChannel = (who: TeamsPerson, text: string): TestActivity => ({
    ...teamsFixture('message-channel-mention', next()),
    from: { id: who.teamsId, name: who.name, aadObjectId: who.aadObjectId },
    text: `<at>職員提案</at> ${text}`,
  });
  const channelReplies = () => server.stub.sentActivities(channelId);

  it("「@職員提案 今月の実現」 posts this month's published realised proposals of the asker's division", async () => {
    await install(taro, '人事課');
    await install(hanako, '人事課');
    await install(jiro, '総務課');
    await submit(hanako, '会議資料のペーパレス化');
    await submit(hanako, '非公開のまま実現した提案');
    await submit(hanako, '先月実現した提案');
    await submit(hanako, '検討中の公開提案');
    await submit(jiro, '総務課の実現提案');
    await triage('会議資料のペーパレス化', { status: 'realised', isPublished: true });
    await triage('非公開のまま実現した提案', { status: 'realised' });
    await triage('先月実現した提案', { status: 'realised', isPublished: true });
    await (
      await db()
    ).execute(
      sql`update proposals set realised_at = now() - interval '40 days' where title = '先月実現した提案'`,
    );
    await triage('検討中の公開提案', { status: 'under_consideration', isPublished: true });
    await triage('総務課の実現提案', { status: 'settled', isPublished: true });
    server.stub.reset();

    const response = await postSignedActivity(server.app, server.stub, inChannel(taro, '今月の実現'));
    expect(response.statusCode).toBe(200);
    const [reply] = channelReplies();
    const card = (reply!.attachments as { content: AdaptiveCard }[])[0]!.content;
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = visibleText(card);
    expect(text).toContain('実現（人事課の提案）');
    expect(text).toContain('会議資料のペーパレス化');
    expect(text).toContain('1件の提案が実現しました');
    for (const absent of [
      '非公開のまま実現した提案',
      '先月実現した提案',
      '検討中の公開提案',
      '総務課の実現提案',
    ])
      expect(text).not.toContain(absent);
    expect(JSON.stringify(card)).not.toContain('Action.Execute');
    expect(JSON.stringify(card)).toContain('https://teams.microsoft.com/l/entity/teams-app-1/proposals');

    // 次郎's division: the settled proposal counts as realised (実現見込み).
    server.stub.reset();
    await postSignedActivity(server.app, server.stub, inChannel(jiro, 'realised'));
    const jiroCard = JSON.stringify(channelReplies()[0]!.attachments);
    expect(jiroCard).toContain('総務課の実現提案');
    expect(jiroCard).toContain('実現見込み');
  });

  it('answers anything else, and being added to the channel, with what the bot does there', async () => {
    await install(taro, '人事課');
    server.stub.reset();
    const channel = teamsFixture('message-channel-mention', next());
    await postSignedActivity(server.app, server.stub, {
      ...teamsFixture('conversation-update-members-added', next()),
      from: { id: taro.teamsId, name: taro.name, aadObjectId: taro.aadObjectId },
      conversation: channel.conversation,
      channelData: channel.channelData,
    });
    expect(channelReplies()[0]!.text).toContain('職員提案アプリが追加されました。');
    expect(channelReplies()[0]!.text).toContain('今月の実現');
    server.stub.reset();
    await postSignedActivity(server.app, server.stub, inChannel(taro, '提案'));
    expect(channelReplies()[0]!.text).toContain('「@職員提案 今月の実現」');
    expect(channelReplies()[0]!.text).toContain('この投稿にスタンプを贈る');
    expect(await queryRows(await db(), sql`select id from proposals`)).toEqual([]);
  });
});
