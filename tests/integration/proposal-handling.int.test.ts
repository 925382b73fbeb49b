import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * 所管課 and 期間 (短期・中期・長期): set on one proposal (PATCH) and on a selection
 * (POST /api/proposals/bulk-handling), each with its history entry, leaving what was not asked for.
 */
describe('responsible division and horizon', () => {
  const { ctx, ids, call } = useSignedInApp(tabApiCast);

  let counter = 0;
  const submit = async (title: string): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: { userId: ids.staff, roles: [] },
        input: { title, body: '本文です。', category: 'efficiency' },
        clientRequestId: `handling-${(counter += 1)}`,
      })
    ).proposal;
  const divisionId = async (name: string) => (await ensureDivisions(ctx.db, [{ name }])).get(name)!;
  const get = async (id: string) => (await call('office', 'GET', `/api/proposals/${id}`)).json<ProposalDto>();

  it('sets 期間 on one proposal and records it in the history', async () => {
    const proposal = await submit('窓口のキャッシュレス化');
    const response = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      horizon: 'medium',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ horizon: 'medium', version: proposal.version + 1 });
    const history = (await call('office', 'GET', `/api/proposals/${proposal.id}/history`)).json();
    expect(history.items.at(-1)).toMatchObject({
      action: 'updated',
      changes: { horizon: { from: null, to: 'medium' } },
    });
  });

  it('sets 所管課 and 期間 on a selection, per proposal, leaving the other field as it was', async () => {
    const a = await submit('一括A');
    const b = await submit('一括B');
    const jinji = await divisionId('人事課');
    const first = await call('office', 'POST', '/api/proposals/bulk-handling', {
      items: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version },
      ],
      responsibleDivisionId: jinji,
      horizon: 'short',
      comment: '所管課を決定',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ succeeded: 2, failed: 0 });
    expect(await get(a.id)).toMatchObject({ responsibleDivision: { name: '人事課' }, horizon: 'short' });

    // Only 期間 this time, with one stale version: the other proposal changes, 所管課 stays.
    const second = await call('office', 'POST', '/api/proposals/bulk-handling', {
      items: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version + 1 },
      ],
      horizon: 'long',
    });
    expect(second.json()).toMatchObject({ succeeded: 1, failed: 1 });
    expect(second.json().results[0]).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await get(b.id)).toMatchObject({ responsibleDivision: { name: '人事課' }, horizon: 'long' });
    expect(await get(a.id)).toMatchObject({ horizon: 'short' });

    // 未定 (null) clears it.
    const cleared = await call('office', 'POST', '/api/proposals/bulk-handling', {
      items: [{ id: b.id, version: b.version + 2 }],
      responsibleDivisionId: null,
    });
    expect(cleared.json()).toMatchObject({ succeeded: 1 });
    expect((await get(b.id)).responsibleDivision).toBeNull();
  });

  it('refuses a change that sets nothing, or a bad value, in Japanese, changing nothing', async () => {
    const proposal = await submit('会議のオンライン化');
    const items = [{ id: proposal.id, version: proposal.version }];
    const nothing = await call('office', 'POST', '/api/proposals/bulk-handling', { items });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('変更する所管課か期間を選んでください。');
    const bad = await call('office', 'POST', '/api/proposals/bulk-handling', { items, horizon: 'forever' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('期間の値が正しくありません。');
    expect(await get(proposal.id)).toMatchObject({ version: proposal.version, horizon: null });
    const staff = await call('staff', 'POST', '/api/proposals/bulk-handling', { items, horizon: 'short' });
    expect(staff.statusCode).toBe(403);
  });
});
