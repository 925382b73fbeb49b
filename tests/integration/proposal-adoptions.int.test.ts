import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdoptionDashboardDto, ProposalAdoptionsDto, ProposalDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { setLiaisonDivisionIds } from '../../bot/src/data/repositories/division-liaisons-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { updateUserDivision } from '../../bot/src/data/repositories/user-divisions-repository';
import { mergeDivision } from '../../bot/src/services/organisation/divisions-admin';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { visibleText } from '../helpers/card-inspection';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * 横展開 through the tab API on a real database: who may record for which division, on which
 * proposals (実現完了, published, visible), one record per proposal and division (considering →
 * adopted), the audit trail, the proposers' notification, and the dashboard's fiscal-year counts.
 */
const cast = {
  proposer: personas.taro,
  member: personas.hanako,
  liaison: personas.jiro,
  outsider: personas.saburo,
  office: personas.kenichi,
};
type Who = keyof typeof cast;

// 2025-02-10 (FY2024) in Tokyo.
const now = new Date('2025-02-10T03:00:00Z');

describe('横展開 (proposal adoptions)', () => {
  const { ctx, ids, call } = useSignedInApp(cast, { notificationQueue: true, now: () => now });

  const ok = async <T = unknown>(who: Who, method: string, url: string, payload?: unknown): Promise<T> => {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };

  /** Divisions, people's 所属, the liaison; a proposal by the proposer (unpublished, 受付). */
  const setup = async (title = '庁内の会議をオンライン化') => {
    const divisions = await ensureDivisions(ctx.db, [
      { name: '人事課' },
      { name: '企画課' },
      { name: '商工政策課' },
      { name: '税務課' },
    ]);
    const division = (name: string) => divisions.get(name)!;
    await updateUserDivision(ctx.db, ids.proposer, division('人事課'));
    await updateUserDivision(ctx.db, ids.member, division('企画課'));
    await updateUserDivision(ctx.db, ids.outsider, division('税務課'));
    await setLiaisonDivisionIds(ctx.db, ids.liaison, [division('商工政策課')]);
    const { proposal } = await submitProposal(ctx.db, {
      actor: { userId: ids.proposer, roles: [] },
      input: { title, body: 'Teams会議で移動時間を減らす。', category: 'efficiency' },
    });
    return { division, proposal };
  };

  const realise = async (proposal: ProposalDto, publish = true) =>
    ok<ProposalDto>('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      status: 'realised',
      answer: '全庁で導入しました。',
      isPublished: publish,
    });

  const adoptionsUrl = (proposal: { id: string }, divisionId?: string) =>
    `/api/proposals/${proposal.id}/adoptions${divisionId ? `/${divisionId}` : ''}`;

  it('accepts records on realised, published proposals only, from the division, its liaison or the office', async () => {
    const { division, proposal } = await setup();
    // Not realised yet: nothing to adopt.
    const early = await call('member', 'PUT', adoptionsUrl(proposal, division('企画課')), {
      state: 'adopted',
    });
    expect(early.statusCode).toBe(404); // unpublished: the member does not even see it
    const earlyOwn = await call('proposer', 'PUT', adoptionsUrl(proposal, division('人事課')), {
      state: 'adopted',
    });
    expect(earlyOwn.statusCode).toBe(409);
    expect(earlyOwn.json().error.message).toContain('実現完了の提案だけ');

    const realised = await realise(proposal);
    const view = await ok<ProposalAdoptionsDto>('member', 'GET', adoptionsUrl(realised));
    expect(view).toMatchObject({ open: true, items: [], adoptedCount: 0 });
    expect(view.recordableDivisions.map((d) => d.name)).toEqual(['企画課']);
    const liaisonView = await ok<ProposalAdoptionsDto>('liaison', 'GET', adoptionsUrl(realised));
    expect(liaisonView.recordableDivisions.map((d) => d.name)).toEqual(['商工政策課']);
    const officeView = await ok<ProposalAdoptionsDto>('office', 'GET', adoptionsUrl(realised));
    expect(officeView.recordableDivisions.map((d) => d.name)).toEqual(
      expect.arrayContaining(['人事課', '企画課', '商工政策課', '税務課']),
    );

    // A member records for their own division; another division's is refused.
    const forOther = await call('member', 'PUT', adoptionsUrl(realised, division('税務課')), {
      state: 'adopted',
    });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().error.message).toContain('その課の職員・所管課担当または推進室');
    const considering = await ok<ProposalAdoptionsDto>(
      'member',
      'PUT',
      adoptionsUrl(realised, division('企画課')),
      { state: 'considering', note: '来月から試行します。', adoptedOn: '2025-01-20' },
    );
    expect(considering.items).toEqual([
      expect.objectContaining({
        division: { id: division('企画課'), name: '企画課' },
        state: 'considering',
        stateLabel: '導入を検討中',
        note: '来月から試行します。',
        adoptedOn: '2025-01-20',
        recordedBy: { id: ids.member, displayName: cast.member.name },
      }),
    ]);
    // The same division moves its record to 導入した (no second row); the date defaults to today.
    const adopted = await ok<ProposalAdoptionsDto>(
      'member',
      'PUT',
      adoptionsUrl(realised, division('企画課')),
      {
        state: 'adopted',
        note: '課内の定例会議をすべてTeamsにしました。',
      },
    );
    expect(adopted).toMatchObject({ adoptedCount: 1, consideringCount: 0 });
    expect(adopted.items).toHaveLength(1);
    expect(adopted.items[0]).toMatchObject({ state: 'adopted', adoptedOn: '2025-02-10' });
    // The liaison records for the division they look after; the office for any.
    await ok('liaison', 'PUT', adoptionsUrl(realised, division('商工政策課')), { state: 'considering' });
    await ok('office', 'PUT', adoptionsUrl(realised, division('税務課')), { state: 'adopted' });
    // Everyone who sees the proposal sees who adopted it.
    const seen = await ok<ProposalAdoptionsDto>('outsider', 'GET', adoptionsUrl(realised));
    expect(seen.items.map((item) => [item.division.name, item.state])).toEqual([
      ['企画課', 'adopted'],
      ['税務課', 'adopted'],
      ['商工政策課', 'considering'],
    ]);
    expect(seen.recordableDivisions.map((d) => d.name)).toEqual(['税務課']);

    // Every change is audited: who, when, before and after.
    const audit = await queryRows<{ action: string; actor_id: string; before: unknown; after: unknown }>(
      ctx.db,
      sql`select action, actor_id::text, before, after from master_data_changes
          where entity = 'proposal_adoption' order by id`,
    );
    expect(audit.map((row) => [row.action, row.actor_id])).toEqual([
      ['create', ids.member],
      ['update', ids.member],
      ['create', ids.liaison],
      ['create', ids.office],
    ]);
    expect(audit[1]).toMatchObject({
      before: { state: 'considering', adoptedOn: '2025-01-20' },
      after: { state: 'adopted', adoptedOn: '2025-02-10' },
    });

    // Removing: only who may record for the division; audited with the record before.
    expect((await call('outsider', 'DELETE', adoptionsUrl(realised, division('企画課')))).statusCode).toBe(
      403,
    );
    const removed = await ok<ProposalAdoptionsDto>(
      'liaison',
      'DELETE',
      adoptionsUrl(realised, division('商工政策課')),
    );
    expect(removed.items.map((item) => item.division.name)).toEqual(['企画課', '税務課']);
    expect((await call('liaison', 'DELETE', adoptionsUrl(realised, division('商工政策課')))).statusCode).toBe(
      404,
    );
    const [last] = await queryRows<{ action: string; before: { state: string } }>(
      ctx.db,
      sql`select action, before from master_data_changes where entity = 'proposal_adoption' order by id desc limit 1`,
    );
    expect(last).toMatchObject({ action: 'delete', before: { state: 'considering' } });
  });

  it('refuses bad input in Japanese and changes nothing', async () => {
    const { division, proposal } = await setup();
    const realised = await realise(proposal);
    const url = adoptionsUrl(realised, division('企画課'));
    const cases: [unknown, string][] = [
      [{ state: 'maybe' }, '「導入した」か「導入を検討中」を選んでください。'],
      [{ state: 'adopted', note: 'あ'.repeat(201) }, 'ひとことは200文字以内で入力してください。'],
      [{ state: 'adopted', adoptedOn: '2025-02-30' }, '存在しない日付です。'],
      [{ state: 'adopted', adoptedOn: '2025-02-11' }, '導入日に未来の日付は指定できません。'],
    ];
    for (const [payload, message] of cases) {
      const response = await call('member', 'PUT', url, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(response.json())).toContain(message);
    }
    expect(
      (await call('member', 'PUT', adoptionsUrl(realised, 'not-a-uuid'), { state: 'adopted' })).statusCode,
    ).toBe(404);
    // An unpublished realised proposal: staff do not see it, the office cannot record on it.
    const { proposal: hidden } = await setup('非公開の提案');
    const hiddenRealised = await realise(hidden, false);
    expect((await call('member', 'GET', adoptionsUrl(hiddenRealised))).statusCode).toBe(404);
    const officeTry = await call('office', 'PUT', adoptionsUrl(hiddenRealised, division('企画課')), {
      state: 'adopted',
    });
    expect(officeTry.statusCode).toBe(409);
    const [count] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from proposal_adoptions`,
    );
    expect(count?.n).toBe(0);
  });

  it('tells the proposer when a division records 導入した, once per record, and the followers by their preference', async () => {
    const { division, proposal } = await setup();
    const realised = await realise(proposal);
    // A colleague supports it (賛同), so follows it.
    await ok('outsider', 'PUT', `/api/proposals/${realised.id}/support`);
    const adoptedKeys = async () =>
      queryRows<{ user_id: string; payload: { card: never; summary: string } }>(
        ctx.db,
        sql`select user_id::text, payload from notification_deliveries
            where dedupe_key like 'proposal-adopted:%' order by dedupe_key`,
      );
    await ok('member', 'PUT', adoptionsUrl(realised, division('企画課')), { state: 'considering' });
    expect(await adoptedKeys()).toEqual([]);
    await ok('member', 'PUT', adoptionsUrl(realised, division('企画課')), {
      state: 'adopted',
      note: '定例会議をTeamsに',
    });
    await ok('member', 'PUT', adoptionsUrl(realised, division('企画課')), { state: 'considering' });
    await ok('member', 'PUT', adoptionsUrl(realised, division('企画課')), { state: 'adopted' });
    const sent = await adoptedKeys();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.user_id).toBe(ids.proposer);
    expect(sent[0]!.payload.summary).toBe(`提案 ${realised.number} を企画課が導入しました`);
    const card = sent[0]!.payload.card;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(visibleText(card)).toContain('企画課が「うちの課でも導入した」と登録しました。');
    expect(visibleText(card)).toContain('定例会議をTeamsに');
    // The proposer recording for their own division is not told of their own act.
    await ok('proposer', 'PUT', adoptionsUrl(realised, division('人事課')), { state: 'adopted' });
    expect(await adoptedKeys()).toHaveLength(1);
    // The follower's news waits for their daily digest (the default); the proposer has the card.
    const news = await queryRows<{ user_id: string; summary: string }>(
      ctx.db,
      sql`select user_id::text, summary from follower_updates
          where proposal_id = ${realised.id} and kind = 'adoption' order by id`,
    );
    expect(new Set(news.map((row) => row.user_id))).toEqual(new Set([ids.outsider]));
    expect(news.map((row) => row.summary)).toContain('企画課が「うちの課でも導入した」と記録しました');
    expect(news.map((row) => row.summary)).toContain('人事課が「うちの課でも導入した」と記録しました');
  });

  it('counts the fiscal year on the dashboard by adopted_on, per proposal and per division', async () => {
    const { division, proposal: first } = await setup('会議のオンライン化');
    const { proposal: second } = await setup('電子決裁の徹底');
    const { proposal: third } = await setup('ペーパレス会議');
    const [a, b, c] = [await realise(first), await realise(second), await realise(third)];
    const put = (p: ProposalDto, name: string, state: string, adoptedOn: string) =>
      ok('office', 'PUT', adoptionsUrl(p, division(name)), { state, adoptedOn });
    // FY2024: a adopted by 3, b adopted by 1 + considered by 1; c only in FY2023 (March 2024).
    await put(a, '企画課', 'adopted', '2024-04-01');
    await put(a, '商工政策課', 'adopted', '2024-10-15');
    await put(a, '税務課', 'adopted', '2025-02-10');
    await put(b, '企画課', 'adopted', '2024-12-01');
    await put(b, '税務課', 'considering', '2025-01-05');
    await put(c, '企画課', 'adopted', '2024-03-31');
    const fy2024 = await ok<AdoptionDashboardDto>(
      'office',
      'GET',
      '/api/dashboard/adoptions?fiscalYear=2024',
    );
    expect(fy2024).toMatchObject({
      fiscalYear: 2024,
      fiscalYearLabel: '令和6年度',
      total: { adopted: 4, considering: 1 },
      proposalCount: 2,
    });
    expect(fy2024.byProposal.map((row) => [row.number, row.adopted, row.considering])).toEqual([
      [a.number, 3, 0],
      [b.number, 1, 1],
    ]);
    expect(
      Object.fromEntries(fy2024.byDivision.map((row) => [row.label, [row.adopted, row.considering]])),
    ).toEqual({ 企画課: [2, 0], 商工政策課: [1, 0], 税務課: [1, 1] });
    // Top N keeps the most adopted proposals; the count still says how many there were.
    const top1 = await ok<AdoptionDashboardDto>(
      'member',
      'GET',
      '/api/dashboard/adoptions?fiscalYear=2024&top=1',
    );
    expect(top1.byProposal.map((row) => row.number)).toEqual([a.number]);
    expect(top1.proposalCount).toBe(2);
    const fy2023 = await ok<AdoptionDashboardDto>(
      'office',
      'GET',
      '/api/dashboard/adoptions?fiscalYear=2023',
    );
    expect(fy2023).toMatchObject({ total: { adopted: 1, considering: 0 }, proposalCount: 1 });
    // Default: the server's fiscal year (FY2024 on its clock).
    expect((await ok<AdoptionDashboardDto>('office', 'GET', '/api/dashboard/adoptions')).fiscalYear).toBe(
      2024,
    );
    // Staff count only what they may see: an unpublished proposal drops out of theirs.
    await ok('office', 'PATCH', `/api/proposals/${b.id}`, { version: b.version, isPublished: false });
    const staffView = await ok<AdoptionDashboardDto>(
      'outsider',
      'GET',
      '/api/dashboard/adoptions?fiscalYear=2024',
    );
    expect(staffView.total).toEqual({ adopted: 3, considering: 0 });
    expect(
      (await ok<AdoptionDashboardDto>('office', 'GET', '/api/dashboard/adoptions?fiscalYear=2024')).total,
    ).toEqual({ adopted: 4, considering: 1 });
    const bad = await call('office', 'GET', '/api/dashboard/adoptions?fiscalYear=abc');
    expect(bad.statusCode).toBe(400);
  });

  it('follows a division merge: the successor keeps its own record, the merged one moves', async () => {
    const { division, proposal } = await setup();
    const realised = await realise(proposal);
    await ok('office', 'PUT', adoptionsUrl(realised, division('企画課')), { state: 'adopted' });
    await ok('office', 'PUT', adoptionsUrl(realised, division('税務課')), { state: 'considering' });
    const { proposal: other } = await setup('別の提案');
    const otherRealised = await realise(other);
    await ok('office', 'PUT', adoptionsUrl(otherRealised, division('税務課')), { state: 'adopted' });
    await mergeDivision(ctx.db, { userId: ids.office, roles: ['admin'] }, division('税務課'), {
      intoId: division('企画課'),
    });
    const first = await ok<ProposalAdoptionsDto>('office', 'GET', adoptionsUrl(realised));
    expect(first.items.map((item) => [item.division.name, item.state])).toEqual([['企画課', 'adopted']]);
    const second = await ok<ProposalAdoptionsDto>('office', 'GET', adoptionsUrl(otherRealised));
    expect(second.items.map((item) => [item.division.name, item.state])).toEqual([['企画課', 'adopted']]);
    // A record written late with the merged division (read just before the merge) names the survivor.
    const [late] = await queryRows<{ division_id: string }>(
      ctx.db,
      sql`insert into proposal_adoptions (proposal_id, division_id, state, adopted_on)
          values (${realised.id}, ${division('税務課')}, 'adopted', '2025-02-01')
          on conflict (proposal_id, division_id) do update set note = 'late' returning division_id::text`,
    );
    expect(late!.division_id).toBe(division('企画課'));
  });
});
