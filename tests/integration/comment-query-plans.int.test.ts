import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { commentQueries } from '../../bot/src/data/repositories/comments-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { createTestUser, useTestDatabase } from '../helpers/test-context';
import { queryPlan } from '../helpers/test-database';

/**
 * The comments' hot paths read indexes, however many comments ten years bring: a proposal's latest
 * comments (with the viewer's own reports read through an index), and one person's comments and
 * reports of the last minutes or day (the limits). EXPLAINed with sequential scans disabled, which
 * PostgreSQL still chooses when no index can answer.
 */
describe('comment query plans', () => {
  const ctx = useTestDatabase();

  it('reads a proposal’s comments and a person’s recent ones through indexes', async () => {
    // Statistics like years of use: 20 proposals, 20 people, 6,000 comments, 600 reports.
    const people = [];
    for (let n = 0; n < 20; n += 1) people.push((await createTestUser(ctx.db)).userId);
    const author = { userId: people[0]! };
    const proposalIds = [];
    for (let n = 0; n < 20; n += 1) {
      const { proposal } = await submitProposal(ctx.db, {
        actor: { userId: people[n]!, roles: [] },
        input: { title: `計画の確認 ${n}`, body: '本文です。', category: 'efficiency' },
        clientRequestId: `plans-${n}`,
      });
      proposalIds.push(proposal.id);
    }
    const proposal = { id: proposalIds[0]! };
    const peopleArray = sql`array[${sql.join(
      people.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]`;
    const proposalArray = sql`array[${sql.join(
      proposalIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]`;
    await ctx.db.execute(sql`
      insert into proposal_comments (proposal_id, author_id, body, created_at)
      select (${proposalArray})[1 + i % 20], (${peopleArray})[1 + (i / 20) % 20], 'コメント', now() - i * interval '7 minutes'
      from generate_series(1, 6000) i`);
    await ctx.db.execute(sql`
      insert into comment_reports (comment_id, reporter_id, reason, created_at)
      select id, (${peopleArray})[1 + (row_number() over (order by id))::int % 20], '理由', created_at
      from proposal_comments order by id limit 600`);
    const since = new Date(Date.now() - 600_000);
    const plans = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return {
        latest: await queryPlan(
          tx,
          commentQueries.latestOfProposal(tx, proposal.id, { viewerId: author.userId, limit: 200 }),
        ),
        commentsSince: await queryPlan(tx, commentQueries.commentsSince(tx, author.userId, since)),
        reportsSince: await queryPlan(tx, commentQueries.reportsSince(tx, author.userId, since)),
      };
    });
    for (const [name, text] of Object.entries(plans))
      expect(text, name).not.toMatch(/Seq Scan on (proposal_comments|comment_reports)\b/);
    expect(plans.latest).toContain('proposal_comments_proposal_id_created_at_idx');
    // The viewer's own reports: read through an index of reports (by comment or by reporter).
    expect(plans.latest).toMatch(/Index (Only )?Scan (using|on) comment_reports_\w+/);
    expect(plans.commentsSince).toContain('proposal_comments_author_id_created_at_idx');
    expect(plans.reportsSince).toContain('comment_reports_reporter_id_created_at_idx');
  });
});
