import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  defaultStampKinds,
  fiscalYearRange,
  formatProposalNumber,
  statusGroupReport,
  type ProposalStatus,
} from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { findStampKinds } from '../../bot/src/data/repositories/stamps-repository';
import { demoUsers, seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { fy2024PriorityProjects, seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { useTestDatabase } from '../helpers/test-context';

const projectTitles = [
  '1-1 利便性とセキュリティを両立させるＤＸプラットフォームの構築',
  '1-2 デジタルツールの利活用環境の構築・利活用推進',
  '1-3 フロントヤード・バックヤードＤＸ',
  '2-1 ペーパレス化の更なる推進',
  '2-2 最適なワークプレイスの整備',
];

describe('base seed', () => {
  const ctx = useTestDatabase();

  const projects = () =>
    queryRows<{ code: string; theme: string }>(
      ctx.db,
      sql`select theme_no || '-' || item_no || ' ' || title as code, theme_title as theme
          from priority_projects where fiscal_year = 2024 order by theme_no, item_no`,
    );

  it('loads the five FY2024 priority projects and the five default stamp kinds', async () => {
    await seedBaseData(ctx.db);
    const rows = await projects();
    expect(rows.map((row) => row.code)).toEqual(projectTitles);
    expect(new Set(rows.map((row) => row.theme))).toEqual(
      new Set([
        '業務の見直し・ＤＸ等による効率化・高度化した働き方への転換',
        'ワークライフバランス実現に向けた多様で柔軟な働き方の推進',
      ]),
    );
    expect((await findStampKinds(ctx.db)).map((kind) => kind.label)).toEqual([
      'ありがとう',
      'ナイス！',
      'さすが',
      'おつかれさま',
      '1on1しませんか',
    ]);
  });

  it('is idempotent and keeps what the office edited', async () => {
    await seedBaseData(ctx.db);
    await ctx.db.execute(
      sql`update priority_projects set title = '最適なワークプレイスの整備（執務環境）', progress = 40
          where fiscal_year = 2024 and theme_no = 2 and item_no = 2`,
    );
    await ctx.db.execute(
      sql`update stamp_kinds set label = 'サンキュー', is_active = false where code = 'thanks'`,
    );
    await seedBaseData(ctx.db);
    await seedBaseData(ctx.db);

    const rows = await projects();
    expect(rows).toHaveLength(fy2024PriorityProjects.length);
    expect(rows[4]!.code).toBe('2-2 最適なワークプレイスの整備（執務環境）');
    const kinds = await findStampKinds(ctx.db);
    expect(kinds).toHaveLength(defaultStampKinds.length);
    expect(kinds.find((kind) => kind.code === 'thanks')).toMatchObject({
      label: 'サンキュー',
      isActive: false,
    });
  });
});

describe('demo seed', () => {
  const ctx = useTestDatabase();

  it("reproduces the plan's FY2024 table and a consistent history, numbering and stamps", async () => {
    expect(await seedDemoData(ctx.db)).toMatchObject({ created: true, proposals: 660, stamps: 3000 });

    // The plan's table: 648 counted, 191 / 377 / 80, 29.5 / 58.2 / 12.3 %.
    const counts = Object.fromEntries(
      (
        await queryRows<{ status: ProposalStatus; count: number }>(
          ctx.db,
          sql`select status, count(*)::int as count from proposals where fiscal_year = 2024 group by status`,
        )
      ).map((row) => [row.status, row.count]),
    ) as Partial<Record<ProposalStatus, number>>;
    const report = statusGroupReport(counts);
    expect(report.total).toBe(648);
    expect(report.rows).toEqual([
      { group: 'realised', count: 191, share: 29.5 },
      { group: 'considering', count: 377, share: 58.2 },
      { group: 'blocked', count: 80, share: 12.3 },
    ]);
    expect(
      counts.realised! * counts.settled! * counts.received! * counts.under_consideration!,
    ).toBeGreaterThan(0);
    expect(counts.withdrawn).toBeGreaterThan(0);
    expect(counts.merged).toBeGreaterThan(0);
    expect(await seedDemoData(ctx.db)).toMatchObject({ created: false });

    const [shape] = await queryRows<Record<string, number | boolean>>(
      ctx.db,
      sql`select
        (select count(*)::int from proposals) as proposals,
        (select count(distinct block_reason)::int from proposals where status = 'blocked') as block_reasons,
        (select count(*)::int from proposals where status = 'blocked' and block_reason_note is null) as blocked_without_note,
        (select count(*)::int from proposals p join proposals t on t.id = p.merged_into_id
          where p.status = 'merged' and t.status not in ('merged', 'withdrawn')) as merged_into_real,
        (select count(*)::int from proposals where status in ('realised', 'settled') and realised_at is null) as realised_without_date,
        (select count(*)::int from proposals where status not in ('received', 'withdrawn', 'merged') and (answer is null or responsible_division_id is null)) as processed_without_answer,
        (select count(*)::int from proposals where submitted_at < ${fiscalYearRange(2024).start.toISOString()}::timestamptz
          or submitted_at >= ${fiscalYearRange(2024).end.toISOString()}::timestamptz) as outside_fy,
        (select count(distinct to_char(submitted_at at time zone 'Asia/Tokyo', 'YYYY-MM'))::int from proposals) as months,
        (select count(distinct proposer_division_id)::int from proposals) as proposer_divisions,
        (select count(distinct category)::int from proposals) as categories,
        (select count(*)::int from proposals where is_published) as published,
        (select count(distinct proposal_id)::int from proposal_co_proposers) as with_co_proposers,
        (select count(distinct proposal_id)::int from proposal_project_links) as linked,
        (select count(*)::int from proposal_co_proposers c join proposals p on p.id = c.proposal_id where c.user_id = p.proposer_id) as self_co_proposers,
        (select count(*)::int from divisions where parent_id is not null) as divisions,
        (select count(*)::int from users) as users`,
    );
    expect(shape).toMatchObject({
      proposals: 660,
      block_reasons: 5,
      blocked_without_note: 0,
      merged_into_real: counts.merged,
      realised_without_date: 0,
      processed_without_answer: 0,
      outside_fy: 0,
      months: 12,
      self_co_proposers: 0,
      users: 155,
    });
    expect(shape!.proposer_divisions).toBeGreaterThanOrEqual(18);
    expect(shape!.categories).toBe(8);
    expect(shape!.divisions).toBeGreaterThanOrEqual(20);
    for (const key of ['published', 'with_co_proposers', 'linked'] as const) {
      expect(shape![key]).toBeGreaterThan(20);
    }

    // Numbers R6-0001… without gaps, in submission order; the counter stands at the last one.
    const numbers = await queryRows<{ number: string; sequence: number }>(
      ctx.db,
      sql`select number, sequence from proposals order by submitted_at, sequence`,
    );
    expect(numbers.map((row) => row.number)).toEqual(
      Array.from({ length: 660 }, (_, i) => formatProposalNumber(2024, i + 1)),
    );
    const [counter] = await queryRows<{ last: number }>(
      ctx.db,
      sql`select last_sequence as last from proposal_counters where fiscal_year = 2024`,
    );
    expect(counter!.last).toBe(660);

    // Every proposal has its 'created' entry; every processed one the entry of its decision.
    const [history] = await queryRows<Record<string, number>>(
      ctx.db,
      sql`select
        (select count(*)::int from proposals p where (select count(*) from proposal_history h
          where h.proposal_id = p.id and h.action = 'created') <> 1) as without_created,
        (select count(*)::int from proposals p where p.status not in ('received', 'withdrawn', 'merged')
          and not exists (select 1 from proposal_history h where h.proposal_id = p.id and h.action = 'status_changed'
          and h.changes->'status'->>'to' = p.status)) as without_decision,
        (select count(*)::int from proposals p where p.status in ('withdrawn', 'merged')
          and not exists (select 1 from proposal_history h where h.proposal_id = p.id and h.action = p.status)) as without_final,
        (select count(*)::int from proposal_history h join proposals p on p.id = h.proposal_id
          where h.action = 'created' and h.created_at <> p.submitted_at) as created_not_at_submission`,
    );
    expect(history).toEqual({
      without_created: 0,
      without_decision: 0,
      without_final: 0,
      created_not_at_submission: 0,
    });

    // The plan's realised examples are there, realised and published.
    const examples = await queryRows<{ title: string; status: string; is_published: boolean }>(
      ctx.db,
      sql`select title, status, is_published from proposals where title in (
        '議会へのＰＣ持込によるペーパレス化', 'ＢＹＯＤツールの本格導入', '生成ＡＩ（ＧＰＴ４）の導入',
        'ノーコード・ローコードツールの実証導入', '庁内応援制度の試行') order by sequence`,
    );
    expect(examples).toHaveLength(5);
    expect(examples.every((row) => row.status === 'realised' && row.is_published)).toBe(true);

    // Stamps: about 3,000 over FY2024, never to oneself, divisions copied.
    const [stamps] = await queryRows<Record<string, number>>(
      ctx.db,
      sql`select count(*)::int as total,
        count(*) filter (where s.sender_id = s.recipient_id)::int as to_self,
        count(*) filter (where s.sender_division_id is distinct from su.division_id
          or s.recipient_division_id is distinct from ru.division_id)::int as division_mismatch,
        count(*) filter (where s.message is not null)::int as with_message,
        count(distinct s.kind_code)::int as kinds,
        count(distinct to_char(s.sent_at at time zone 'Asia/Tokyo', 'YYYY-MM'))::int as months
        from stamps s join users su on su.id = s.sender_id join users ru on ru.id = s.recipient_id`,
    );
    expect(stamps).toMatchObject({
      total: 3000,
      to_self: 0,
      division_mismatch: 0,
      kinds: 5,
      months: 12,
    });
    expect(stamps!.with_message).toBeGreaterThan(500);

    // The personas exist with their fixed identities and roles.
    const personas = await queryRows<{
      aad_object_id: string;
      display_name: string;
      roles: string[];
      division: string;
    }>(
      ctx.db,
      sql`select u.aad_object_id, u.display_name, u.roles, d.name as division
          from users u join divisions d on d.id = u.division_id where u.aad_object_id is not null order by u.aad_object_id`,
    );
    expect(personas).toEqual(
      demoUsers.map((user) => ({
        aad_object_id: user.aadObjectId,
        display_name: user.displayName,
        roles: user.roles,
        division: user.division,
      })),
    );
    expect(demoUsers.map((user) => user.displayName)).toContain('山口 太郎');
    expect(demoUsers.some((user) => user.roles.includes('office'))).toBe(true);
    expect(demoUsers.some((user) => user.roles.includes('admin'))).toBe(true);
  });

  it('does nothing on a second run', async () => {
    expect((await seedDemoData(ctx.db)).created).toBe(true);
    const count = () =>
      queryRows<{ proposals: number; stamps: number; users: number; history: number }>(
        ctx.db,
        sql`select (select count(*)::int from proposals) as proposals, (select count(*)::int from stamps) as stamps,
          (select count(*)::int from users) as users, (select count(*)::int from proposal_history) as history`,
      );
    const before = await count();
    expect(await seedDemoData(ctx.db)).toEqual({ created: false, users: 0, proposals: 0, stamps: 0 });
    expect(await count()).toEqual(before);
  });
});
