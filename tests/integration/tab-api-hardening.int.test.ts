import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { linkProposalToProject } from '../../bot/src/services/proposals/project-links';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { useSignedInApp } from '../helpers/test-context';

/**
 * The tab API parts of the front-door review (issue 14): counts shown to staff count only what they
 * may see, and the CSV body parser exists on the import route only.
 */
const people = {
  proposer: { oid: 'f4000000-0000-4000-8000-000000000001', name: '山口 太郎' },
  colleague: { oid: 'f4000000-0000-4000-8000-000000000002', name: '周南 花子' },
  office: { oid: 'f4000000-0000-4000-8000-000000000003', name: '萩原 健一', roles: ['Office'] },
};
const inFy2024 = new Date('2024-06-10T01:00:00Z');

describe('tab API hardening', () => {
  const { ctx, ids, call } = useSignedInApp(people);

  /** Three proposals linked to R6-1-1: one published, two not (one of them the colleague's own). */
  const linkThree = async () => {
    const [project] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from priority_projects where fiscal_year = 2024 and theme_no = 1 and item_no = 1`,
    );
    const office = { userId: ids.office, roles: ['office'] as const };
    const submitted = [];
    for (const [who, title] of [
      ['proposer', '公開される提案'],
      ['proposer', '非公開の提案'],
      ['colleague', '同僚の非公開の提案'],
    ] as const) {
      const { proposal } = await submitProposal(ctx.db, {
        actor: { userId: ids[who], roles: [] },
        input: { title, body: `${title}の本文`, category: 'efficiency' },
        now: inFy2024,
      });
      await linkProposalToProject(ctx.db, { actor: office, proposalId: proposal.id, projectId: project!.id });
      submitted.push(proposal);
    }
    await triageProposal(ctx.db, {
      actor: office,
      proposalId: submitted[0]!.id,
      expectedVersion: submitted[0]!.version,
      changes: { isPublished: true },
    });
    return project!.id;
  };

  it('counts linked proposals of 重点案件 as each viewer may see them (dashboard, list, detail)', async () => {
    const projectId = await linkThree();
    const linkedCount = async (who: keyof typeof people) => {
      const dashboard = await call(who, 'GET', '/api/dashboard?fiscalYear=2024');
      const list = await call(who, 'GET', '/api/priority-projects?fiscalYear=2024');
      const detail = await call(who, 'GET', `/api/priority-projects/${projectId}`);
      expect([dashboard.statusCode, list.statusCode, detail.statusCode]).toEqual([200, 200, 200]);
      const fromDashboard = dashboard
        .json()
        .priorityProjects.find((project: { id: string }) => project.id === projectId).linkedProposalCount;
      const fromList = list
        .json()
        .themes.flatMap(
          (theme: { projects: { id: string; linkedProposalCount: number }[] }) => theme.projects,
        )
        .find((project: { id: string }) => project.id === projectId).linkedProposalCount;
      return {
        dashboard: fromDashboard,
        list: fromList,
        detail: detail.json().linkedProposalCount,
        titles: detail
          .json()
          .linkedProposals.map((proposal: { title: string }) => proposal.title)
          .sort(),
      };
    };
    expect(await linkedCount('office')).toEqual({
      dashboard: 3,
      list: 3,
      detail: 3,
      titles: ['公開される提案', '同僚の非公開の提案', '非公開の提案'],
    });
    // The colleague sees the published one and their own, not the proposer's unpublished one.
    expect(await linkedCount('colleague')).toEqual({
      dashboard: 2,
      list: 2,
      detail: 2,
      titles: ['公開される提案', '同僚の非公開の提案'],
    });
    expect(await linkedCount('proposer')).toMatchObject({ dashboard: 2, list: 2, detail: 2 });
  });

  it('parses CSV bodies on the import route only', async () => {
    const csv = { 'content-type': 'text/csv' };
    const bulk = await call('office', 'POST', '/api/proposals/bulk-status', 'items,status\n1,2', csv);
    // Refused as a media type the route does not take, before any body is read or validated.
    expect(bulk.statusCode).toBe(400);
    expect(bulk.json().error.message).toBe('リクエストの形式（Content-Type）が正しくありません。');
    const patch = await call(
      'office',
      'PATCH',
      '/api/proposals/00000000-0000-4000-8000-000000000000',
      'version\n1',
      csv,
    );
    expect(patch.json().error.message).toBe('リクエストの形式（Content-Type）が正しくありません。');
    const imported = await call('office', 'POST', '/api/proposals/import?dryRun=true', '提出日\n', csv);
    expect(imported.statusCode).toBe(400);
    expect(imported.json().error.message).toContain('必須の列がありません');
  });
});
