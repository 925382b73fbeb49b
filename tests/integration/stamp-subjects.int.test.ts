import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ProposalDto, ProposalThanksDto, SubjectStampKpiDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { updateUserDivision } from '../../bot/src/data/repositories/user-divisions-repository';
import { setUserRoles } from '../../bot/src/data/repositories/user-roles-repository';
import { getUserById } from '../../bot/src/data/repositories/users-repository';
import { sendStamps } from '../../bot/src/services/stamps/send-stamps';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * 「この提案について」 on stamps, through the service and the tab API: a proposal (by number, visible to
 * the sender) or a 重点案件 (by code) is stored with the stamp; the proposal's page lists its thanks
 * for those who may see the proposal; the dashboard's stamp KPIs filtered to such stamps count
 * exactly the inserted data of a fixed fiscal year.
 */
const cast = {
  proposer: personas.taro,
  colleague: personas.hanako,
  liaison: personas.jiro,
  outsider: personas.saburo,
  office: personas.kenichi,
};
type Who = keyof typeof cast;

describe('stamps about a proposal or a 重点案件', () => {
  const { ctx, ids, call } = useSignedInApp(cast, { notificationQueue: true });
  const ok = async <T>(who: Who, method: string, url: string, payload?: unknown): Promise<T> => {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };
  const notifications = {
    enqueueToUsers: async () => undefined,
    requeuePending: async () => 0,
  };
  const send = async (who: Who, to: Who[], about: string | undefined, sentAt: string, requestId: string) =>
    sendStamps(ctx.db, notifications, {
      sender: await getUserById(ctx.db, ids[who]),
      input: {
        recipientIds: to.map((person) => cast[person].oid).join(','),
        kindCode: about ? 'thanks' : 'nice',
        ...(about ? { about } : {}),
        message: `${who}のメッセージ`,
      },
      requestId,
      now: new Date(sentAt),
    });

  const setup = async () => {
    const divisions = await ensureDivisions(ctx.db, [{ name: '企画課' }, { name: '税務課' }]);
    await updateUserDivision(ctx.db, ids.proposer, divisions.get('企画課')!);
    await updateUserDivision(ctx.db, ids.colleague, divisions.get('税務課')!);
    // In Teams the bot knows the office by its database role (権限管理).
    await setUserRoles(ctx.db, ids.office, ['office']);
    const { proposal } = await submitProposal(ctx.db, {
      actor: { userId: ids.proposer, roles: [] },
      input: { title: '会議のオンライン化', body: 'Teams会議にする。', category: 'efficiency' },
    });
    return proposal;
  };

  it('stores the subject, lists the thanks on the proposal and counts them on the dashboard', async () => {
    const proposal = await setup();
    // Unpublished: the proposer (and the office) may refer to it, a colleague may not.
    await expect(
      send('colleague', ['proposer'], proposal.number, '2024-06-01T01:00:00Z', 'req-c-1'),
    ).rejects.toThrow(/見つかりません/);
    const first = await send(
      'proposer',
      ['liaison', 'colleague'],
      proposal.number,
      '2024-06-10T01:00:00Z',
      'req-p-1',
    );
    expect(first.aboutLabel).toBe(`提案 ${proposal.number}`); // unpublished: no title on cards
    await send(
      'office',
      ['liaison'],
      `  ${proposal.number.toLowerCase()} `,
      '2025-03-31T14:00:00Z',
      'req-o-1',
    );
    // A 重点案件 of the seed (R6-1-1) and a stamp about nothing; one the next fiscal year (2025-04-01 Tokyo).
    const project = await send('colleague', ['liaison'], 'R6-1-1', '2024-12-24T03:00:00Z', 'req-c-2');
    expect(project.aboutLabel).toMatch(/^重点案件 R6-1-1 /);
    await send('colleague', ['proposer'], undefined, '2024-07-01T01:00:00Z', 'req-c-3');
    await send('proposer', ['liaison'], proposal.number, '2025-03-31T15:00:00Z', 'req-p-2');
    await expect(send('proposer', ['liaison'], 'R6-9-9', '2024-06-10T01:00:00Z', 'req-p-3')).rejects.toThrow(
      '重点案件「R6-9-9」が見つかりません。',
    );
    const stored = await queryRows<{ n: number; p: number; pp: number }>(
      ctx.db,
      sql`select count(*)::int as n, count(proposal_id)::int as p, count(priority_project_id)::int as pp from stamps`,
    );
    expect(stored).toEqual([{ n: 6, p: 4, pp: 1 }]);

    // The thanks list follows the proposal's visibility; the office sees names, never others' messages.
    const url = `/api/proposals/${proposal.id}/thanks`;
    expect((await call('outsider', 'GET', url)).statusCode).toBe(404);
    const officeView = await ok<ProposalThanksDto>('office', 'GET', url);
    expect(officeView.total).toBe(4);
    expect(officeView.items.map((item) => [item.sender.displayName, item.recipient.displayName])).toEqual([
      [cast.proposer.name, cast.liaison.name],
      [cast.office.name, cast.liaison.name],
      [cast.proposer.name, expect.any(String)],
      [cast.proposer.name, expect.any(String)],
    ]);
    expect(officeView.items.map((item) => item.message)).toEqual([null, 'officeのメッセージ', null, null]);
    const published = await ok<ProposalDto>('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      isPublished: true,
    });
    expect(published.isPublished).toBe(true);
    const outsiderView = await ok<ProposalThanksDto>('outsider', 'GET', url);
    expect(outsiderView.total).toBe(4);
    expect(
      outsiderView.items.every((item) => item.message === null && item.kind.label === 'ありがとう'),
    ).toBe(true);

    // Dashboard: FY2024 stamps about a proposal or a project = 4 (2 + 1 office + 1 project), 3 senders.
    const fy2024 = await ok<SubjectStampKpiDto>(
      'outsider',
      'GET',
      '/api/dashboard/stamps?fiscalYear=2024&about=subject',
    );
    expect(fy2024.stamps).toMatchObject({ total: 4, activeSenders: 3 });
    expect(
      Object.fromEntries(fy2024.stamps.monthly.filter((m) => m.count > 0).map((m) => [m.month, m.count])),
    ).toEqual({
      '2024-06': 2,
      '2024-12': 1,
      '2025-03': 1,
    });
    expect(fy2024.stamps.byKind.find((kind) => kind.code === 'thanks')?.count).toBe(4);
    expect(Object.fromEntries(fy2024.stamps.bySenderDivision.map((row) => [row.label, row.count]))).toEqual({
      企画課: 2,
      税務課: 1,
      '（所属未設定）': 1,
    });
    const fy2025 = await ok<SubjectStampKpiDto>(
      'office',
      'GET',
      '/api/dashboard/stamps?fiscalYear=2025&about=subject',
    );
    expect(fy2025.stamps.total).toBe(1);
    // The unfiltered dashboard still counts all stamps of the year.
    const all = await ok<{ stamps: { total: number } }>('office', 'GET', '/api/dashboard?fiscalYear=2024');
    expect(all.stamps.total).toBe(5);
    expect((await call('office', 'GET', '/api/dashboard/stamps?fiscalYear=2024&about=all')).statusCode).toBe(
      400,
    );
  });
});
