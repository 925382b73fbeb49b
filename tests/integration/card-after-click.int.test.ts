import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard, CardAction } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { linkProposalToProject } from '../../bot/src/services/proposals/project-links';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { useBotServer } from '../helpers/bot-server';
import { executeActionsOf } from '../helpers/card-inspection';
import {
  activityFrom,
  cardActionFrom,
  postSignedActivity,
  teamsPerson,
  type TeamsPerson,
} from '../helpers/teams-http';
import { createTestUser } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * Cards keep their meaning: a button on a card people keep (a received stamp, a status or 重点案件
 * notification, a confirmation) answers with that same card in a done state — its body unchanged
 * plus one line, the used button gone — and the result arrives as a new message. One test per card
 * kind, through /api/messages, each after-click card validated by the Adaptive Cards SDK.
 */
const taro = teamsPerson(101, '山口 太郎');
const hanako = teamsPerson(102, '周南 花子');

const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000) =>
  waitUntil(probe, { what: 'the awaited condition', timeoutMs });

/** The after-click card: the original's body plus the done line, and its actions without `verb`. */
const expectDoneState = (original: AdaptiveCard, after: AdaptiveCard, verb: string, doneText: string) => {
  expect(validateAdaptiveCard(after)).toEqual([]);
  expect(after.body.slice(0, -1)).toEqual(original.body);
  expect(JSON.stringify(after.body.at(-1))).toContain(`✅ ${doneText}`);
  const kept = (original.actions ?? []).filter((action: CardAction) => action.verb !== verb);
  expect(after.actions ?? []).toEqual(kept);
  expect(executeActionsOf(after).map((action) => action.verb)).not.toContain(verb);
};

