import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { setLiaisonDivisionIds } from '../../bot/src/data/repositories/division-liaisons-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { setUserRoles } from '../../bot/src/data/repositories/user-roles-repository';
import { revisitQueueName } from '../../bot/src/jobs/revisit-jobs';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { useBotServer } from '../helpers/bot-server';
import { activityFrom, postSignedActivity, teamsPerson, type TeamsPerson } from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * The daily revisit of 「その他」 proposals, on a fixed clock: 00:30 UTC on 31 March is already
 * 1 April in Tokyo, the day the job judges by. The schedule is kept in pg-boss (once per cluster);
 * the test fires it by queueing the job the schedule would, and reads what reached the Bot Connector.
 */
const officer = teamsPerson(201, '推進 健一');
const proposer = teamsPerson(202, '山口 太郎');
const planningLiaison = teamsPerson(203, '下関 次郎');
const commerceLiaison = teamsPerson(204, '宇部 三郎');
const fixedNow = new Date('2025-03-31T23:30:00Z');

const waitFor = <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000) =>
  waitUntil(probe, { what: 'the awaited condition', timeoutMs });

describe('the daily revisit job', () => {
  const server = useBotServer({
    worker: { scheduledConsumer: { pollIntervalMs: 50 }, clock: () => fixedNow },
  });
  let counter = 0;

  const db = async () => (await getTestDatabase()).db;
  const install = async (who: TeamsPerson) => {
    const activity = activityFrom(who, 'installation-update-add', {
      serviceUrl: server.stub.serviceUrl,
      id: `rv:${(counter += 1)}`,
    });
    expect((await postSignedActivity(server.app, server.stub, activity)).statusCode).toBe(200);
    const [user] = await queryRows<{ id: string }>(
      await db(),
      sql`select id from users where aad_object_id = ${who.aadObjectId}`,
    );
    return user!.id;
  };
  const cardsTo = (who: TeamsPerson) =>
    server.stub
      .sentActivities(who.conversationId)
      .flatMap((sent) => (sent.attachments as { content: AdaptiveCard }[] | undefined) ?? [])
      .map((attachment) => attachment.content);
  const digestsTo = (who: TeamsPerson) =>
    cardsTo(who).filter((card) => JSON.stringify(card).includes('再検討時期が到来した提案'));
  const runJob = async () => {
    const before = await completedJobs();
    await server.jobs.jobQueue.enqueueAll(revisitQueueName, [{}]);
    await waitFor(async () => ((await completedJobs()) > before ? true : undefined));
  };
  const completedJobs = async () =>
    (
      await queryRows<{ n: number }>(
        await db(),
        sql`select count(*)::int as n from pgboss.job where name = ${revisitQueueName} and state = 'completed'`,
      )
    )[0]!.n;

  /** A proposal of the proposer put in 「その他」 with a 再検討時期. */
  const blocked = async (
    officeId: string,
    proposerId: string,
    title: string,
    revisitOn: string,
    responsibleDivisionId?: string,
  ) => {
    const { proposal } = await submitProposal(await db(), {
      actor: { userId: proposerId, roles: [] },
      input: { title, body: `${title}の本文`, category: 'efficiency' },
      clientRequestId: `rv-${title}`,
    });
    const result = await triageProposal(await db(), {
      actor: { userId: officeId, roles: ['office'] },
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes: { status: 'blocked', blockReason: 'legal', revisitOn, responsibleDivisionId },
    });
    return result.proposal;
  };

  it('keeps one daily schedule in Tokyo time', async () => {
    const rows = await queryRows<{ name: string; cron: string; timezone: string }>(
      await db(),
      sql`select name, cron, timezone from pgboss.schedule where name = ${revisitQueueName}`,
    );
    expect(rows).toEqual([{ name: revisitQueueName, cron: '0 8 * * *', timezone: 'Asia/Tokyo' }]);
  });

  it('sends the office one digest of what came due by Tokyo’s date, once; moving one back tells the proposer', async () => {
    const officeId = await install(officer);
    await setUserRoles(await db(), officeId, ['office'], { actorId: null });
    const proposerId = await install(proposer);
    const dueToday = await blocked(officeId, proposerId, '電子決裁の全面導入', '2025-04-01');
    await blocked(officeId, proposerId, '私物端末の業務利用', '2024-10-01');
    await blocked(officeId, proposerId, '庁外からの基幹系接続', '2025-04-02');
    server.stub.reset();

    await runJob();
    const [digest] = await waitFor(() => (digestsTo(officer).length > 0 ? digestsTo(officer) : undefined));
    expect(validateAdaptiveCard(digest!)).toEqual([]);
    const text = JSON.stringify(digest);
    expect(text).toContain('2件');
    expect(text).toContain('電子決裁の全面導入');
    expect(text).toContain('私物端末の業務利用');
    expect(text).not.toContain('庁外からの基幹系接続');
    expect(text).toContain('https://proposals.example.jp/tab/proposals?queue=revisit_due');
    expect(digestsTo(proposer)).toEqual([]);

    // The same day again (a retried job, a second instance's firing): nothing new, no second digest.
    await runJob();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(digestsTo(officer)).toHaveLength(1);

    // The office takes one up again: the proposer hears of it.
    await triageProposal(
      await db(),
      {
        actor: { userId: officeId, roles: ['office'] },
        proposalId: dueToday.id,
        expectedVersion: dueToday.version,
        changes: { status: 'under_consideration' },
      },
      { notifications: server.jobs.notifications, links: {} },
    );
    const notice = await waitFor(() =>
      cardsTo(proposer).find((card) => JSON.stringify(card).includes('電子決裁の全面導入')),
    );
    expect(JSON.stringify(notice)).toContain('検討中');
  });

  it('announces a proposal again when the office sets a new 再検討時期 that has come', async () => {
    const officeId = await install(officer);
    await setUserRoles(await db(), officeId, ['office'], { actorId: null });
    const proposerId = await install(proposer);
    const proposal = await blocked(officeId, proposerId, '会議の原則オンライン化', '2025-03-01');
    await runJob();
    await waitFor(() => (digestsTo(officer).length === 1 ? true : undefined));
    // Postponed to a date that has also come (entered late): it is announced again, in the next digest.
    await triageProposal(await db(), {
      actor: { userId: officeId, roles: ['office'] },
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes: { revisitOn: '2025-03-31' },
    });
    const [row] = await queryRows<{ revisit_announced_on: string }>(
      await db(),
      sql`select revisit_announced_on::text from proposals where id = ${proposal.id}`,
    );
    expect(row!.revisit_announced_on).toBe('2025-03-01');
    await runJob();
    const digests = await waitFor(() => (digestsTo(officer).length === 2 ? digestsTo(officer) : undefined));
    expect(JSON.stringify(digests[1])).toContain('2025年3月31日');
    const rows = await queryRows<{ n: number }>(
      await db(),
      sql`select count(*)::int as n from proposals where revisit_announced_on = '2025-03-31'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('sends each liaison one digest of their own divisions’ proposals only, linked to 自分の課', async () => {
    const officeId = await install(officer);
    await setUserRoles(await db(), officeId, ['office'], { actorId: null });
    const proposerId = await install(proposer);
    const divisions = await ensureDivisions(await db(), [{ name: '企画課' }, { name: '商工政策課' }]);
    const planning = divisions.get('企画課')!;
    const commerce = divisions.get('商工政策課')!;
    await setLiaisonDivisionIds(await db(), await install(planningLiaison), [planning]);
    await setLiaisonDivisionIds(await db(), await install(commerceLiaison), [commerce]);
    // The office member is also a liaison of 企画課: the office's digest is theirs, not a second one.
    await setLiaisonDivisionIds(await db(), officeId, [planning]);
    await blocked(officeId, proposerId, '企画課で到来した案', '2025-04-01', planning);
    await blocked(officeId, proposerId, '企画課で以前に到来した案', '2024-12-01', planning);
    await blocked(officeId, proposerId, '企画課でまだ先の案', '2025-04-02', planning);
    await blocked(officeId, proposerId, '商工政策課で到来した案', '2025-03-15', commerce);
    await blocked(officeId, proposerId, '所管課のない到来した案', '2025-03-20');
    server.stub.reset();

    await runJob();
    const [planningDigest] = await waitFor(() =>
      digestsTo(planningLiaison).length > 0 ? digestsTo(planningLiaison) : undefined,
    );
    const [commerceDigest] = await waitFor(() =>
      digestsTo(commerceLiaison).length > 0 ? digestsTo(commerceLiaison) : undefined,
    );
    const [officeDigest] = await waitFor(() =>
      digestsTo(officer).length > 0 ? digestsTo(officer) : undefined,
    );
    expect(validateAdaptiveCard(planningDigest!)).toEqual([]);
    const planningText = JSON.stringify(planningDigest);
    expect(planningText).toContain('2件');
    expect(planningText).toContain('企画課で到来した案');
    expect(planningText).toContain('企画課で以前に到来した案');
    for (const other of ['企画課でまだ先の案', '商工政策課で到来した案', '所管課のない到来した案'])
      expect(planningText).not.toContain(other);
    expect(planningText).toContain('https://proposals.example.jp/tab/proposals?queue=my_division');
    expect(planningText).toContain('自分の課の一覧を開く');
    const commerceText = JSON.stringify(commerceDigest);
    expect(commerceText).toContain('1件');
    expect(commerceText).toContain('商工政策課で到来した案');
    expect(commerceText).not.toContain('企画課');
    expect(JSON.stringify(officeDigest)).toContain('4件');

    // A retried run sends nobody a second card.
    await runJob();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(digestsTo(officer)).toHaveLength(1);
    expect(digestsTo(planningLiaison)).toHaveLength(1);
    expect(digestsTo(commerceLiaison)).toHaveLength(1);
    expect(digestsTo(proposer)).toEqual([]);
  });
});
