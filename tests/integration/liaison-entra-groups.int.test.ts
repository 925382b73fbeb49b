import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * AUTH_LIAISON_GROUPS: members of an Entra group are liaisons (所管課担当) of the division it names,
 * besides those assigned in 権限管理 — for the request their token's groups say, no database change.
 */
const liaisonGroup = 'b1b2c3d4-0000-4000-8000-0000000kikaku';
const people = {
  proposer: personas.taro,
  grouped: { ...personas.jiro, groups: [liaisonGroup] },
  ungrouped: personas.saburo,
  office: personas.kenichi,
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
  });
});
