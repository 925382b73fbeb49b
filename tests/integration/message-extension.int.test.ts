import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { useBotServer } from '../helpers/bot-server';
import { inputById, nodesOf, visibleText } from '../helpers/card-inspection';
import {
  activityFrom,
  cardActionFrom,
  postSignedActivity,
  teamsFixture,
  teamsPerson,
  type TeamsFixtureName,
  type TeamsPerson,
  type TestActivity,
} from '../helpers/teams-http';
import { createTestUser } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * The message extension through /api/messages, used in a team channel: the message actions
 * 「この投稿にスタンプを贈る」 and 「この投稿から提案する」 (composeExtension/fetchTask opens the dialog,
 * composeExtension/submitAction runs its buttons), the search command 「提案を検索」
 * (composeExtension/query) and link unfurling (composeExtension/queryLink). Same services, visibility
 * rule and per-user limits as the chat; every dialog and result card validated by the Adaptive Cards SDK.
 */
const taro = teamsPerson(111, '山口 太郎');
const hanako = teamsPerson(112, '周南 花子');
const publicUrl = 'https://proposals.example.jp';

const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000) =>
  waitUntil(probe, { what: 'the awaited condition', timeoutMs });

interface DialogBody {
  task?: {
    type: string;
    value: string | { title: string; card: { contentType: string; content: AdaptiveCard } };
  };
  composeExtension?: {
    type: string;
    text?: string;
    attachmentLayout?: string;
    attachments?: {
      contentType: string;
      content: AdaptiveCard;
      preview: { contentType: string; content: { title: string; text: string } };
    }[];
  };
}

/** Every action of a dialog card is an Action.Submit carrying its verb (dialogs do not run Execute). */
const submitsOf = (card: AdaptiveCard) =>
  nodesOf(card).filter((node) => node.type === 'Action.Submit') as unknown as {
    title: string;
    data: Record<string, unknown>;
  }[];

