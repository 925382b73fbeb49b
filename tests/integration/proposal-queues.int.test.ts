import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { proposalQueueKeys, proposalQueueLabels, type ProposalDto, type ProposalQueueKey } from '#shared';
import { setLiaisonDivisionIds } from '../../bot/src/data/repositories/division-liaisons-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { personas, tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * The work queues over HTTP: each queue's list holds exactly the proposals its rule names, its count
 * equals the list's total; the office opens every queue, a 所管課 liaison 自分の課 and 所管課の回答待ち
 * over their own divisions only, other staff none.
 */
describe('proposal work queues', () => {
  const { ctx, ids, call } = useSignedInApp({ ...tabApiCast, liaison: personas.jiro });
  const office = () => ({ userId: ids.office, roles: ['office' as const] });

  let counter = 0;
  const submit = async (title: string): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: { userId: ids.staff, roles: [] },
        input: { title, body: '本文です。', category: 'efficiency' },
        clientRequestId: `queue-${(counter += 1)}`,
      })
    ).proposal;

  const triage = async (proposal: ProposalDto, changes: Record<string, unknown>) =>
    triageProposal(ctx.db, {
      actor: office(),
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes,
    });

  /** One proposal per situation a queue tells apart; returns their titles by what they are. */
  const fixture = async () => {
    const divisions = await ensureDivisions(ctx.db, [{ name: '行政経営改革課' }, { name: '商工政策課' }]);
    const divisionId = divisions.get('行政経営改革課')!;
    await setLiaisonDivisionIds(ctx.db, ids.liaison, [divisionId]);
    await submit('新規で未回答');
    await triage(await submit('回答済みで所管課あり'), {
      status: 'under_consideration',
      answer: '検討します。',
      responsibleDivisionId: divisionId,
    });
    await triage(await submit('再検討時期が過ぎたその他'), {
      status: 'blocked',
      blockReason: 'legal',
      revisitOn: '2020-04-01',
      answer: '法改正を待ちます。',
      responsibleDivisionId: divisionId,
    });
    await triage(await submit('再検討時期がまだ先のその他'), {
      status: 'blocked',
      blockReason: 'security',
      revisitOn: '2999-04-01',
      answer: '見送ります。',
      responsibleDivisionId: divisionId,
    });
    await triage(await submit('実現済みで回答なし'), { status: 'realised' });
    await triage(await submit('所管課で回答待ち'), { responsibleDivisionId: divisionId });
    await triage(await submit('他課で回答待ち'), { responsibleDivisionId: divisions.get('商工政策課') });
    const drafted = await triage(await submit('回答案が承認待ち'), { responsibleDivisionId: divisionId });
    const draft = await call('liaison', 'PUT', `/api/proposals/${drafted.proposal.id}/draft`, {
      answer: '来年度に対応します。',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const untouched = await submit('長く更新なし');
    // Nothing in the app can age a proposal: move its last update 31 days back.
    await ctx.db.execute(
      sql`update proposals set updated_at = now() - interval '31 days' where id = ${untouched.id}`,
    );
  };

  const titlesOf = async (url: string, who: 'office' | 'liaison' = 'office') => {
    const response = await call(who, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: ProposalDto[]; total: number }>();
    return { titles: page.items.map((item) => item.title).sort(), total: page.total };
  };

  /** The actor's queues: their keys and labels, and each count equal to its list's total. */
  const expectQueues = async (
    who: 'office' | 'liaison',
    expected: Partial<Record<ProposalQueueKey, string[]>>,
  ) => {
    const counts = await call(who, 'GET', '/api/proposals/queues');
    expect(counts.statusCode, counts.body).toBe(200);
    const items = counts.json<{ items: { key: ProposalQueueKey; label: string; count: number }[] }>().items;
    expect(items.map((item) => [item.key, item.label])).toEqual(
      proposalQueueKeys.filter((key) => key in expected).map((key) => [key, proposalQueueLabels[key]]),
    );
    for (const item of items) {
      const list = await titlesOf(`/api/proposals?queue=${item.key}&pageSize=100`, who);
      expect(list.titles, `${who} ${item.key}`).toEqual([...expected[item.key]!].sort());
      expect(item.count, `${who} ${item.key}`).toBe(list.total);
    }
  };

  it('lists exactly the proposals of each queue, and counts them as the list totals them', async () => {
    await fixture();
    await expectQueues('office', {
      unanswered: ['新規で未回答', '長く更新なし', '所管課で回答待ち', '他課で回答待ち', '回答案が承認待ち'],
      unassigned: ['新規で未回答', '長く更新なし'],
      awaiting_division: ['所管課で回答待ち', '他課で回答待ち'],
      awaiting_approval: ['回答案が承認待ち'],
      revisit_due: ['再検討時期が過ぎたその他'],
      stale: ['長く更新なし'],
    });
    // The liaison of 行政経営改革課: their division's open proposals, and those waiting for its answer.
    await expectQueues('liaison', {
      my_division: [
        '回答済みで所管課あり',
        '再検討時期が過ぎたその他',
        '再検討時期がまだ先のその他',
        '所管課で回答待ち',
        '回答案が承認待ち',
      ],
      awaiting_division: ['所管課で回答待ち'],
    });
    // A queue combines with the list's other filters.
    expect((await titlesOf('/api/proposals?queue=unanswered&q=長く')).titles).toEqual(['長く更新なし']);
  });

  it('moves a proposal from 所管課の回答待ち to 承認待ち with the draft, and out with the approval', async () => {
    await fixture();
    const [waiting] = (await call('liaison', 'GET', '/api/proposals?queue=awaiting_division')).json<{
      items: ProposalDto[];
    }>().items;
    const url = `/api/proposals/${waiting!.id}`;
    expect((await call('liaison', 'PUT', `${url}/draft`, { status: 'under_consideration' })).statusCode).toBe(
      200,
    );
    expect((await titlesOf('/api/proposals?queue=awaiting_division', 'liaison')).titles).toEqual([]);
    expect((await titlesOf('/api/proposals?queue=awaiting_approval')).titles).toEqual(
      ['所管課で回答待ち', '回答案が承認待ち'].sort(),
    );
    const approved = await call('office', 'POST', `${url}/draft/approve`, {
      version: waiting!.version,
      answer: '検討します。',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await titlesOf('/api/proposals?queue=awaiting_approval')).titles).toEqual(['回答案が承認待ち']);
    expect((await titlesOf('/api/proposals?queue=my_division', 'liaison')).titles).toContain(
      '所管課で回答待ち',
    );
  });

  it('leaves a queue when the office acts on the proposal', async () => {
    await fixture();
    const [pending] = (await call('office', 'GET', '/api/proposals?queue=unanswered&q=新規')).json<{
      items: ProposalDto[];
    }>().items;
    await triage(pending!, { answer: '受け付けました。' });
    expect((await titlesOf('/api/proposals?queue=unanswered')).titles).not.toContain('新規で未回答');
    expect((await titlesOf('/api/proposals?queue=unanswered')).total).toBe(4);
  });

  it('shows staff no queues and refuses them (and liaisons the office’s) a queue’s list; an unknown queue is a Japanese 400', async () => {
    await fixture();
    const staffQueues = await call('staff', 'GET', '/api/proposals/queues');
    expect(staffQueues.statusCode).toBe(200);
    expect(staffQueues.json()).toEqual({ items: [] });
    const refused = await call('staff', 'GET', '/api/proposals?queue=unanswered');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('「未回答」の一覧を表示する権限がありません。');
    // A liaison opens neither the office's queues nor another's division through them.
    const liaisonRefused = await call('liaison', 'GET', '/api/proposals?queue=awaiting_approval');
    expect(liaisonRefused.statusCode).toBe(403);
    expect(liaisonRefused.json().error.message).toBe('「承認待ち」の一覧を表示する権限がありません。');
    // 自分の課 is a liaison's: the office (no divisions of its own) has none.
    expect((await call('office', 'GET', '/api/proposals?queue=my_division')).statusCode).toBe(403);
    const unknown = await call('office', 'GET', '/api/proposals?queue=everything');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('キューの指定が正しくありません。');
  });
});
