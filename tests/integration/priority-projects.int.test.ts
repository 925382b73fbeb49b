import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import type { AuthenticatedActor } from '../../bot/src/http/auth-context';
import { errorHandlerPlugin } from '../../bot/src/http/plugins/error-handler';
import { dashboardRoutes } from '../../bot/src/http/routes/dashboard-routes';
import { priorityProjectsRoutes } from '../../bot/src/http/routes/priority-projects-routes';
import {
  copyProjectsToFiscalYear,
  createPriorityProject,
  getPriorityProject,
  listPriorityProjects,
  postProgressUpdate,
  updatePriorityProject,
} from '../../bot/src/services/priority-projects/priority-projects';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

describe('priority projects', () => {
  const ctx = useTestDatabase();
  const office = () => createTestUser(ctx.db, { name: '推進 室員', roles: ['office'] });
  const staff = () => createTestUser(ctx.db, { name: '一般 職員' });

  const projectId = async (fiscalYear: number, themeNo: number, itemNo: number) => {
    const [row] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from priority_projects where fiscal_year = ${fiscalYear} and theme_no = ${themeNo} and item_no = ${itemNo}`,
    );
    return row!.id;
  };

  it("lists the base seed's five FY2024 projects grouped by theme", async () => {
    await seedBaseData(ctx.db);
    const list = await listPriorityProjects(ctx.db, await staff(), { fiscalYear: 2024 });
    expect(list.fiscalYearLabel).toBe('令和6年度');
    expect(list.themes.map((theme) => [theme.themeNo, theme.themeTitle, theme.projects.length])).toEqual([
      [1, '業務の見直し・ＤＸ等による効率化・高度化した働き方への転換', 3],
      [2, 'ワークライフバランス実現に向けた多様で柔軟な働き方の推進', 2],
    ]);
    expect(list.themes.flatMap((theme) => theme.projects.map((project) => project.code))).toEqual([
      'R6-1-1',
      'R6-1-2',
      'R6-1-3',
      'R6-2-1',
      'R6-2-2',
    ]);
    expect(list.themes[1]!.projects[0]).toMatchObject({
      title: 'ペーパレス化の更なる推進',
      description: '予算編成事務におけるペーパレス化の検討等',
      status: 'planned',
      statusLabel: '未着手',
      progress: 0,
      version: 1,
      linkedProposalCount: 0,
    });
    expect((await listPriorityProjects(ctx.db, await staff(), { fiscalYear: 2030 })).themes).toEqual([]);
  });

  it('copies a year to the next idempotently, with progress reset', async () => {
    await seedBaseData(ctx.db);
    const actor = await office();
    const division = (await createTestUser(ctx.db, { division: 'デジタル推進課' })).divisionId!;
    const source = await projectId(2024, 1, 2);
    await ctx.db.execute(
      sql`update priority_projects set owner_division_id = ${division} where id = ${source}`,
    );
    await postProgressUpdate(ctx.db, actor, source, {
      progress: 60,
      status: 'in_progress',
      note: '実証を開始',
    });

    const first = await copyProjectsToFiscalYear(ctx.db, actor, 2024, 2025);
    expect(first.created).toBe(5);
    expect(first.projects.map((project) => project.code)).toEqual([
      'R7-1-1',
      'R7-1-2',
      'R7-1-3',
      'R7-2-1',
      'R7-2-2',
    ]);
    expect(first.projects[1]).toMatchObject({
      fiscalYear: 2025,
      title: 'デジタルツールの利活用環境の構築・利活用推進',
      ownerDivision: { id: division, name: 'デジタル推進課' },
      status: 'planned',
      progress: 0,
      milestones: [],
    });

    await updatePriorityProject(ctx.db, actor, first.projects[0]!.id, {
      version: 1,
      title: 'R7で見直した案件名',
    });
    const again = await copyProjectsToFiscalYear(ctx.db, actor, 2024, 2025);
    expect(again.created).toBe(0);
    expect(again.projects).toHaveLength(5);
    expect(again.projects[0]!.title).toBe('R7で見直した案件名');

    await expect(copyProjectsToFiscalYear(ctx.db, actor, 2024, 2024)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(copyProjectsToFiscalYear(ctx.db, actor, 2019, 2020)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(copyProjectsToFiscalYear(ctx.db, await staff(), 2024, 2026)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('creates and updates with optimistic locking; a stale version is a CONFLICT', async () => {
    await seedBaseData(ctx.db);
    const actor = await office();
    const created = await createPriorityProject(ctx.db, actor, {
      fiscalYear: 2024,
      themeNo: 2,
      themeTitle: 'ワークライフバランス実現に向けた多様で柔軟な働き方の推進',
      itemNo: 3,
      title: '  テレワークの推進  ',
      milestones: [{ title: '試行', dueOn: '2024-10-01' }],
    });
    expect(created).toMatchObject({
      code: 'R6-2-3',
      title: 'テレワークの推進',
      description: '',
      version: 1,
      milestones: [{ title: '試行', dueOn: '2024-10-01', done: false }],
    });
    await expect(
      createPriorityProject(ctx.db, actor, { ...created, fiscalYear: 2024, milestones: [] }),
    ).rejects.toMatchObject({ code: 'CONFLICT', userMessage: 'R6-2-3 の重点案件は既に登録されています。' });

    const updated = await updatePriorityProject(ctx.db, actor, created.id, {
      version: 1,
      description: 'テレワーク環境の整備',
      milestones: [{ title: '試行', dueOn: '2024-10-01', done: true }],
    });
    expect(updated).toMatchObject({
      version: 2,
      description: 'テレワーク環境の整備',
      title: 'テレワークの推進',
    });
    expect(updated.milestones[0]!.done).toBe(true);

    await expect(
      updatePriorityProject(ctx.db, actor, created.id, { version: 1, title: '古い版からの編集' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: 'この重点案件は他の人が先に更新しました。最新の内容を確認してからやり直してください。',
    });
    await expect(
      updatePriorityProject(ctx.db, actor, created.id, { version: 2, title: '' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', userMessage: '案件名を入力してください。' });
    await expect(
      updatePriorityProject(ctx.db, actor, '00000000-0000-4000-8000-000000000000', { version: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses edits by staff with FORBIDDEN', async () => {
    await seedBaseData(ctx.db);
    const actor = await staff();
    const id = await projectId(2024, 1, 1);
    await expect(
      updatePriorityProject(ctx.db, actor, id, { version: 1, title: '変更' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      userMessage: '重点案件の編集は推進室のみが行えます。',
    });
    await expect(
      postProgressUpdate(ctx.db, actor, id, { progress: 10, status: 'in_progress' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      createPriorityProject(ctx.db, actor, {
        fiscalYear: 2024,
        themeNo: 3,
        themeTitle: 'x',
        itemNo: 1,
        title: 'y',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [row] = await queryRows<{ title: string; version: number }>(
      ctx.db,
      sql`select title, version from priority_projects where id = ${id}`,
    );
    expect(row).toEqual({ title: '利便性とセキュリティを両立させるＤＸプラットフォームの構築', version: 1 });
  });

  it('writes a progress update and the project row together, or neither', async () => {
    await seedBaseData(ctx.db);
    const actor = await office();
    const id = await projectId(2024, 2, 1);

    const first = await postProgressUpdate(ctx.db, actor, id, {
      progress: 30,
      status: 'in_progress',
      note: '予算編成で試行',
    });
    const second = await postProgressUpdate(ctx.db, actor, id, {
      progress: 100,
      status: 'done',
      note: '全庁展開',
      version: 2,
    });
    expect(first).toMatchObject({ progress: 30, status: 'in_progress', version: 2 });
    expect(second).toMatchObject({ progress: 100, status: 'done', statusLabel: '完了', version: 3 });
    expect(
      second.progressUpdates.map((update) => [update.progress, update.statusLabel, update.note]),
    ).toEqual([
      [100, '完了', '全庁展開'],
      [30, '進行中', '予算編成で試行'],
    ]);
    expect(second.progressUpdates[0]!.author).toEqual({ id: actor.userId, displayName: '推進 室員' });

    // A stale version, an invalid figure: nothing written.
    await expect(
      postProgressUpdate(ctx.db, actor, id, { progress: 50, status: 'in_progress', version: 2 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      postProgressUpdate(ctx.db, actor, id, { progress: 101, status: 'in_progress' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', userMessage: '進捗率は0〜100で指定してください。' });
    // A failure inside the transaction after the timeline insert rolls the insert back.
    await ctx.db.execute(
      sql`alter table priority_projects add constraint test_progress_below_90 check (progress < 90) not valid`,
    );
    try {
      await expect(
        postProgressUpdate(ctx.db, actor, id, { progress: 95, status: 'in_progress', note: '失敗する報告' }),
      ).rejects.toThrow();
    } finally {
      await ctx.db.execute(sql`alter table priority_projects drop constraint test_progress_below_90`);
    }
    const detail = await getPriorityProject(ctx.db, actor, id);
    expect(detail).toMatchObject({ progress: 100, status: 'done', version: 3 });
    expect(detail.progressUpdates).toHaveLength(2);
  });

  it('shows staff only the published linked proposals, the office all of them', async () => {
    await seedBaseData(ctx.db);
    const id = await projectId(2024, 1, 3);
    const insert = (n: number, status: string, published: boolean) =>
      ctx.db
        .execute(sql`insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_name, status, is_published)
        values (2024, ${n}, ${`R6-${String(n).padStart(4, '0')}`}, ${`窓口提案${n}`}, '本文', 'service', '職員', ${status}, ${published})`);
    await insert(1, 'realised', true);
    await insert(2, 'under_consideration', false);
    await insert(3, 'withdrawn', true);
    await ctx.db.execute(
      sql`insert into proposal_project_links (proposal_id, project_id) select id, ${id}::uuid from proposals`,
    );

    const forStaff = await getPriorityProject(ctx.db, await staff(), id);
    expect(forStaff.linkedProposals).toEqual([
      {
        id: expect.any(String),
        number: 'R6-0001',
        title: '窓口提案1',
        status: 'realised',
        statusLabel: '実現完了',
      },
    ]);
    const forOffice = await getPriorityProject(ctx.db, await office(), id);
    expect(forOffice.linkedProposals.map((proposal) => [proposal.number, proposal.statusLabel])).toEqual([
      ['R6-0001', '実現完了'],
      ['R6-0002', '検討中'],
    ]);
    // Counts follow the same visibility rule as the list (issue 14): staff count what they may see.
    expect(forStaff.linkedProposalCount).toBe(1);
    expect(forOffice.linkedProposalCount).toBe(2);
  });

  describe('HTTP', () => {
    let app: FastifyInstance | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    /** A tiny app: the real error handler and routes, the actor set by a hook (auth is tested elsewhere). */
    const buildRoutesApp = async (actor: Actor | undefined) => {
      app = Fastify({ logger: false });
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      app.addHook('onRequest', async (request) => {
        if (actor) {
          request.actor = { ...actor, aadObjectId: 'aad', displayName: '試験' } satisfies AuthenticatedActor;
        }
      });
      await app.register(errorHandlerPlugin);
      await app.register(dashboardRoutes, { db: ctx.db });
      await app.register(priorityProjectsRoutes, { db: ctx.db });
      return app;
    };

    it('serves the dashboard and projects to staff and refuses their edits', async () => {
      await seedBaseData(ctx.db);
      const http = await buildRoutesApp(await staff());
      const dashboard = await http.inject({ method: 'GET', url: '/api/dashboard?fiscalYear=2024' });
      expect(dashboard.statusCode).toBe(200);
      expect(dashboard.json()).toMatchObject({
        fiscalYear: 2024,
        fiscalYearLabel: '令和6年度',
        statusTable: { total: 0 },
      });

      const bad = await http.inject({ method: 'GET', url: '/api/dashboard?fiscalYear=abc' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'VALIDATION' });

      const list = await http.inject({ method: 'GET', url: '/api/priority-projects?fiscalYear=2024' });
      expect(list.statusCode).toBe(200);
      const project = list.json().themes[0].projects[0];
      expect(project.code).toBe('R6-1-1');

      const detail = await http.inject({ method: 'GET', url: `/api/priority-projects/${project.id}` });
      expect(detail.json()).toMatchObject({ code: 'R6-1-1', progressUpdates: [], linkedProposals: [] });

      const patch = await http.inject({
        method: 'PATCH',
        url: `/api/priority-projects/${project.id}`,
        payload: { version: 1, title: '変更' },
      });
      expect(patch.statusCode).toBe(403);
      expect(patch.json().error).toMatchObject({
        code: 'FORBIDDEN',
        message: '重点案件の編集は推進室のみが行えます。',
      });
    });

    it('lets the office edit, report progress and copy; stale versions are 409', async () => {
      await seedBaseData(ctx.db);
      const http = await buildRoutesApp(await office());
      const id = await projectId(2024, 1, 1);

      const update = await http.inject({
        method: 'POST',
        url: `/api/priority-projects/${id}/progress-updates`,
        payload: { progress: 40, status: 'in_progress', note: '実証中' },
      });
      expect(update.statusCode).toBe(201);
      expect(update.json()).toMatchObject({
        progress: 40,
        version: 2,
        progressUpdates: [{ note: '実証中' }],
      });

      const stale = await http.inject({
        method: 'PATCH',
        url: `/api/priority-projects/${id}`,
        payload: { version: 1, title: '古い版' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('CONFLICT');

      const copy = await http.inject({
        method: 'POST',
        url: '/api/priority-projects/copy',
        payload: { fromFiscalYear: 2024, toFiscalYear: 2025 },
      });
      expect(copy.statusCode).toBe(200);
      expect(copy.json()).toMatchObject({ created: 5 });

      const invalid = await http.inject({
        method: 'POST',
        url: '/api/priority-projects',
        payload: { fiscalYear: 2025, themeNo: 0, themeTitle: '', itemNo: 1, title: 'x' },
      });
      expect(invalid.statusCode).toBe(400);
      expect(
        invalid
          .json()
          .error.details.map((detail: { path: string }) => detail.path)
          .sort(),
      ).toEqual(['themeNo', 'themeTitle']);
    });

    it('answers 401 without an actor', async () => {
      const http = await buildRoutesApp(undefined);
      expect((await http.inject({ method: 'GET', url: '/api/dashboard' })).statusCode).toBe(401);
      expect((await http.inject({ method: 'GET', url: '/api/priority-projects' })).statusCode).toBe(401);
    });
  });
});
