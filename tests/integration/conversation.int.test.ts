import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import type { TurnOutcome } from '../../bot/src/conversation/activity';
import { createBackgroundTasks } from '../../bot/src/conversation/background-tasks';
import { createConversationHandler } from '../../bot/src/conversation/conversation-handler';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import type { DirectoryLookup } from '../../bot/src/services/identity/teams-contact';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { asTeamsUser, personas } from '../helpers/personas';
import { incoming, type TestPerson } from '../helpers/teams-activities';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { useNotificationQueue, useTestDatabase } from '../helpers/test-context';

const taro: TestPerson = asTeamsUser(personas.taro);
const hanako: TestPerson = asTeamsUser(personas.hanako);
const stranger = 'aaaaaaaa-0000-4000-8000-0000000000ff';

/** The texts and verbs a card shows, for assertions that do not depend on its layout. */
const cardTexts = (card: AdaptiveCard | undefined): string => JSON.stringify(card ?? {});
const verbsOf = (card: AdaptiveCard | undefined): string[] =>
  [...cardTexts(card).matchAll(/"verb":"([^"]+)"/g)].map((match) => match[1]!);
const dataOf = (card: AdaptiveCard | undefined, verb: string): Record<string, unknown> => {
  const found: Record<string, unknown>[] = [];
  JSON.parse(cardTexts(card), (_key, value) => {
    if (value && typeof value === 'object' && value.verb === verb) found.push(value.data ?? {});
    return value;
  });
  expect(found.length, `card has an action ${verb}`).toBeGreaterThan(0);
  return found[0]!;
};
/** Each choice set of a card (its id and choices): what a form offers. */
const choiceSetsOf = (card: AdaptiveCard | undefined): Record<string, unknown> => {
  const found: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'Input.ChoiceSet') found[String(element.id)] = element.choices;
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return found;
};
const firstCard = (outcome: TurnOutcome): AdaptiveCard | undefined =>
  outcome.cardResponse ?? outcome.replies[0]?.card;