describe('the message extension', () => {
  const server = useBotServer({ config: { PUBLIC_URL: publicUrl, LIMIT_STAMP_SENDS_PER_MINUTE: '2' } });
  let counter = 0;

  const db = async () => (await getTestDatabase()).db;
  const next = () => `me:${(counter += 1)}`;
  const install = async (who: TeamsPerson) => {
    await postSignedActivity(
      server.app,
      server.stub,
      activityFrom(who, 'installation-update-add', { serviceUrl: server.stub.serviceUrl, id: next() }),
    );
    const divisionId = (await ensureDivisions(await db(), [{ name: '人事課' }])).get('人事課')!;
    await (
      await db()
    ).execute(sql`update users set division_id = ${divisionId} where aad_object_id = ${who.aadObjectId}`);
  };
  /** An invoke in the team channel of the fixtures, from `who`. */
  const channelInvoke = (who: TeamsPerson, fixture: TeamsFixtureName, value: Record<string, unknown>) => {
    const base = teamsFixture(fixture, { serviceUrl: server.stub.serviceUrl });
    return {
      ...base,
      id: next(),
      from: { id: who.teamsId, name: who.name, aadObjectId: who.aadObjectId },
      value: { ...base.value, ...value },
    } as TestActivity;
  };
  const invoke = async (activity: TestActivity): Promise<DialogBody> => {
    const response = await postSignedActivity(server.app, server.stub, activity);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DialogBody;
  };
  const post = (author: TeamsPerson | null, html: string) => ({
    ...teamsFixture('invoke-message-action-fetch-task', { serviceUrl: '' }).value.messagePayload,
    from: author
      ? { user: { userIdentityType: 'aadUser', id: author.aadObjectId, displayName: author.name } }
      : { application: { applicationIdentityType: 'bot', id: 'some-bot', displayName: '通知ボット' } },
    body: { contentType: 'html', content: html },
  });
  const dialogCard = (body: DialogBody, title: string) => {
    expect(body.task?.type).toBe('continue');
    const value = body.task!.value as { title: string; card: { contentType: string; content: AdaptiveCard } };
    expect(value.title).toBe(title);
    expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateAdaptiveCard(value.card.content)).toEqual([]);
    expect(JSON.stringify(value.card.content)).not.toContain('Action.Execute');
    return value.card.content;
  };
  const submit = (who: TeamsPerson, commandId: string, data: Record<string, unknown>) =>
    invoke(channelInvoke(who, 'invoke-message-action-submit', { commandId, data }));
  const cardsTo = (who: TeamsPerson) =>
    server.stub
      .sentActivities(who.conversationId)
      .flatMap((sent) => (sent.attachments as { content: unknown }[] | undefined) ?? [])
      .map((attachment) => JSON.stringify(attachment.content));
  const rows = async (query: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(await db(), query);

  describe('「この投稿にスタンプを贈る」', () => {
    const html =
      '<p>来週の<strong>定例会議</strong>の資料を、事前に共有フォルダへ置きました。</p><p>印刷は不要です&amp;ご確認ください。</p>';

    it("opens the stamp dialog with the post's author as recipient and the post quoted, and sends through the same service", async () => {
      await install(taro);
      await install(hanako);
      const opened = await invoke(
        channelInvoke(taro, 'invoke-message-action-fetch-task', { messagePayload: post(hanako, html) }),
      );
      const form = dialogCard(opened, 'この投稿にスタンプを贈る');
      const text = visibleText(form);
      expect(text).toContain('来週の定例会議の資料を、事前に共有フォルダへ置きました。');
      expect(text).toContain('印刷は不要です&ご確認ください。');
      expect(JSON.stringify(form)).not.toContain('<strong>');
      expect(inputById(form, 'recipientIds')).toMatchObject({
        value: hanako.aadObjectId,
        choices: [{ title: hanako.name, value: hanako.aadObjectId }],
      });
      const send = submitsOf(form).find((action) => action.data.verb === 'stamp.send')!;
      expect(send.title).toBe('送る');

      const sent = await submit(taro, 'stampFromMessage', {
        ...send.data,
        recipientIds: hanako.aadObjectId,
        kindCode: 'thanks',
        message: '準備ありがとうございます',
      });
      expect(visibleText(dialogCard(sent, 'この投稿にスタンプを贈る'))).toContain('スタンプを送りました');
      await waitFor(() => cardsTo(hanako).find((card) => card.includes('準備ありがとうございます')));
      expect(await rows(sql`select kind_code from stamps`)).toEqual([{ kind_code: 'thanks' }]);
    });

    it('keeps the post and what was typed when the form comes back, and applies the per-user limit', async () => {
      await install(taro);
      await install(hanako);
      const form = dialogCard(
        await invoke(
          channelInvoke(taro, 'invoke-message-action-fetch-task', { messagePayload: post(hanako, html) }),
        ),
        'この投稿にスタンプを贈る',
      );
      const send = submitsOf(form).find((action) => action.data.verb === 'stamp.send')!;
      const data = (n: number) => ({
        ...send.data,
        requestId: `req-me-limit-${n}0000`,
        recipientIds: hanako.aadObjectId,
        kindCode: 'nice',
        message: `${n}回目`,
      });
      await submit(taro, 'stampFromMessage', data(1));
      await submit(taro, 'stampFromMessage', data(2));
      const refused = dialogCard(await submit(taro, 'stampFromMessage', data(3)), 'この投稿にスタンプを贈る');
      expect(visibleText(refused)).toContain('1分ほど待ってからもう一度お試しください');
      expect(visibleText(refused)).toContain('来週の定例会議の資料を');
      expect(inputById(refused, 'message')).toMatchObject({ value: '3回目' });
      expect(await rows(sql`select id from stamps`)).toHaveLength(2);
    });

    it('says so for a post of your own or of a bot', async () => {
      await install(taro);
      const own = await invoke(
        channelInvoke(taro, 'invoke-message-action-fetch-task', { messagePayload: post(taro, html) }),
      );
      expect(own).toEqual({ task: { type: 'message', value: '自分の投稿には、スタンプを贈れません。' } });
      const bot = await invoke(
        channelInvoke(taro, 'invoke-message-action-fetch-task', { messagePayload: post(null, html) }),
      );
      expect(bot.task?.type).toBe('message');
      expect(bot.task?.value).toContain('職員の投稿ではありません');
    });
  });

  describe('「この投稿から提案する」', () => {
    it('prefills title and body from the post (HTML stripped, within the limits), checks for similar proposals and submits', async () => {
      await install(taro);
      // A similar proposal already exists (taro's own, so taro may see it).
      await invoke(
        channelInvoke(taro, 'invoke-message-action-submit', {
          commandId: 'proposeFromMessage',
          data: {
            verb: 'proposal.submit',
            requestId: 'req-me-first-0001',
            title: '会議資料のペーパレス化',
            body: '庁内会議の資料を電子化する。',
            category: 'paperless',
            confirmSimilar: 'true',
          },
        }),
      );
      // The worker folds the term counts every 2 s; the check weighs by the folded counts.
      await foldProposalTermCounts(await db());
      const long = 'あ'.repeat(2500);
      const html = `<div>会議資料のペーパレス化を進めたい</div><div>紙の資料を<em>やめて</em>、画面で共有する。<br>${long}</div>`;
      const form = dialogCard(
        await invoke(
          channelInvoke(taro, 'invoke-message-action-fetch-task', {
            commandId: 'proposeFromMessage',
            messagePayload: post(hanako, html),
          }),
        ),
        'この投稿から提案する',
      );
      const title = inputById(form, 'title') as unknown as { value: string };
      const body = inputById(form, 'body') as unknown as { value: string };
      expect(title.value).toBe('会議資料のペーパレス化を進めたい');
      expect(
        body.value.startsWith('会議資料のペーパレス化を進めたい\n紙の資料をやめて、画面で共有する。\nあ'),
      ).toBe(true);
      expect(Array.from(body.value)).toHaveLength(2000);
      expect(body.value.endsWith('…')).toBe(true);

      const check = submitsOf(form).find((action) => action.data.verb === 'proposal.check')!;
      const draft = { title: title.value, body: '紙の資料をやめて、画面で共有する。', category: 'paperless' };
      const checked = dialogCard(
        await submit(taro, 'proposeFromMessage', { ...check.data, ...draft }),
        'この投稿から提案する',
      );
      expect(visibleText(checked)).toContain('似ている提案があります');
      const submitAnyway = submitsOf(checked).find((action) => action.data.verb === 'proposal.submit')!;
      const confirmed = dialogCard(
        await submit(taro, 'proposeFromMessage', { ...submitAnyway.data, ...draft }),
        'この投稿から提案する',
      );
      expect(visibleText(confirmed)).toContain('提案を受け付けました');
      expect(
        await rows(
          sql`select p.title from proposals p join users u on u.id = p.proposer_id order by p.number`,
        ),
      ).toEqual([{ title: '会議資料のペーパレス化' }, { title: '会議資料のペーパレス化を進めたい' }]);
    });
  });

  describe('「提案を検索」 and pasted links', () => {
    const seedProposals = async () => {
      await install(taro);
      await install(hanako);
      const submitAs = async (who: TeamsPerson, title: string) =>
        postSignedActivity(
          server.app,
          server.stub,
          cardActionFrom(
            who,
            'proposal.submit',
            {
              requestId: `req-${next()}-0000`,
              title,
              body: `${title}の本文`,
              category: 'paperless',
              confirmSimilar: 'true',
            },
            { serviceUrl: server.stub.serviceUrl, id: next() },
          ),
        );
      await submitAs(hanako, 'ペーパレス会議の全庁展開');
      await submitAs(hanako, 'ペーパレス決裁の試行');
      await submitAs(taro, 'ペーパレスな予算要求');
      const office = await createTestUser(await db(), { roles: ['office'] });
      const [published] = await queryRows<{ id: string; version: number }>(
        await db(),
        sql`select id, version from proposals where title = 'ペーパレス会議の全庁展開'`,
      );
      await triageProposal(await db(), {
        actor: office,
        proposalId: published!.id,
        expectedVersion: published!.version,
        changes: { isPublished: true, status: 'realised', answer: '全庁で実施しています。' },
      });
      const ids = await queryRows<{ id: string; title: string }>(
        await db(),
        sql`select id, title from proposals`,
      );
      return Object.fromEntries(ids.map((row) => [row.title, row.id]));
    };
    const search = (who: TeamsPerson, text: string) =>
      invoke(
        channelInvoke(who, 'invoke-compose-extension-query', {
          parameters: [{ name: 'query', value: text }],
        }),
      );

    it('finds only the proposals the user may see and offers each as a card to insert', async () => {
      await seedProposals();
      const found = await search(taro, 'ペーパレス');
      expect(found.composeExtension?.type).toBe('result');
      expect(found.composeExtension?.attachmentLayout).toBe('list');
      const attachments = found.composeExtension!.attachments!;
      const titles = attachments.map((attachment) => attachment.preview.content.title);
      // 花子's unpublished 「ペーパレス決裁の試行」 is not taro's to see.
      expect(titles).toHaveLength(2);
      expect(titles.join('\n')).toContain('ペーパレスな予算要求');
      expect(titles.join('\n')).toContain('ペーパレス会議の全庁展開');
      for (const attachment of attachments) {
        expect(validateAdaptiveCard(attachment.content)).toEqual([]);
        expect(JSON.stringify(attachment.content)).not.toContain('Action.Execute');
        expect(attachment.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
      }
      const own = attachments.find((attachment) => attachment.preview.content.title.includes('予算要求'))!;
      expect(visibleText(own.content)).toContain('非公開の提案です');
      expect(own.preview.content.text).toContain('（非公開）');
      const published = attachments.find((attachment) =>
        attachment.preview.content.title.includes('全庁展開'),
      )!;
      expect(visibleText(published.content)).toContain('全庁で実施しています。');
      expect(JSON.stringify(published.content)).toContain(
        'https://teams.microsoft.com/l/entity/teams-app-1/',
      );

      const none = await search(taro, '存在しないキーワード');
      expect(none).toEqual({
        composeExtension: {
          type: 'message',
          text: '「存在しないキーワード」に一致する提案は見つかりませんでした。',
        },
      });
    });

    it('unfurls a pasted link of a proposal the user may see, and no other', async () => {
      const ids = await seedProposals();
      const unfurl = (url: string) =>
        invoke(channelInvoke(taro, 'invoke-compose-extension-query-link', { url }));
      const visible = await unfurl(`${publicUrl}/tab/proposals/${ids['ペーパレス会議の全庁展開']}`);
      expect(visible.composeExtension?.attachments).toHaveLength(1);
      expect(visibleText(visible.composeExtension!.attachments![0]!.content)).toContain(
        'ペーパレス会議の全庁展開',
      );
      for (const url of [
        `${publicUrl}/tab/proposals/${ids['ペーパレス決裁の試行']}`,
        `https://elsewhere.example.jp/tab/proposals/${ids['ペーパレス会議の全庁展開']}`,
        `${publicUrl}/tab/proposals/not-an-id`,
      ]) {
        expect((await unfurl(url)).composeExtension, url).toEqual({
          type: 'result',
          attachmentLayout: 'list',
          attachments: [],
        });
      }
    });
  });
});
