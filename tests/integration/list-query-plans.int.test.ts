import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import type { ProposalListFilter } from '../../bot/src/data/repositories/proposal-list-filter';
import { proposalQueueKeys } from '#shared';
import {
  proposalPageQueries,
  type ProposalPageRequest,
} from '../../bot/src/data/repositories/proposals-repository';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { createTestUser, useTestDatabase } from '../helpers/test-context';
import { queryPlan } from '../helpers/test-database';

/**
 * Every list the tab and the bot page through has an index to use (issue 6, scenario 3): each statement
 * is EXPLAINed with sequential scans disabled, which PostgreSQL still chooses when no index can answer
 * the query — so "no Seq Scan on proposals or stamps" means an index serves it. The demo seed gives the
 * planner real statistics. Timings on 100,000 proposals are the benchmark's job (docs/benchmarks.md).
 */
describe('list query plans', () => {
  const ctx = useTestDatabase();

  it('pages through proposals with every filter, search and sort through indexes', async () => {
    await seedDemoData(ctx.db);
    await ctx.db.execute(sql`analyze`);
    const [division] = await queryRows<{ id: string }>(ctx.db, sql`select id from divisions limit 1`);
    const [project] = await queryRows<{ id: string }>(ctx.db, sql`select id from priority_projects limit 1`);
    const staff = await createTestUser(ctx.db);
    const page = (overrides: Partial<ProposalPageRequest> = {}): ProposalPageRequest => ({
      page: 50,
      pageSize: 20,
      sort: 'submittedAt',
      direction: 'desc',
      ...overrides,
    });
    const queueMoment = { now: new Date('2025-03-01T00:00:00Z'), today: '2025-03-01' };
    const liaisonReach = { divisionIds: [division!.id] };
    const lists: [string, ProposalListFilter, ProposalPageRequest][] = [
      ['office, no filter, newest first', {}, page()],
      ['fiscal year', { fiscalYear: 2024 }, page()],
      ['fiscal year and status', { fiscalYear: 2024, statuses: ['under_consideration'] }, page()],
      [
        'status, division and a two-character search (the benchmark’s list)',
        { statuses: ['under_consideration'], proposerDivisionId: division!.id, terms: ['業務'] },
        page({ sort: 'relevance' }),
      ],
      ['responsible division', { responsibleDivisionId: division!.id }, page()],
      ['category', { category: 'efficiency' }, page()],
      ['マイ提案 (own and co-proposed proposals)', { authorId: staff.userId }, page()],
      ['proposals of a 重点案件', { priorityProjectId: project!.id }, page()],
      ['search only', { terms: ['会議'] }, page({ sort: 'relevance' })],
      [
        'staff: published or their own, in a fiscal year',
        { visibleTo: { userId: staff.userId }, fiscalYear: 2024 },
        page(),
      ],
      ['staff: published or their own', { visibleTo: { userId: staff.userId } }, page()],
      [
        'liaison: published, their own or their division’s',
        { visibleTo: { userId: staff.userId, liaisonDivisionIds: [division!.id] } },
        page(),
      ],
      ['by number', { fiscalYear: 2024 }, page({ sort: 'number', direction: 'asc' })],
      ['by status', { fiscalYear: 2024 }, page({ sort: 'status' })],
      ['office, by 賛同数', {}, page({ sort: 'supportCount' })],
      ['staff, by 賛同数', { visibleTo: { userId: staff.userId } }, page({ sort: 'supportCount' })],
      [
        'submitted in a period',
        { submittedFrom: new Date('2024-06-01'), submittedBefore: new Date('2024-07-01') },
        page(),
      ],
      ...proposalQueueKeys.map((key): [string, ProposalListFilter, ProposalPageRequest] => [
        `queue ${key}`,
        { queue: { key, context: { ...queueMoment, ...(key === 'my_division' ? liaisonReach : {}) } } },
        page({ page: 1 }),
      ]),
      [
        'queue awaiting_division, a liaison’s',
        {
          queue: { key: 'awaiting_division', context: { ...queueMoment, ...liaisonReach } },
          visibleTo: { userId: staff.userId, liaisonDivisionIds: liaisonReach.divisionIds },
        },
        page({ page: 1 }),
      ],
    ];
    const plans = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const explained: [string, string][] = [];
      for (const [name, filter, request] of lists) {
        const queries = proposalPageQueries(tx, filter, request);
        explained.push([`${name} (page)`, await queryPlan(tx, queries.ids)]);
        explained.push([`${name} (total)`, await queryPlan(tx, queries.total)]);
      }
      return explained;
    });
    const withoutIndex = plans.filter(
      ([, text]) => /Seq Scan on (proposals|stamps)\b/.test(text) || !/Index|Bitmap/.test(text),
    );
    expect(withoutIndex.map(([name, text]) => `${name}\n${text}`).join('\n\n')).toBe('');
    // Each queue's count reads its own partial index, not the whole table through another one.
    const queueIndexes = {
      my_division: 'proposals_queue_division_idx',
      unanswered: 'unanswered',
      awaiting_division: 'awaiting_division',
      awaiting_approval: 'proposals_pkey',
      unassigned: 'unassigned',
      revisit_due: 'revisit',
      stale: 'stale',
    };
    for (const key of proposalQueueKeys) {
      const total = plans.find(([name]) => name === `queue ${key} (total)`)![1];
      const index = queueIndexes[key];
      expect(total, key).toContain(index.startsWith('proposals_') ? index : `proposals_queue_${index}_idx`);
    }
  });
});
