import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor, ProposalDto } from '#shared';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { useBotServer } from '../helpers/bot-server';
import { executeActionsOf, inputById, visibleText } from '../helpers/card-inspection';
import {
  activityFrom,
  cardActionFrom,
  postSignedActivity,
  teamsPerson,
  unlimitedUserActionsEnv,
  type TeamsPerson,
  type TestActivity,
} from '../helpers/teams-http';
import { createTestUser } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

/**
 * 賛同 from Teams: the proposal form's 「類似の提案を確認」 shows each published look-alike with
 * 「賛同する（N人）」; the click (an Action.Execute through /api/messages, signed like Teams') runs the
 * same service as the tab and answers with the form as it was, the count updated.
 */
const supporter = teamsPerson(401, '下関 次郎');
const author = teamsPerson(402, '山口 太郎');
const title = '会議資料のペーパーレス化と電子決裁の推進';
const body = '会議資料を紙で配るのをやめ、タブレットで閲覧する。決裁も電子で行い、印刷と押印の手間を減らす。';

describe('賛同 on a Teams card', () => {
  const server = useBotServer({
    config: { TEAMS_APP_ID: '', PUBLIC_URL: '', ...unlimitedUserActionsEnv },
    worker: { consumer: { concurrency: 2, pollIntervalMs: 50, stopTimeoutMs: 1_000 } },
  });
  let count = 0;

  const db = async () => (await getTestDatabase()).db;
  const bot = async (activity: TestActivity) => {
    const response = await postSignedActivity(server.app, server.stub, activity);
    expect(response.statusCode, response.body).toBe(200);
    return (response.body ? response.json() : {}) as { value?: AdaptiveCard };
  };
  const install = async (who: TeamsPerson): Promise<Actor> => {
    await bot(
      activityFrom(who, 'installation-update-add', {
        serviceUrl: server.stub.serviceUrl,
        id: `ec-${(count += 1)}`,
      }),
    );
    const [user] = await queryRows<{ id: string }>(
      await db(),
      sql`select id from users where aad_object_id = ${who.aadObjectId}`,
    );
    return { userId: user!.id, roles: [] };
  };
  const cardAction = async (who: TeamsPerson, verb: string, data: Record<string, unknown>) => {
    const answer = await bot(
      cardActionFrom(who, verb, data, { serviceUrl: server.stub.serviceUrl, id: `ec-${(count += 1)}` }),
    );
    return answer.value!;
  };
  const proposalBy = async (proposer: Actor, publish: boolean, suffix = ''): Promise<ProposalDto> => {
    const office = await createTestUser(await db(), { roles: ['office'] });
    const { proposal } = await submitProposal(await db(), {
      actor: proposer,
      input: { title: `${title}${suffix}`, body, category: 'efficiency' },
      clientRequestId: `ec-proposal-${(count += 1)}`,
    });
    // The worker folds the term counts every 2 s; the similar check weighs by the folded counts.
    await foldProposalTermCounts(await db());
    if (!publish) return proposal;
    return (
      await triageProposal(await db(), {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { isPublished: true },
      })
    ).proposal;
  };
  const supportsOf = async (proposalId: string) =>
    (
      await queryRows<{ n: number; support_count: number }>(
        await db(),
        sql`select (select count(*)::int from proposal_supports where proposal_id = ${proposalId}) as n, support_count
            from proposals where id = ${proposalId}`,
      )
    )[0]!;
  const waitForCard = async (who: TeamsPerson): Promise<AdaptiveCard> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const cards = server.stub
        .sentActivities(who.conversationId)
        .flatMap((sent) => (sent.attachments as { content: AdaptiveCard }[] | undefined) ?? [])
        .map((attachment) => attachment.content);
      if (cards.length > 0) return cards.at(-1)!;
      if (Date.now() > deadline) throw new Error('no card sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const draft = { requestId: '5b1e9f0c-2d3a-4c5b-8e6f-7a8b9c0d1e2f', title, body, category: 'efficiency' };

  it('supports a look-alike from the form, answers with the form as it was, and withdraws', async () => {
    await install(supporter);
    const proposer = await install(author);
    const published = await proposalBy(proposer, true);

    const checked = await cardAction(supporter, 'proposal.check', draft);
    expect(validateAdaptiveCard(checked)).toEqual([]);
    const button = executeActionsOf(checked).find((action) => action.verb === 'proposal.support');
    expect(button).toMatchObject({
      title: '👍 賛同する（0人）',
      data: { requestId: '5b1e9f0c-2d3a-4c5b-8e6f-7a8b9c0d1e2f', proposalId: published.id, support: 'true' },
    });

    // A double click (two deliveries): one 賛同.
    const clicked = { ...draft, ...button!.data };
    const answers = [await cardAction(supporter, 'proposal.support', clicked)];
    answers.push(await cardAction(supporter, 'proposal.support', clicked));
    expect(await supportsOf(published.id)).toEqual({ n: 1, support_count: 1 });
    for (const answer of answers) {
      expect(validateAdaptiveCard(answer)).toEqual([]);
      expect(inputById(answer, 'title')?.value).toBe(title);
      expect(inputById(answer, 'body')?.value).toBe(body);
      expect(executeActionsOf(answer).find((action) => action.verb === 'proposal.support')).toMatchObject({
        title: '賛同を取り消す（1人）',
        data: { proposalId: published.id, support: 'false' },
      });
    }

    const withdrawn = await cardAction(supporter, 'proposal.support', {
      ...draft,
      proposalId: published.id,
      support: 'false',
    });
    expect(executeActionsOf(withdrawn).find((action) => action.verb === 'proposal.support')?.title).toBe(
      '👍 賛同する（0人）',
    );
    expect(await supportsOf(published.id)).toEqual({ n: 0, support_count: 0 });
  });

  it('the proposer sees the count without a button; an unpublished proposal cannot be supported from a card', async () => {
    await install(supporter);
    const proposer = await install(author);
    const published = await proposalBy(proposer, true);
    const own = await cardAction(author, 'proposal.check', draft);
    expect(executeActionsOf(own).some((action) => action.verb === 'proposal.support')).toBe(false);
    expect(visibleText(own)).toContain('👍 賛同 0人');
    // Forged data: the proposer's own.
    const refused = await cardAction(author, 'proposal.support', {
      ...draft,
      proposalId: published.id,
      support: 'true',
    });
    expect(visibleText(refused)).toContain('ご自身の提案（共同提案を含む）には賛同できません。');
    expect(await supportsOf(published.id)).toEqual({ n: 0, support_count: 0 });

    // Someone else's unpublished proposal: it does not exist for the supporter.
    const hidden = await proposalBy(proposer, false, '（非公開）');
    const notFound = await cardAction(supporter, 'proposal.support', {
      ...draft,
      proposalId: hidden.id,
      support: 'true',
    });
    expect(visibleText(notFound)).toContain('提案が見つかりません。');
    expect(visibleText(notFound)).not.toContain(hidden.title);
    expect(await supportsOf(hidden.id)).toEqual({ n: 0, support_count: 0 });
  });

  it('「通知設定」: the current choice, changed from the card through the same service', async () => {
    const me = await install(supporter);
    server.stub.reset();
    await bot(
      activityFrom(supporter, 'message-personal', {
        serviceUrl: server.stub.serviceUrl,
        id: `ec-${(count += 1)}`,
        text: '通知設定',
      }),
    );
    const shown = await waitForCard(supporter);
    expect(validateAdaptiveCard(shown)).toEqual([]);
    expect(visibleText(shown)).toContain('現在の設定：1日1回まとめて');
    expect(executeActionsOf(shown).map((action) => action.title)).toEqual([
      'すぐに',
      '1日1回まとめて',
      '通知しない',
    ]);

    const chosen = await cardAction(supporter, 'user.setNotificationPreference', { preference: 'immediate' });
    expect(validateAdaptiveCard(chosen)).toEqual([]);
    expect(visibleText(chosen)).toContain('現在の設定：すぐに');
    expect(visibleText(chosen)).toContain('通知の受け取り方を「すぐに」にしました');
    const preference = async () =>
      (
        await queryRows<{ notification_preference: string }>(
          await db(),
          sql`select notification_preference from users where id = ${me.userId}`,
        )
      )[0]!.notification_preference;
    expect(await preference()).toBe('immediate');
    // A forged value changes nothing: the card comes back as it is.
    const forged = await cardAction(supporter, 'user.setNotificationPreference', { preference: 'hourly' });
    expect(visibleText(forged)).toContain('現在の設定：すぐに');
    expect(await preference()).toBe('immediate');
  });
});
