import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { subjectStampAggregateQuery } from '../../bot/src/data/repositories/dashboard-repository';
import { adoptionAggregateQuery } from '../../bot/src/data/repositories/proposal-adoptions-repository';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { createTestUser, useTestDatabase } from '../helpers/test-context';
import { queryPlan } from '../helpers/test-database';

/**
 * The new read paths of 横展開 and thanks have indexes to use at ten years of data: each statement is
 * EXPLAINed with sequential scans disabled (PostgreSQL still picks one when no index can answer), on
 * the demo seed with some adoptions, so "no Seq Scan on proposal_adoptions or stamps" means an index
 * serves it: the dashboard's year of adoptions (adopted_on), a proposal's thanks (proposal_id) and the
 * stamp KPIs of stamps about a proposal (the partial index by date).
 */
describe('横展開 and thanks query plans', () => {
  const ctx = useTestDatabase();

  it('reads the year of adoptions, a proposal’s thanks and the filtered stamp KPIs through indexes', async () => {
    await seedDemoData(ctx.db);
    await ctx.db.execute(sql`
      insert into proposal_adoptions (proposal_id, division_id, state, adopted_on)
      select p.id, d.id, case when (row_number() over ()) % 3 = 0 then 'considering' else 'adopted' end,
             date '2024-04-01' + ((row_number() over ()) % 700)::int
      from (select id from proposals where status = 'realised' limit 60) p
      cross join (select id from divisions limit 20) d`);
    // Some thanks about proposals whatever the demo links (its own thanks depend on its dates).
    await ctx.db.execute(sql`
      update stamps set proposal_id = (select id from proposals where status = 'realised' limit 1)
      where id in (select id from stamps where proposal_id is null order by id limit 50)`);
    await ctx.db.execute(sql`analyze`);
    const [proposal] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select proposal_id::text as id from stamps where proposal_id is not null limit 1`,
    );
    expect(proposal, 'the demo links some thanks to proposals').toBeDefined();
    const staff = await createTestUser(ctx.db);
    const fy2024 = { start: new Date('2024-03-31T15:00:00Z'), end: new Date('2025-03-31T15:00:00Z') };
    const statements: [string, ReturnType<typeof sql>][] = [
      [
        'adoptions of FY2024, office',
        adoptionAggregateQuery({ from: '2024-04-01', until: '2025-04-01' }, 10, undefined),
      ],
      [
        'adoptions of FY2024, staff',
        adoptionAggregateQuery({ from: '2024-04-01', until: '2025-04-01' }, 10, { userId: staff.userId }),
      ],
      [
        'a proposal’s records',
        sql`select * from proposal_adoptions where proposal_id = ${proposal!.id}::uuid`,
      ],
      [
        'a proposal’s thanks',
        sql`select id from stamps where proposal_id = ${proposal!.id}::uuid order by sent_at desc limit 100`,
      ],
      ['stamp KPIs about proposals, FY2024', subjectStampAggregateQuery(fy2024)],
    ];
    const plans = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const explained: [string, string][] = [];
      for (const [name, statement] of statements) explained.push([name, await queryPlan(tx, statement)]);
      return explained;
    });
    const withoutIndex = plans.filter(([, text]) =>
      /Seq Scan on (proposal_adoptions|stamps|proposals)\b/.test(text),
    );
    expect(withoutIndex.map(([name, text]) => `${name}\n${text}`).join('\n\n')).toBe('');
    expect(plans.find(([name]) => name === 'stamp KPIs about proposals, FY2024')![1]).toContain(
      'stamps_about_sent_at_idx',
    );
    // Either index holds adopted_on; at this size the planner may take the (division_id, adopted_on)
    // one, so the check is that an index of the table answers, not which.
    expect(plans.find(([name]) => name === 'adoptions of FY2024, office')![1]).toMatch(
      /proposal_adoptions_(adopted_on|division_id)_idx/,
    );
  });
});
