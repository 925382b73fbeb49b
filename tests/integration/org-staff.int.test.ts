import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { OrgChangeListDto, StaffPageDto, UserDivisionUpdateResultDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';
import { rowsDigest } from '../helpers/test-database';

/**
 * 職員 through the API: the office finds people (所属未設定 is its queue) and sees their 所属 and
 * roles; admins correct a 所属 from an effective date: what the person proposed and sent from that
 * day counts for the new division, what came before keeps the division it was made in; audited.
 */
describe('organisation: staff and their divisions', () => {
  const { ctx, ids, call } = useSignedInApp(tabApiCast);
  const tables = ['users', 'proposals', 'stamps', 'master_data_changes', 'proposal_counts_by_division'];

  const divisionsNamed = async (...names: string[]) => {
    const map = await ensureDivisions(
      ctx.db,
      names.map((name) => ({ name })),
    );
    return names.map((name) => map.get(name)!);
  };
  const setDivision = (userId: string, divisionId: string | null) =>
    ctx.db.execute(sql`update users set division_id = ${divisionId} where id = ${userId}`);

  it('lists people with their 所属 and roles to the office, and the queue of those without one', async () => {
    const [jinji] = await divisionsNamed('人事課');
    await setDivision(ids.other, jinji!);
    const page = (await call('office', 'GET', '/api/org/users?pageSize=100')).json() as StaffPageDto;
    const person = (id: string) => page.items.find((item) => item.id === id);
    expect(person(ids.other)).toMatchObject({
      displayName: tabApiCast.other.name,
      division: { id: jinji, name: '人事課', isActive: true },
      effectiveRoles: ['staff'],
    });
    expect(person(ids.admin)?.effectiveRoles).toEqual(['staff', 'admin']);

    const missing = (await call('office', 'GET', '/api/org/users?filter=missing')).json() as StaffPageDto;
    expect(missing.items.map((item) => item.id)).toContain(ids.staff);
    expect(missing.items.map((item) => item.id)).not.toContain(ids.other);
    const searched = (await call('office', 'GET', `/api/org/users?q=${encodeURIComponent('花子')}`)).json();
    expect(searched.items.map((item: { id: string }) => item.id)).toEqual([ids.other]);
    expect((await call('staff', 'GET', '/api/org/users')).statusCode).toBe(403);
  });

  it('moves what a person did from the effective date to the new division, and keeps what came before', async () => {
    const [from, to] = await divisionsNamed('人事課', '総務課');
    await setDivision(ids.staff, from!);
    const submit = async (title: string, at: string) =>
      submitProposal(ctx.db, {
        actor: { userId: ids.staff, roles: [] },
        input: { title, body: '本文です。', category: 'efficiency' },
        clientRequestId: title,
        now: new Date(at),
      });
    await submit('異動前の提案', '2024-03-29T01:00:00Z');
    await submit('異動後の提案', '2024-04-01T01:00:00Z');
    const [kind] = await queryRows<{ code: string }>(ctx.db, sql`select code from stamp_kinds limit 1`);
    for (const [at, n] of [
      ['2024-03-31T14:59:00Z', 1],
      ['2024-03-31T15:00:00Z', 2],
    ] as const)
      await ctx.db
        .execute(sql`insert into stamps (kind_code, sender_id, recipient_id, sender_division_id, request_id, sent_at)
        values (${kind!.code}, ${ids.staff}, ${ids.other}, ${from}, ${`stamp-${n}`}, ${at})`);

    const response = await call('admin', 'PUT', `/api/org/users/${ids.staff}/division`, {
      divisionId: to,
      effectiveDate: '2024-04-01',
      reason: '人事異動',
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as UserDivisionUpdateResultDto;
    expect(result).toMatchObject({
      changed: true,
      moved: { proposals: 1, stampsSent: 1, stampsReceived: 0 },
      user: { division: { id: to, name: '総務課' } },
    });
    const proposals = await queryRows<{ title: string; division: string }>(
      ctx.db,
      sql`select p.title, d.name as division from proposals p join divisions d on d.id = p.proposer_division_id order by p.submitted_at`,
    );
    expect(proposals).toEqual([
      { title: '異動前の提案', division: '人事課' },
      { title: '異動後の提案', division: '総務課' },
    ]);
    const stampDivisions = await queryRows<{ request_id: string; division: string }>(
      ctx.db,
      sql`select s.request_id, d.name as division from stamps s join divisions d on d.id = s.sender_division_id order by s.sent_at`,
    );
    expect(stampDivisions).toEqual([
      { request_id: 'stamp-1', division: '人事課' },
      { request_id: 'stamp-2', division: '総務課' },
    ]);
    // The dashboard's counts follow: one proposal under each division.
    const counts = await queryRows<{ d: string; n: number }>(
      ctx.db,
      sql`select proposer_division_id::text as d, sum(count)::int as n from proposal_counts_by_division group by 1 order by 1`,
    );
    expect(counts.sort((a, b) => a.d.localeCompare(b.d))).toEqual(
      [
        { d: from!, n: 1 },
        { d: to!, n: 1 },
      ].sort((a, b) => a.d.localeCompare(b.d)),
    );
    const history = (
      await call('office', 'GET', `/api/org/changes?entity=user_division&key=${ids.staff}`)
    ).json() as OrgChangeListDto;
    expect(history.items).toEqual([
      expect.objectContaining({
        action: 'assign',
        subjectName: tabApiCast.staff.name,
        actor: { id: ids.admin, displayName: tabApiCast.admin.name },
        before: { divisionId: from },
        after: {
          divisionId: to,
          effectiveDate: '2024-04-01',
          moved: { proposals: 1, stampsSent: 1, stampsReceived: 0 },
        },
        reason: '人事異動',
      }),
    ]);

    // The same again changes and records nothing.
    const again = await call('admin', 'PUT', `/api/org/users/${ids.staff}/division`, {
      divisionId: to,
      effectiveDate: '2024-04-01',
    });
    expect(again.json()).toMatchObject({
      changed: false,
      moved: { proposals: 0, stampsSent: 0, stampsReceived: 0 },
    });
  });

  it('refuses bad corrections with a Japanese message, changing nothing; only admins correct', async () => {
    const [active, retired] = await divisionsNamed('人事課', '旧課');
    await ctx.db.execute(sql`update divisions set is_active = false where id = ${retired}`);
    const before = await rowsDigest(ctx.db, tables);
    const put = (who: 'admin' | 'office', userId: string, body: Record<string, unknown>) =>
      call(who, 'PUT', `/api/org/users/${userId}/division`, body);
    const refusals: [Record<string, unknown>, number, string][] = [
      [
        { divisionId: active, effectiveDate: '2999-04-01' },
        400,
        '発令日は今日以前の日付を指定してください（先の日付の異動は、その日になってから登録してください）。',
      ],
      [{ divisionId: active, effectiveDate: '2024-02-30' }, 400, '発令日が存在しない日付です。'],
      [
        { divisionId: active, effectiveDate: '2024/04/01' },
        400,
        '発令日は YYYY-MM-DD の形式で入力してください。',
      ],
      [{ divisionId: active }, 400, '発令日を入力してください。'],
      [
        { divisionId: retired, effectiveDate: '2024-04-01' },
        400,
        '「旧課」は廃止された組織のため指定できません。',
      ],
      [{ divisionId: 'x', effectiveDate: '2024-04-01' }, 400, '所属の指定が正しくありません。'],
    ];
    for (const [body, status, message] of refusals) {
      const response = await put('admin', ids.staff, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.message, JSON.stringify(body)).toBe(message);
    }
    const unknown = await put('admin', '00000000-0000-4000-8000-000000000000', {
      divisionId: active,
      effectiveDate: '2024-04-01',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('職員が見つかりません。');
    expect(
      (await put('office', ids.staff, { divisionId: active, effectiveDate: '2024-04-01' })).statusCode,
    ).toBe(403);
    expect(await rowsDigest(ctx.db, tables)).toBe(before);
  });
});