describe('conversation', () => {
  const ctx = useTestDatabase();
  const notifications = useNotificationQueue(ctx);
  const queued = async () =>
    queryRows<{ dedupe_key: string; status: string; summary: string; recipient: string }>(
      ctx.db,
      sql`select d.dedupe_key, d.status, d.payload->>'summary' as summary, u.aad_object_id as recipient
          from notification_deliveries d join users u on u.id = d.user_id order by d.dedupe_key`,
    );
  let requestCounter = 0;
  const handler = () =>
    createConversationHandler({
      db: ctx.db,
      notifications,
      links: { teamsAppId: 'app-id-1', publicUrl: 'https://proposals.example.jp' },
      newRequestId: () => `req-${(requestCounter += 1).toString().padStart(6, '0')}`,
      now: () => new Date('2024-06-10T01:00:00Z'),
    });

  /** Microsoft Graph's directory, knowing `stranger` (who has never used the app) and nobody else. */
  const directory: DirectoryLookup = {
    getDepartment: async () => null,
    getPerson: async (id) =>
      id === stranger ? { displayName: '下関 次郎', email: 'jiro@example.jp' } : null,
  };
  const withDirectory = () =>
    createConversationHandler({
      db: ctx.db,
      notifications,
      directory,
      links: {},
      newRequestId: () => `req-${(requestCounter += 1).toString().padStart(6, '0')}`,
    });

  beforeEach(async () => {
    await seedBaseData(ctx.db);
  });

  const count = async (table: string, where = sql`true`) =>
    (
      await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`,
      )
    )[0]!.n;

  const withDivision = async (person: TestPerson, division = '人事課') => {
    await handler()(incoming(person, { kind: 'installed' }));
    const id = (await ensureDivisions(ctx.db, [{ name: division }])).get(division)!;
    await ctx.db.execute(
      sql`update users set division_id = ${id} where aad_object_id = ${person.aadObjectId}`,
    );
    return id;
  };

  it('welcomes on install with the four buttons and remembers the user and the conversation', async () => {
    const outcome = await handler()(incoming(taro, { kind: 'installed' }));
    const card = firstCard(outcome);
    expect(cardTexts(card)).toContain('山口 太郎');
    expect(verbsOf(card)).toEqual(
      expect.arrayContaining(['proposal.form', 'stamp.form', 'proposal.mine', 'help.show']),
    );
    expect(await count('users', sql`aad_object_id = ${taro.aadObjectId}`)).toBe(1);
    expect(await count('conversation_references', sql`is_active and conversation_type = 'personal'`)).toBe(1);

    await handler()(incoming(taro, { kind: 'uninstalled' }));
    expect(await count('conversation_references', sql`is_active`)).toBe(0);
  });

  it('welcomes once when Teams announces one install twice, and again after a reinstall', async () => {
    const [first, second] = await Promise.all([
      handler()(incoming(taro, { kind: 'installed' })),
      handler()(incoming(taro, { kind: 'botAdded' })),
    ]);
    expect([first, second].filter((outcome) => outcome.replies.length > 0)).toHaveLength(1);
    await handler()(incoming(taro, { kind: 'uninstalled' }));
    expect((await handler()(incoming(taro, { kind: 'installed' }))).replies).toHaveLength(1);
  });

  it('answers the text commands in Japanese and English, and help for anything else', async () => {
    await withDivision(taro);
    const run = async (text: string) => firstCard(await handler()(incoming(taro, { kind: 'message', text })));
    for (const text of ['提案', 'propose', '／ｐｒｏｐｏｓｅ'])
      expect(verbsOf(await run(text))).toContain('proposal.submit');
    for (const text of ['スタンプ', 'stamp']) expect(verbsOf(await run(text))).toContain('stamp.send');
    for (const text of ['自分の提案', 'my'])
      expect(cardTexts(await run(text))).toContain('まだ提案はありません');
    for (const text of ['ヘルプ', 'help', 'こんにちは'])
      expect(cardTexts(await run(text))).toContain('ヘルプ');
  });

  it('points group chats and channels to the personal chat', async () => {
    const outcome = await handler()(
      incoming(
        taro,
        { kind: 'message', text: '提案' },
        { conversationType: 'channel', conversationId: '19:channel' },
      ),
    );
    expect(outcome.replies[0]?.text).toContain('個人チャット');
  });

  it('asks for the division once when no directory is configured, then opens the form', async () => {
    await handler()(incoming(taro, { kind: 'installed' }));
    const divisionId = (await ensureDivisions(ctx.db, [{ name: '行政経営改革課' }])).get('行政経営改革課')!;
    const picker = firstCard(await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.form' })));
    expect(verbsOf(picker)).toContain('user.setDivision');
    const form = firstCard(
      await handler()(
        incoming(taro, {
          kind: 'cardAction',
          verb: 'user.setDivision',
          data: { ...dataOf(picker, 'user.setDivision'), divisionId },
        }),
      ),
    );
    expect(verbsOf(form)).toContain('proposal.submit');
    const [user] = await queryRows<{ division_id: string }>(
      ctx.db,
      sql`select division_id from users where aad_object_id = ${taro.aadObjectId}`,
    );
    expect(user!.division_id).toBe(divisionId);
  });

  it('takes the division from the directory when one is configured, after the turn', async () => {
    // The department names a division the organisation has (a name it lacks waits for an admin's review).
    await ensureDivisions(ctx.db, [{ name: '総務課' }]);
    const background = createBackgroundTasks((error) => {
      throw error;
    });
    const withDirectory = createConversationHandler({
      db: ctx.db,
      notifications,
      directory: {
        getDepartment: async (id) => (id === taro.aadObjectId ? '総務課' : null),
        getPerson: async () => null,
      },
      background,
      links: {},
      newRequestId: () => 'req-directory-1',
    });
    await withDirectory(incoming(taro, { kind: 'installed' }));
    await background.idle();
    const [user] = await queryRows<{ name: string }>(
      ctx.db,
      sql`select d.name from users u join divisions d on d.id = u.division_id where u.aad_object_id = ${taro.aadObjectId}`,
    );
    expect(user?.name).toBe('総務課');
    expect(
      verbsOf(firstCard(await withDirectory(incoming(taro, { kind: 'message', text: '提案' })))),
    ).toContain('proposal.submit');
  });

  it('submits a proposal from the card, answers with the confirmation, and stores it with the division', async () => {
    const divisionId = await withDivision(taro);
    const form = firstCard(await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.form' })));
    const data = {
      ...dataOf(form, 'proposal.submit'),
      title: '会議資料のペーパレス化',
      body: '庁内会議の資料を電子化する。',
      category: 'paperless',
      expectedEffect: '印刷時間の削減',
    };
    const outcome = await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.submit', data }));
    expect(outcome.cardResponse).toBeDefined();
    const text = cardTexts(outcome.cardResponse);
    expect(text).toContain('R6-0001');
    expect(text).toContain('受付');
    expect(text).toContain('会議資料のペーパレス化');
    expect(text).toContain('https://teams.microsoft.com/l/entity/app-id-1/');
    const [row] = await queryRows<{ proposer_division_id: string; expected_effect: string }>(
      ctx.db,
      sql`select proposer_division_id, expected_effect from proposals`,
    );
    expect(row).toEqual({ proposer_division_id: divisionId, expected_effect: '印刷時間の削減' });

    // The same action delivered again (Teams retry, double click): the same confirmation, one proposal.
    const again = await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.submit', data }));
    expect(cardTexts(again.cardResponse)).toContain('R6-0001');
    expect(await count('proposals')).toBe(1);
    // Also once the worker has folded it, when the similar check finds the stored proposal itself.
    await foldProposalTermCounts(ctx.db);
    const later = await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.submit', data }));
    expect(cardTexts(later.cardResponse)).toContain('R6-0001');
    expect(cardTexts(later.cardResponse)).not.toContain('似ている提案があります');
    expect(await count('proposals')).toBe(1);
  });

  it('re-renders the form with Japanese errors and every typed value kept', async () => {
    await withDivision(taro);
    const form = firstCard(await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.form' })));
    const data = {
      ...dataOf(form, 'proposal.submit'),
      title: '',
      body: 'あ'.repeat(2001),
      category: 'paperless',
      expectedEffect: '効果',
    };
    const outcome = await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.submit', data }));
    const text = cardTexts(outcome.cardResponse);
    expect(text).toContain('件名を入力してください。');
    expect(text).toContain('提案内容は2000文字以内で入力してください。');
    expect(text).toContain('あ'.repeat(2001));
    expect(text).toContain('効果');
    expect(await count('proposals')).toBe(0);
  });

  it('shows similar proposals before submitting and submits once the user confirms', async () => {
    await withDivision(taro);
    await withDivision(hanako);
    const submit = async (person: TestPerson, title: string, extra: Record<string, unknown> = {}) => {
      const form = firstCard(
        await handler()(incoming(person, { kind: 'cardAction', verb: 'proposal.form' })),
      );
      const data = {
        ...dataOf(form, 'proposal.submit'),
        title,
        body: '紙の申請書を電子化する。',
        category: 'digital',
        ...extra,
      };
      return handler()(incoming(person, { kind: 'cardAction', verb: 'proposal.submit', data }));
    };
    await submit(hanako, '旅費精算のオンライン化');
    // The worker folds the term counts every 2 s; the check weighs by the folded counts.
    await foldProposalTermCounts(ctx.db);
    const warned = await submit(taro, '旅費精算をオンライン化する');
    expect(cardTexts(warned.cardResponse)).toContain('似ている提案があります');
    // The form comes back offering what it offered (its choices are read with the check).
    const offered = choiceSetsOf(
      firstCard(await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.form' }))),
    );
    expect(Object.keys(offered)).toEqual(expect.arrayContaining(['category', 'priorityProjectIds']));
    expect(choiceSetsOf(warned.cardResponse)).toEqual(offered);
    // Hanako's proposal is not published: counted, never shown to taro by number or title.
    expect(cardTexts(warned.cardResponse)).toContain('類似の提案が1件あります（非公開）');
    expect(cardTexts(warned.cardResponse)).not.toContain('R6-0001');
    expect(cardTexts(warned.cardResponse)).not.toContain('旅費精算のオンライン化');
    expect(await count('proposals')).toBe(1);
    const confirmData = dataOf(warned.cardResponse, 'proposal.submit');
    expect(confirmData.confirmSimilar).toBe('true');
    const confirmed = await handler()(
      incoming(taro, {
        kind: 'cardAction',
        verb: 'proposal.submit',
        data: {
          ...confirmData,
          title: '旅費精算をオンライン化する',
          body: '紙の申請書を電子化する。',
          category: 'digital',
        },
      }),
    );
    expect(cardTexts(confirmed.cardResponse)).toContain('R6-0002');
  });

  it('lists my proposals with status and answer, paged', async () => {
    await withDivision(taro);
    for (let i = 1; i <= 6; i += 1) {
      const form = firstCard(await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.form' })));
      const data = {
        ...dataOf(form, 'proposal.submit'),
        title: `提案その${i}`,
        body: `内容${i}は独自の文章です${'ー'.repeat(i)}`,
        category: 'other',
        confirmSimilar: 'true',
      };
      await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.submit', data }));
    }
    const first = firstCard(await handler()(incoming(taro, { kind: 'message', text: '自分の提案' })));
    expect(cardTexts(first)).toContain('提案その6');
    expect(cardTexts(first)).not.toContain('提案その1"');
    const next = dataOf(first, 'proposal.mine');
    const second = firstCard(
      await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.mine', data: next })),
    );
    expect(cardTexts(second)).toContain('提案その1');
  });

  it('sends stamps: stored once per recipient, queued for the installed, pending for the others; never to oneself', async () => {
    await withDivision(taro);
    await withDivision(hanako, '総務課');
    const form = firstCard(await handler()(incoming(taro, { kind: 'message', text: 'スタンプ' })));
    const data = {
      ...dataOf(form, 'stamp.send'),
      recipientIds: `${hanako.aadObjectId},${stranger}`,
      kindCode: 'thanks',
      message: '資料作成ありがとうございました！',
    };
    // Without the directory nobody can vouch for someone who never used the app: refused, nothing stored.
    const refused = await handler()(incoming(taro, { kind: 'submit', verb: 'stamp.send', data }));
    expect(cardTexts(firstCard(refused))).toContain('まだこのアプリを使ったことのない方が含まれています');
    expect(await count('stamps')).toBe(0);
    const sent = await withDirectory()(incoming(taro, { kind: 'submit', verb: 'stamp.send', data }));
    const text = cardTexts(firstCard(sent));
    expect(text).toContain('周南 花子');
    expect(text).toContain('下関 次郎');
    expect(text).toContain('インストール後に届きます');
    expect(await count('stamps')).toBe(2);
    const deliveries = await queued();
    expect(deliveries.map((item) => item.summary)).toEqual([
      '山口 太郎さんから「ありがとう」スタンプが届きました',
      '山口 太郎さんから「ありがとう」スタンプが届きました',
    ]);
    expect(deliveries.map((item) => item.recipient).sort()).toEqual([hanako.aadObjectId, stranger].sort());

    // Delivered twice: nothing new is stored or queued.
    await withDirectory()(incoming(taro, { kind: 'submit', verb: 'stamp.send', data }));
    expect(await count('stamps')).toBe(2);
    expect(await queued()).toHaveLength(2);

    const self = await handler()(
      incoming(taro, {
        kind: 'submit',
        verb: 'stamp.send',
        data: {
          ...dataOf(form, 'stamp.send'),
          requestId: 'req-self-000001',
          recipientIds: taro.aadObjectId,
          kindCode: 'nice',
        },
      }),
    );
    expect(cardTexts(firstCard(self))).toContain('自分自身にはスタンプを送れません。');
    expect(await count('stamps')).toBe(2);
  });

  it('asks Graph to install the app for recipients who do not have it', async () => {
    await withDivision(taro);
    await withDivision(hanako);
    const installs: string[] = [];
    const background = createBackgroundTasks((error) => {
      throw error;
    });
    const withInstaller = createConversationHandler({
      db: ctx.db,
      notifications,
      directory,
      background,
      installer: {
        installForUser: async (id) => {
          installs.push(id);
          return { outcome: 'installed' };
        },
      },
      links: {},
      newRequestId: () => 'req-install-000001',
    });
    const form = firstCard(await withInstaller(incoming(taro, { kind: 'message', text: 'スタンプ' })));
    await withInstaller(
      incoming(taro, {
        kind: 'cardAction',
        verb: 'stamp.send',
        data: {
          ...dataOf(form, 'stamp.send'),
          recipientIds: `${hanako.aadObjectId},${stranger}`,
          kindCode: 'great',
        },
      }),
    );
    await background.idle();
    expect(installs).toEqual([stranger]);
  });

  it('offers known colleagues instead of the people picker outside Teams', async () => {
    await withDivision(taro);
    await withDivision(hanako, '総務課');
    const inTeams = cardTexts(
      firstCard(await handler()(incoming(taro, { kind: 'message', text: 'スタンプ' }))),
    );
    expect(inTeams).toContain('graph.microsoft.com/users');
    const elsewhere = cardTexts(
      firstCard(
        await handler()(incoming(taro, { kind: 'message', text: 'スタンプ' }, { channelId: 'emulator' })),
      ),
    );
    expect(elsewhere).not.toContain('graph.microsoft.com/users');
    expect(elsewhere).toContain('周南 花子（総務課）');
    expect(elsewhere).toContain(hanako.aadObjectId);
    expect(elsewhere).not.toContain(taro.aadObjectId);
  });

  it('lets a recipient thank the sender in one click', async () => {
    await withDivision(taro);
    await withDivision(hanako);
    const form = firstCard(await handler()(incoming(taro, { kind: 'message', text: 'スタンプ' })));
    await handler()(
      incoming(taro, {
        kind: 'cardAction',
        verb: 'stamp.send',
        data: { ...dataOf(form, 'stamp.send'), recipientIds: hanako.aadObjectId, kindCode: 'nice' },
      }),
    );
    const [stamp] = await queryRows<{ id: string }>(ctx.db, sql`select id from stamps`);
    const reply = await handler()(
      incoming(hanako, {
        kind: 'cardAction',
        verb: 'stamp.reply',
        data: { requestId: `reply:${stamp!.id}`, kindCode: 'thanks' },
      }),
    );
    expect(cardTexts(reply.cardResponse)).toContain('山口 太郎');
    const rows = await queryRows<{ kind_code: string; recipient: string }>(
      ctx.db,
      sql`select s.kind_code, u.aad_object_id as recipient from stamps s join users u on u.id = s.recipient_id order by s.sent_at, s.kind_code`,
    );
    expect(rows).toEqual(expect.arrayContaining([{ kind_code: 'thanks', recipient: taro.aadObjectId }]));

    // Only the recipient of a stamp can reply to it.
    const forged = await handler()(
      incoming(taro, {
        kind: 'cardAction',
        verb: 'stamp.reply',
        data: { requestId: `reply:${stamp!.id}`, kindCode: 'thanks' },
      }),
    );
    expect(cardTexts(forged.cardResponse)).toContain('元のスタンプが見つかりません。');
  });

  it('answers an unknown verb with an error card', async () => {
    const outcome = await handler()(incoming(taro, { kind: 'cardAction', verb: 'proposal.delete' }));
    expect(cardTexts(outcome.cardResponse)).toContain('この操作には対応していません。');
  });
});
