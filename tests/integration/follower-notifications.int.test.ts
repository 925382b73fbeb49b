import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, NotificationPreference, ProposalDto } from '#shared';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { setUserRoles } from '../../bot/src/data/repositories/user-roles-repository';
import { followerDigestQueueName } from '../../bot/src/jobs/follower-digest-jobs';
import { setNotificationPreference } from '../../bot/src/services/engagement/notification-preference';
import { supportProposal } from '../../bot/src/services/engagement/supports';
import { postProgressUpdate } from '../../bot/src/services/priority-projects/priority-projects';
import { linkProposalToProject } from '../../bot/src/services/proposals/project-links';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { useBotServer } from '../helpers/bot-server';
import { activityFrom, postSignedActivity, teamsPerson, type TeamsPerson } from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * What followers hear, on a fixed clock, through the real worker and a stub of the Bot Connector:
 * many changes to several followed proposals in a day reach a 1日1回まとめて follower as one card the
 * next morning (08:00 Tokyo), a すぐに follower as one card per change, a 通知しない follower not at
 * all; the proposer's own status cards arrive whatever their preference.
 */
const officer = teamsPerson(301, '推進 健一');
const proposer = teamsPerson(302, '山口 太郎');
const daily = teamsPerson(303, '下関 次郎');
const immediate = teamsPerson(304, '宇部 三郎');
const silent = teamsPerson(305, '周南 花子');
/** 08:30 on 2 April in Tokyo (23:30 UTC on 1 April). */
let clockNow = new Date('2025-04-01T23:30:00Z');

const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000) =>
  waitUntil(probe, { what: 'the awaited condition', timeoutMs });