describe('a button on a card people keep', () => {
  const server = useBotServer();
  let counter = 0;

  const db = async () => (await getTestDatabase()).db;
  const next = () => ({ serviceUrl: server.stub.serviceUrl, id: `ac:${(counter += 1)}` });
  const install = async (who: TeamsPerson) => {
    expect(
      (
        await postSignedActivity(
          server.app,
          server.stub,
          activityFrom(who, 'installation-update-add', next()),
        )
      ).statusCode,
    ).toBe(200);
    const divisionId = (await ensureDivisions(await db(), [{ name: '人事課' }])).get('人事課')!;
    await (
      await db()
    ).execute(sql`update users set division_id = ${divisionId} where aad_object_id = ${who.aadObjectId}`);
  };
  const click = async (who: TeamsPerson, verb: string, data: Record<string, unknown>) => {
    const response = await postSignedActivity(
      server.app,
      server.stub,
      cardActionFrom(who, verb, data, next()),
    );
    expect(response.statusCode).toBe(200);
    const body = response.json() as { type: string; value: AdaptiveCard };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    return body.value;
  };
  const cardsTo = (who: TeamsPerson) =>
    server.stub
      .sentActivities(who.conversationId)
      .flatMap((sent) => (sent.attachments as { content: AdaptiveCard }[] | undefined) ?? [])
      .map((attachment) => attachment.content);
  const dataOf = (card: AdaptiveCard, verb: string) =>
    executeActionsOf(card).find((action) => action.verb === verb)!.data as Record<string, unknown>;
  const submitProposal = async (who: TeamsPerson, title: string) =>
    click(who, 'proposal.submit', {
      requestId: `req-after-${(counter += 1)}`,
      title,
      body: `${title}の本文`,
      category: 'paperless',
      confirmSimilar: 'true',
    });
  const proposalId = async (title: string) =>
    (
      await queryRows<{ id: string; version: number }>(
        await db(),
        sql`select id, version from proposals where title = ${title}`,
      )
    )[0]!;
  const notifier = () => ({
    notifications: server.jobs.notifications,
    links: { teamsAppId: 'teams-app-1', publicUrl: 'https://proposals.example.jp' },
  });

  it('a received stamp: 「お礼のスタンプを返す」 leaves the stamp with 「お礼を返しました」 and posts what was sent', async () => {
    await install(taro);
    await install(hanako);
    await click(taro, 'stamp.send', {
      requestId: 'req-after-stamp-1',
      recipientIds: hanako.aadObjectId,
      kindCode: 'nice',
      message: '発表、よかったです',
    });
    const received = await waitFor(() =>
      cardsTo(hanako).find((card) => JSON.stringify(card).includes('stamp.reply')),
    );
    const before = cardsTo(hanako).length;

    const after = await click(hanako, 'stamp.reply', dataOf(received, 'stamp.reply'));
    expectDoneState(received, after, 'stamp.reply', 'お礼を返しました');
    const posted = cardsTo(hanako).slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain('スタンプを送りました');
    expect(validateAdaptiveCard(posted[0])).toEqual([]);

    // A second click (retry, another device) answers the same and sends no second thanks.
    expect(await click(hanako, 'stamp.reply', dataOf(received, 'stamp.reply'))).toEqual(after);
    const thanks = await queryRows<{ n: number }>(
      await db(),
      sql`select count(*)::int as n from stamps s join users u on u.id = s.recipient_id where u.aad_object_id = ${taro.aadObjectId}`,
    );
    expect(thanks[0]!.n).toBe(1);
  });

  it('a status notification: 「自分の提案」 leaves the notification and posts the list', async () => {
    await install(taro);
    await submitProposal(taro, '会議資料のペーパレス化');
    const office = await createTestUser(await db(), { roles: ['office'] });
    const proposal = await proposalId('会議資料のペーパレス化');
    await triageProposal(
      await db(),
      {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { status: 'under_consideration', answer: '所管課と検討します。' },
      },
      notifier(),
    );
    const notification = await waitFor(() =>
      cardsTo(taro).find((card) => JSON.stringify(card).includes('提案の状況が更新されました')),
    );
    const before = cardsTo(taro).length;

    const after = await click(taro, 'proposal.mine', dataOf(notification, 'proposal.mine'));
    expectDoneState(notification, after, 'proposal.mine', '自分の提案の一覧を下に表示しました');
    expect(JSON.stringify(after)).toContain('所管課と検討します。');
    const posted = cardsTo(taro).slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain('会議資料のペーパレス化');
    expect(validateAdaptiveCard(posted[0])).toEqual([]);
  });

  it('a 重点案件 notification: 「自分の提案」 leaves the notification and posts the list', async () => {
    await install(taro);
    await submitProposal(taro, '窓口のキャッシュレス化');
    const office = await createTestUser(await db(), { roles: ['office'] });
    const [project] = await queryRows<{ id: string }>(
      await db(),
      sql`select id from priority_projects order by theme_no, item_no limit 1`,
    );
    await linkProposalToProject(
      await db(),
      { actor: office, proposalId: (await proposalId('窓口のキャッシュレス化')).id, projectId: project!.id },
      notifier(),
    );
    const notification = await waitFor(() =>
      cardsTo(taro).find((card) => JSON.stringify(card).includes('重点案件に関連付けられました')),
    );
    const before = cardsTo(taro).length;

    const after = await click(taro, 'proposal.mine', dataOf(notification, 'proposal.mine'));
    expectDoneState(notification, after, 'proposal.mine', '自分の提案の一覧を下に表示しました');
    expect(cardsTo(taro).slice(before)).toHaveLength(1);
  });

  it('a confirmation: 「自分の提案」 keeps the proposal number in view and posts the list', async () => {
    await install(taro);
    const confirmation = await submitProposal(taro, '庁内応援制度の試行');
    expect(JSON.stringify(confirmation)).toContain('提案を受け付けました');
    const before = cardsTo(taro).length;

    const after = await click(taro, 'proposal.mine', dataOf(confirmation, 'proposal.mine'));
    expectDoneState(confirmation, after, 'proposal.mine', '自分の提案の一覧を下に表示しました');
    const posted = cardsTo(taro).slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain('庁内応援制度の試行');
  });

  it('the list itself still pages in place, and a notice that does not parse is ignored', async () => {
    await install(taro);
    const before = cardsTo(taro).length;
    const list = await click(taro, 'proposal.mine', { page: 1 });
    expect(JSON.stringify(list)).toContain('自分の提案');
    const forged = await click(taro, 'proposal.mine', { notice: { kind: 'status', number: 42 } });
    expect(JSON.stringify(forged)).not.toContain('✅');
    expect(cardsTo(taro).slice(before)).toEqual([]);
  });
});
