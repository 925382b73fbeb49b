import { describe, expect, it } from 'vitest';
import type { DashboardDto, MasterDataChangeDto, ProposalCategoryDto, ProposalDto, StampKind } from '#shared';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { getProposalFormOptions } from '../../bot/src/services/catalog/catalog';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';
import { rowsDigest } from '../helpers/test-database';

/**
 * 分類・スタンプ through HTTP: the office and admins add, rename, reorder and retire categories and
 * stamp kinds; staff may not; forms offer the active ones only while old proposals, filters, CSV and
 * the dashboard keep the retired ones; every change is in the audit trail (who, when, before, after).
 */
describe('master data: categories and stamp kinds', () => {
  const api = useSignedInApp(tabApiCast);
  const { ctx, ids, call } = api;
  const masterTables = ['proposal_categories', 'stamp_kinds', 'master_data_changes'];

  const ok = async <T>(response: Awaited<ReturnType<typeof call>>, status = 200): Promise<T> => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json() as T;
  };
  const categories = async () =>
    (await ok<{ items: ProposalCategoryDto[] }>(await call('staff', 'GET', '/api/categories'))).items;
  const changes = async (entity: 'category' | 'stamp_kind') =>
    (
      await ok<{ items: MasterDataChangeDto[] }>(
        await call('office', 'GET', `/api/master-data/changes?entity=${entity}`),
      )
    ).items;
  let requests = 0;
  const submit = (category: string, now = new Date('2024-06-10T01:00:00Z')) =>
    submitProposal(ctx.db, {
      actor: { userId: ids.staff, roles: [] },
      input: { title: '在宅勤務の申請を簡単に', body: '申請書を電子化する。', category },
      clientRequestId: `md-${(requests += 1)}`,
      now,
    });

  it('lets the office add, rename, retire and reorder a category, each change audited', async () => {
    const created = await ok<ProposalCategoryDto>(
      await call('office', 'POST', '/api/master-data/categories', { code: 'telework', label: 'テレワーク' }),
      201,
    );
    expect(created).toMatchObject({ code: 'telework', label: 'テレワーク', isActive: true });
    expect((await categories()).at(-1)!.code).toBe('telework');
    const offered = await getProposalFormOptions(ctx.db, new Date('2024-06-10T01:00:00Z'));
    expect(offered.categories).toContainEqual({ value: 'telework', label: 'テレワーク' });

    const { proposal } = await submit('telework');
    expect(proposal.categoryLabel).toBe('テレワーク');

    await ok(await call('admin', 'PATCH', '/api/master-data/categories/telework', { label: '柔軟な勤務' }));
    const renamed = await ok<ProposalDto>(await call('office', 'GET', `/api/proposals/${proposal.id}`));
    expect(renamed.categoryLabel).toBe('柔軟な勤務');

    await ok(await call('office', 'PATCH', '/api/master-data/categories/telework', { isActive: false }));
    // Retired: not offered, refused for a new proposal, kept on the old one, in filters and statistics.
    const after = await getProposalFormOptions(ctx.db, new Date('2024-06-10T01:00:00Z'));
    expect(after.categories.map((category) => category.value)).not.toContain('telework');
    await expect(submit('telework')).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'category', message: '分類の値が正しくありません。' }],
    });
    // The refused submission took no number.
    expect((await submit('paperless')).proposal.number).toBe('R6-0002');
    expect((await categories()).find((category) => category.code === 'telework')).toMatchObject({
      isActive: false,
      label: '柔軟な勤務',
    });
    const filtered = await ok<{ items: ProposalDto[] }>(
      await call('office', 'GET', '/api/proposals?category=telework'),
    );
    expect(filtered.items.map((item) => item.id)).toEqual([proposal.id]);
    const dashboard = await ok<DashboardDto>(await call('staff', 'GET', '/api/dashboard?fiscalYear=2024'));
    expect(dashboard.byCategory.find((row) => row.key === 'telework')).toMatchObject({
      label: '柔軟な勤務',
      total: 1,
    });
    const csv = (await call('office', 'GET', '/api/proposals/export.csv?category=telework')).body;
    expect(csv).toContain('柔軟な勤務');

    const order = (await categories()).map((category) => category.code).reverse();
    const reordered = await ok<{ items: ProposalCategoryDto[] }>(
      await call('office', 'PUT', '/api/master-data/categories/order', { codes: order }),
    );
    expect(reordered.items.map((category) => category.code)).toEqual(order);
    // The form offers the active ones in the new order, and the year's projects by theme and item.
    const reoffered = await getProposalFormOptions(ctx.db, new Date('2024-06-10T01:00:00Z'));
    expect(reoffered.categories.map((category) => category.value)).toEqual(
      order.filter((code) => code !== 'telework'),
    );
    const projects = await findPriorityProjects(ctx.db, 2024);
    expect(projects.length).toBeGreaterThan(0);
    expect(reoffered.projects).toEqual(
      projects.map((project) => ({
        id: project.id,
        label: `${project.themeNo}-${project.itemNo} ${project.title}`,
      })),
    );

    const trail = await changes('category');
    expect(trail.map((change) => [change.action, change.entityKey, change.actor?.displayName])).toEqual([
      ['reorder', '*', '萩原 健一'],
      ['retire', 'telework', '萩原 健一'],
      ['update', 'telework', '岩国 誠'],
      ['create', 'telework', '萩原 健一'],
    ]);
    expect(trail[2]).toMatchObject({ before: { label: 'テレワーク' }, after: { label: '柔軟な勤務' } });
    expect(trail[3]!.before).toBeNull();
    expect(Date.parse(trail[0]!.createdAt)).not.toBeNaN();
  });

  it('refuses staff and bad input in Japanese, changing nothing', async () => {
    const before = await rowsDigest(ctx.db, masterTables);
    const attempts: [
      who: 'staff' | 'office',
      method: string,
      url: string,
      body: unknown,
      status: number,
      says: string,
    ][] = [
      [
        'staff',
        'POST',
        '/api/master-data/categories',
        { code: 'x', label: '試し' },
        403,
        '推進室または管理者のみ',
      ],
      [
        'staff',
        'PATCH',
        '/api/master-data/categories/other',
        { isActive: false },
        403,
        '推進室または管理者のみ',
      ],
      [
        'staff',
        'PATCH',
        '/api/master-data/stamp-kinds/thanks',
        { isActive: false },
        403,
        '推進室または管理者のみ',
      ],
      ['staff', 'GET', '/api/master-data/changes?entity=category', undefined, 403, '推進室または管理者のみ'],
      [
        'office',
        'POST',
        '/api/master-data/categories',
        { code: 'x', label: '' },
        400,
        '分類名を入力してください。',
      ],
      [
        'office',
        'POST',
        '/api/master-data/categories',
        { code: 'X Y', label: '試し' },
        400,
        'コードは半角英小文字',
      ],
      [
        'office',
        'POST',
        '/api/master-data/categories',
        { code: 'other', label: '別名' },
        409,
        '同じコードまたは分類名',
      ],
      [
        'office',
        'POST',
        '/api/master-data/categories',
        { code: 'new', label: 'その他' },
        409,
        '同じコードまたは分類名',
      ],
      [
        'office',
        'PATCH',
        '/api/master-data/categories/other',
        { label: 'ペーパレス化' },
        409,
        '同じ名前の分類',
      ],
      [
        'office',
        'PATCH',
        '/api/master-data/categories/nothing',
        { label: '名前' },
        404,
        '分類が見つかりません。',
      ],
      [
        'office',
        'PUT',
        '/api/master-data/categories/order',
        { codes: ['other', 'other'] },
        409,
        '画面を更新',
      ],
      [
        'office',
        'POST',
        '/api/master-data/stamp-kinds',
        { code: 'y', label: '試し', emoji: '', purpose: 'appreciation' },
        400,
        '絵文字を入力してください。',
      ],
      [
        'office',
        'POST',
        '/api/master-data/stamp-kinds',
        { code: 'y', label: '試し', emoji: '🎉', purpose: 'party' },
        400,
        '用途の値が正しくありません。',
      ],
    ];
    for (const [who, method, url, body, status, says] of attempts) {
      const response = await call(who, method, url, body);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${response.body}`).toBe(status);
      expect(response.json().error.message + JSON.stringify(response.json().error.details ?? [])).toContain(
        says,
      );
    }
    expect(await rowsDigest(ctx.db, masterTables)).toBe(before);
  });

  it('lets an admin add a 1on1 invitation kind and retire a praise kind; forms offer the active ones', async () => {
    const created = await ok<StampKind>(
      await call('admin', 'POST', '/api/master-data/stamp-kinds', {
        code: 'lunch',
        label: 'ランチ1on1',
        emoji: '🍱',
        purpose: 'one_on_one',
      }),
      201,
    );
    expect(created).toMatchObject({ isActive: true, purpose: 'one_on_one', emoji: '🍱' });
    await ok(
      await call('office', 'PATCH', '/api/master-data/stamp-kinds/nice', { isActive: false, emoji: '👏' }),
    );

    const active = await ok<{ items: StampKind[] }>(await call('staff', 'GET', '/api/stamp-kinds'));
    expect(active.items.map((kind) => kind.code)).toEqual([
      'thanks',
      'great',
      'otsukare',
      'one-on-one',
      'lunch',
    ]);
    const all = await ok<{ items: StampKind[] }>(await call('office', 'GET', '/api/master-data/stamp-kinds'));
    expect(all.items.find((kind) => kind.code === 'nice')).toMatchObject({ isActive: false, emoji: '👏' });
    expect((await call('staff', 'GET', '/api/master-data/stamp-kinds')).statusCode).toBe(403);

    const trail = await changes('stamp_kind');
    expect(trail.map((change) => [change.action, change.entityKey])).toEqual([
      ['retire', 'nice'],
      ['create', 'lunch'],
    ]);
    expect(trail[0]).toMatchObject({
      before: { emoji: '👍', isActive: true },
      after: { emoji: '👏', isActive: false },
      actor: { displayName: '萩原 健一' },
    });
  });
});