describe('follower notifications', () => {
  const server = useBotServer({
    worker: { scheduledConsumer: { pollIntervalMs: 50 }, clock: () => clockNow },
  });
  let counter = 0;

  beforeEach(() => {
    clockNow = new Date('2025-04-01T23:30:00Z');
  });

  const db = async () => (await getTestDatabase()).db;
  const notifier = () => ({
    notifications: server.jobs.notifications,
    links: { teamsAppId: 'teams-app-1', publicUrl: 'https://proposals.example.jp' },
  });
  const install = async (who: TeamsPerson, preference?: NotificationPreference): Promise<Actor> => {
    const activity = activityFrom(who, 'installation-update-add', {
      serviceUrl: server.stub.serviceUrl,
      id: `fl:${(counter += 1)}`,
    });
    expect((await postSignedActivity(server.app, server.stub, activity)).statusCode).toBe(200);
    const [user] = await queryRows<{ id: string }>(
      await db(),
      sql`select id from users where aad_object_id = ${who.aadObjectId}`,
    );
    const actor = { userId: user!.id, roles: [] };
    if (preference) await setNotificationPreference(await db(), actor, { preference });
    return actor;
  };
  const cardsTo = (who: TeamsPerson) =>
    server.stub
      .sentActivities(who.conversationId)
      .flatMap((sent) => (sent.attachments as { content: AdaptiveCard }[] | undefined) ?? [])
      .map((attachment) => attachment.content);
  const withText = (who: TeamsPerson, text: string) =>
    cardsTo(who).filter((card) => JSON.stringify(card).includes(text));
  const followerCards = (who: TeamsPerson) => withText(who, 'フォロー中の提案に動きがありました');
  const digests = (who: TeamsPerson) => withText(who, '1日のまとめ');
  const statusCards = (who: TeamsPerson) => withText(who, '提案の状況が更新されました');
  const completedJobs = async () =>
    (
      await queryRows<{ n: number }>(
        await db(),
        sql`select count(*)::int as n from pgboss.job where name = ${followerDigestQueueName} and state = 'completed'`,
      )
    )[0]!.n;
  const runDigest = async () => {
    const before = await completedJobs();
    await server.jobs.jobQueue.enqueueAll(followerDigestQueueName, [{}]);
    await waitFor(async () => ((await completedJobs()) > before ? true : undefined));
  };
  /** Lets the worker send what is queued (there is nothing to wait for when nothing is). */
  const settle = async () => {
    await waitFor(async () => {
      const [row] = await queryRows<{ n: number }>(
        await db(),
        sql`select count(*)::int as n from notification_deliveries where status in ('queued', 'sending')`,
      );
      return row!.n === 0 ? true : undefined;
    });
  };

  const submit = async (by: Actor, title: string): Promise<ProposalDto> =>
    (
      await submitProposal(await db(), {
        actor: by,
        input: { title, body: `${title}の本文`, category: 'efficiency' },
        clientRequestId: `fl-${title}`,
      })
    ).proposal;
  const triage = async (office: Actor, proposal: ProposalDto, changes: Record<string, unknown>) =>
    (
      await triageProposal(
        await db(),
        { actor: office, proposalId: proposal.id, expectedVersion: proposal.version, changes },
        notifier(),
      )
    ).proposal;

  it('one digest a day per follower, one card per change for すぐに, nothing for 通知しない; the proposer always hears', async () => {
    const office: Actor = { ...(await install(officer)), roles: ['office'] };
    await setUserRoles(await db(), office.userId, ['office'], { actorId: null });
    const author = await install(proposer, 'none');
    const dailyActor = await install(daily);
    const immediateActor = await install(immediate, 'immediate');
    const silentActor = await install(silent, 'none');

    let a = await triage(office, await submit(author, '会議資料のペーパレス化'), { isPublished: true });
    let b = await triage(office, await submit(author, '電子決裁の徹底'), { isPublished: true });
    for (const supporter of [dailyActor, immediateActor, silentActor])
      await supportProposal(await db(), supporter, a.id);
    await supportProposal(await db(), dailyActor, b.id);

    // The day's changes: A to 検討中, A answered, B to 検討中 with an answer, A's 重点案件 progresses.
    a = await triage(office, a, { status: 'under_consideration' });
    a = await triage(office, a, { answer: '関係課と調整しています。' });
    b = await triage(office, b, { status: 'under_consideration', answer: '来年度に検討します。' });
    const [project] = await findPriorityProjects(await db(), 2024);
    await linkProposalToProject(
      await db(),
      { actor: office, proposalId: a.id, projectId: project!.id },
      notifier(),
    );
    await postProgressUpdate(
      await db(),
      office,
      project!.id,
      { progress: 40, status: 'in_progress', note: '実証を開始しました。' },
      notifier(),
    );
    await settle();

    // すぐに: one card per change of the followed proposal A (status, answer, progress), none for B.
    const now = followerCards(immediate);
    expect(now).toHaveLength(3);
    for (const card of now) expect(validateAdaptiveCard(card)).toEqual([]);
    expect(JSON.stringify(now)).toContain('状況が「検討中」になりました');
    expect(JSON.stringify(now)).toContain('重点案件「');
    expect(JSON.stringify(now)).not.toContain('電子決裁の徹底');
    // The proposer (通知しない) still has a status card per change of their own proposals.
    expect(statusCards(proposer).length).toBeGreaterThanOrEqual(3);
    expect(followerCards(proposer)).toEqual([]);
    // Nothing yet for the daily follower, nothing ever for the silent one.
    expect(followerCards(daily)).toEqual([]);
    expect(digests(daily)).toEqual([]);

    await runDigest();
    const [digest] = await waitFor(() => (digests(daily).length > 0 ? digests(daily) : undefined));
    expect(validateAdaptiveCard(digest!)).toEqual([]);
    const text = JSON.stringify(digest);
    expect(text).toContain('フォロー中の提案2件に動きがありました');
    expect(text).toContain('会議資料のペーパレス化');
    expect(text).toContain('電子決裁の徹底');
    expect(text).toContain('回答: 推進室からの回答が更新されました');
    expect(text).toContain('重点案件の進捗');
    expect(text).toContain('https://teams.microsoft.com/l/entity/teams-app-1/proposals');
    expect(digests(immediate)).toEqual([]);
    expect([...followerCards(silent), ...digests(silent)]).toEqual([]);

    // Again the same day (a retried job, another instance): no second digest; a change that comes
    // later that day waits for tomorrow's.
    await runDigest();
    a = await triage(office, a, { status: 'realised' });
    await runDigest();
    await settle();
    expect(digests(daily)).toHaveLength(1);
    const [waiting] = await queryRows<{ n: number }>(
      await db(),
      sql`select count(*)::int as n from follower_updates where delivered_at is null`,
    );
    expect(waiting!.n).toBe(1);

    clockNow = new Date('2025-04-02T23:05:00Z');
    await runDigest();
    const [, tomorrow] = await waitFor(() => (digests(daily).length === 2 ? digests(daily) : undefined));
    expect(JSON.stringify(tomorrow)).toContain('状況が「実現完了」になりました');
    expect(JSON.stringify(tomorrow)).not.toContain('電子決裁の徹底');
    expect([...followerCards(silent), ...digests(silent)]).toEqual([]);
  });

  it('keeps the schedule at 08:00 Tokyo, once per cluster', async () => {
    const rows = await queryRows<{ name: string; cron: string; timezone: string }>(
      await db(),
      sql`select name, cron, timezone from pgboss.schedule where name = ${followerDigestQueueName}`,
    );
    expect(rows).toEqual([{ name: followerDigestQueueName, cron: '0 8 * * *', timezone: 'Asia/Tokyo' }]);
  });
});
