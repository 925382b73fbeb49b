import { describe, expect, it } from 'vitest';
import type { AdminUserPageDto, ProposalDto } from '#shared';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../bot/src/data/database';
import {
  findLiaisonIdsOfDivision,
  findLiaisonsOfDivisions,
  findLiaisonWaitingWork,
} from '../../bot/src/data/repositories/division-liaisons-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { signInVerifiedIdentity } from '../../bot/src/services/identity/sign-in';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * AUTH_LIAISON_GROUPS: members of an Entra group are liaisons (所管課担当) of the division it names,
 * besides those assigned in 権限管理 — for each request, as its token's groups say; and for the worker's
 * notifications, as the latest sign-in's token said (noted on the user, never an assignment).
 */
const liaisonGroup = 'b1b2c3d4-0000-4000-8000-0000000kikaku';
const people = {
  proposer: personas.taro,
  grouped: { ...personas.jiro, groups: [liaisonGroup] },
  ungrouped: personas.saburo,
  office: personas.kenichi,
  admin: personas.makoto,
  /** The grouped person again, with a later token after they left the group. */
  groupLeft: personas.jiro,
};

describe('liaisons from an Entra group', () => {
  const { ctx, ids, call } = useSignedInApp(people, {
    env: { AUTH_LIAISON_GROUPS: `${liaisonGroup}=kikaku, 00000000-0000-4000-8000-000000000077=none` },
  });

  it("makes the group's members liaisons of its division: they see its unpublished proposals", async () => {
    const divisionId = (await ensureDivisions(ctx.db, [{ name: '企画課', code: 'kikaku' }])).get('企画課')!;
    const { proposal } = await submitProposal(ctx.db, {
      actor: { userId: ids.proposer, roles: [] },
      input: { title: '公用車の予約をオンラインで', body: '台帳をやめたい。', category: 'efficiency' },
    });
    const assigned = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      responsibleDivisionId: divisionId,
    });
    expect(assigned.statusCode).toBe(200);

    expect((await call('grouped', 'GET', '/api/me')).json().liaisonDivisionIds).toEqual([divisionId]);
    expect((await call('ungrouped', 'GET', '/api/me')).json().liaisonDivisionIds).toEqual([]);
    const seen = await call('grouped', 'GET', `/api/proposals/${proposal.id}`);
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as ProposalDto).isPublished).toBe(false);
    expect((await call('ungrouped', 'GET', `/api/proposals/${proposal.id}`)).statusCode).toBe(404);
    expect((await call('grouped', 'GET', `/api/proposals/${proposal.id}/draft`)).statusCode).toBe(200);

    // The worker has no token: what the groups gave at the latest sign-in reaches the liaisons'
    // notifications (assignment notices, the revisit and daily digests), next to the assigned ones.
    expect(await findLiaisonIdsOfDivision(ctx.db, divisionId)).toEqual([ids.grouped]);
    expect(await findLiaisonsOfDivisions(ctx.db, [divisionId])).toEqual([
      { id: ids.grouped, liaisonDivisionIds: [divisionId] },
    ]);
    expect((await findLiaisonWaitingWork(ctx.db, 5)).map((row) => [row.userId, row.proposalId])).toEqual([
      [ids.grouped, proposal.id],
    ]);
  });

  it('notes the liaison divisions a token grants, and forgets them once a token no longer does', async () => {
    const divisionId = (await ensureDivisions(ctx.db, [{ name: '企画課', code: 'kikaku' }])).get('企画課')!;
    const identity = {
      aadObjectId: people.grouped.oid,
      displayName: people.grouped.name,
      email: people.grouped.email,
      grantedRoles: [],
    };
    const recorded = async () =>
      (
        await queryRows<{ ids: string[] }>(
          ctx.db,
          sql`select entra_liaison_division_ids as ids from users where id = ${ids.grouped}`,
        )
      )[0]!.ids;
    const [user] = await queryRows<{ tenant: string }>(
      ctx.db,
      sql`select tenant_id as tenant from users where id = ${ids.grouped}`,
    );
    const signIn = (codes: string[]) =>
      signInVerifiedIdentity(ctx.db, {
        ...identity,
        tenantId: user!.tenant,
        grantedLiaisonDivisionCodes: codes,
      });

    expect((await signIn(['kikaku'])).liaisonDivisionIds).toEqual([divisionId]);
    expect(await recorded()).toEqual([divisionId]);
    expect(await findLiaisonIdsOfDivision(ctx.db, divisionId)).toEqual([ids.grouped]);

    expect((await signIn([])).liaisonDivisionIds).toEqual([]);
    expect(await recorded()).toEqual([]);
    expect(await findLiaisonIdsOfDivision(ctx.db, divisionId)).toEqual([]);
  });

  it("shows the group liaisons on 権限管理 as Entra's, apart from those assigned there, which saving leaves alone", async () => {
    const found = await ensureDivisions(ctx.db, [
      { name: '企画課', code: 'kikaku' },
      { name: '財政課', code: 'zaisei' },
    ]);
    const [planning, finance] = [found.get('企画課')!, found.get('財政課')!];
    const listed = async (name: string) => {
      const response = await call('admin', 'GET', `/api/admin/users?q=${encodeURIComponent(name)}`);
      expect(response.statusCode, response.body).toBe(200);
      const [user, ...others] = (response.json() as AdminUserPageDto).items;
      expect(others).toEqual([]);
      return user!;
    };
    const assigned = async () =>
      (
        await queryRows<{ ids: string[] }>(
          ctx.db,
          sql`select liaison_division_ids as ids from users where id = ${ids.grouped}`,
        )
      )[0]!.ids;

    // The group's member opens the tab once the division exists; an admin assigns them another one.
    expect((await call('grouped', 'GET', '/api/me')).statusCode).toBe(200);
    const saved = await call('admin', 'PUT', `/api/admin/users/${ids.grouped}/liaison-divisions`, {
      divisionIds: [finance],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().divisions).toEqual([{ id: finance, name: '財政課' }]);
    expect(await assigned()).toEqual([finance]);

    expect(await listed(people.grouped.name)).toMatchObject({
      id: ids.grouped,
      liaisonDivisionIds: [finance],
      entraLiaisonDivisionIds: [planning],
    });
    expect(await listed(people.ungrouped.name)).toMatchObject({
      liaisonDivisionIds: [],
      entraLiaisonDivisionIds: [],
    });

    // A later token without the group: the next sign-in forgets the group's division, not the assigned one.
    expect((await call('groupLeft', 'GET', '/api/me')).json().liaisonDivisionIds).toEqual([finance]);
    expect(await listed(people.grouped.name)).toMatchObject({
      id: ids.grouped,
      liaisonDivisionIds: [finance],
      entraLiaisonDivisionIds: [],
    });
    expect(await assigned()).toEqual([finance]);
  });
});
