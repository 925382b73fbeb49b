import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { setUserRoles } from '../../bot/src/data/repositories/user-roles-repository';
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
import { getTestDatabase } from '../helpers/test-database';

/**
 * The proposer corrects and withdraws from the bot's 自分の提案 card, through /api/messages with
 * signed activities; the office's withdrawal notice is read at the Bot Connector stub.
 */
const proposer = teamsPerson(301, '山口 太郎');
const officer = teamsPerson(302, '推進 健一');

describe('自分の提案: 修正 and 取下げ from the card', () => {
  const server = useBotServer();
  let counter = 0;

  const db = async () => (await getTestDatabase()).db;
  const next = () => ({ serviceUrl: server.stub.serviceUrl, id: `we:${(counter += 1)}` });
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
    await (
      await db()
    ).execute(
      sql`update users set division_id = (select id from divisions order by name limit 1) where aad_object_id = ${who.aadObjectId}`,
    );
  };
  const click = async (who: TeamsPerson, verb: string, data: Record<string, unknown>) => {
    const response = await postSignedActivity(
      server.app,
      server.stub,
      cardActionFrom(who, verb, data, next()),
    );
    expect(response.statusCode).toBe(200);
    const card = (response.json() as { value: AdaptiveCard }).value;
    expect(validateAdaptiveCard(card)).toEqual([]);
    return card;
  };
  const actionOf = (card: AdaptiveCard, verb: string) =>
    executeActionsOf(card).find((action) => action.verb === verb);
  const row = async () =>
    (
      await queryRows<{ id: string; title: string; status: string; version: number }>(
        await db(),
        sql`select id, title, status, version from proposals`,
      )
    )[0]!;
  const submit = (title: string) =>
    click(proposer, 'proposal.submit', {
      requestId: `req-we-${(counter += 1)}`,
      title,
      body: `${title}の本文`,
      category: 'paperless',
      confirmSimilar: 'true',
    });

  it('corrects the title from 自分の提案 while 受付, then offers no 修正 once the office started', async () => {
    await install(proposer);
    await submit('会議資料のペーパレス');
    const list = await click(proposer, 'proposal.mine', {});
    const editButton = actionOf(list, 'proposal.editForm');
    expect(editButton?.data).toEqual({ id: (await row()).id });

    const form = await click(proposer, 'proposal.editForm', editButton!.data!);
    expect(JSON.stringify(form)).toContain('会議資料のペーパレス');
    const save = actionOf(form, 'proposal.edit')!;
    // Empty title: the form comes back with the message and what was typed.
    const invalid = await click(proposer, 'proposal.edit', {
      ...save.data,
      title: '',
      body: '新しい本文',
      category: 'paperless',
    });
    expect(JSON.stringify(invalid)).toContain('件名を入力してください。');
    expect(JSON.stringify(invalid)).toContain('新しい本文');
    expect((await row()).title).toBe('会議資料のペーパレス');

    const values = {
      ...save.data,
      title: '会議資料のペーパレス化',
      body: '新しい本文',
      category: 'paperless',
    };
    const done = await click(proposer, 'proposal.edit', values);
    expect(JSON.stringify(done)).toContain('提案を修正しました');
    expect((await row()).title).toBe('会議資料のペーパレス化');
    // The same click again (retry, double click): done again, nothing more written.
    expect(JSON.stringify(await click(proposer, 'proposal.edit', values))).toContain('提案を修正しました');
    const history = await queryRows<{ action: string }>(
      await db(),
      sql`select action from proposal_history order by id`,
    );
    expect(history.map((entry) => entry.action)).toEqual(['created', 'updated']);

    await (
      await db()
    ).execute(sql`update proposals set status = 'under_consideration', version = version + 1`);
    const later = await click(proposer, 'proposal.mine', {});
    expect(actionOf(later, 'proposal.editForm')).toBeUndefined();
    expect(actionOf(later, 'proposal.withdrawForm')).toBeDefined();
    const refused = await click(proposer, 'proposal.editForm', { id: (await row()).id });
    expect(JSON.stringify(refused)).toContain('推進室が検討を始めた提案は修正できません。');
  });

  it('withdraws after asking once more, and the office gets the notice; others cannot', async () => {
    await install(officer);
    const [office] = await queryRows<{ id: string }>(
      await db(),
      sql`select id from users where aad_object_id = ${officer.aadObjectId}`,
    );
    await setUserRoles(await db(), office!.id, ['office']);
    await install(proposer);
    await submit('押印の廃止');
    const { id } = await row();

    // Someone else's card data naming this proposal: answered as if it did not exist.
    const other = await click(officer, 'proposal.withdrawForm', { id });
    expect(JSON.stringify(other)).toContain('提案の修正と取下げは提案者本人のみが行えます。');

    const confirm = await click(proposer, 'proposal.withdrawForm', { id });
    expect(JSON.stringify(confirm)).toContain('提案を取り下げますか？');
    const withdraw = actionOf(confirm, 'proposal.withdraw')!;
    const done = await click(proposer, 'proposal.withdraw', {
      ...withdraw.data,
      comment: '別の提案にまとめます',
    });
    expect(JSON.stringify(done)).toContain('提案を取り下げました');
    expect((await row()).status).toBe('withdrawn');
    expect(JSON.stringify(await click(proposer, 'proposal.withdraw', withdraw.data!))).toContain(
      '提案を取り下げました',
    );

    const deadline = Date.now() + 10_000;
    let notice: unknown;
    while (!notice && Date.now() < deadline) {
      notice = server.stub
        .sentActivities(officer.conversationId)
        .find((activity) => JSON.stringify(activity).includes('提案が取り下げられました'));
      if (!notice) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(JSON.stringify(notice)).toContain('別の提案にまとめます');
  });
});
