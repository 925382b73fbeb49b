import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { proposalQueueKeys, type ProposalDto } from '#shared';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * The office's work queues over HTTP: each queue's list holds exactly the proposals its rule names,
 * its count equals the list's total, and only the office may open them.
 */
describe('proposal work queues', () => {
  const { ctx, ids, call } = useSignedInApp(tabApiCast);
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
    const divisionId = (await ensureDivisions(ctx.db, [{ name: '行政経営改革課' }])).get('行政経営改革課')!;
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
    const untouched = await submit('長く更新なし');
    // Nothing in the app can age a proposal: move its last update 31 days back.
    await ctx.db.execute(
      sql`update proposals set updated_at = now() - interval '31 days' where id = ${untouched.id}`,
    );
  };

  const titlesOf = async (url: string) => {
    const response = await call('office', 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: ProposalDto[]; total: number }>();
    return { titles: page.items.map((item) => item.title).sort(), total: page.total };
  };

  it('lists exactly the proposals of each queue, and counts them as the list totals them', async () => {
    await fixture();
    const expected = {
      unanswered: ['新規で未回答', '長く更新なし'],
      unassigned: ['新規で未回答', '長く更新なし'],
      revisit_due: ['再検討時期が過ぎたその他'],
      stale: ['長く更新なし'],
    };
    const counts = await call('office', 'GET', '/api/proposals/queues');
    expect(counts.statusCode, counts.body).toBe(200);
    const items = counts.json<{ items: { key: string; label: string; count: number }[] }>().items;
    expect(items.map((item) => [item.key, item.label])).toEqual([
      ['unanswered', '未回答'],
      ['unassigned', '所管課未定'],
      ['revisit_due', '再検討時期が到来'],
      ['stale', '30日以上更新なし'],
    ]);
    for (const key of proposalQueueKeys) {
      const list = await titlesOf(`/api/proposals?queue=${key}&pageSize=100`);
      expect(list.titles, key).toEqual(expected[key].sort());
      expect(items.find((item) => item.key === key)!.count, key).toBe(list.total);
    }
    // A queue combines with the list's other filters.
    expect((await titlesOf('/api/proposals?queue=unanswered&q=長く')).titles).toEqual(['長く更新なし']);
  });

  it('leaves a queue when the office acts on the proposal', async () => {
    await fixture();
    const [pending] = (await call('office', 'GET', '/api/proposals?queue=unanswered&q=新規')).json<{
      items: ProposalDto[];
    }>().items;
    await triage(pending!, { answer: '受け付けました。' });
    expect((await titlesOf('/api/proposals?queue=unanswered')).titles).toEqual(['長く更新なし']);
  });

  it('shows staff no queues and refuses them a queue’s list; an unknown queue is a Japanese 400', async () => {
    await fixture();
    const staffQueues = await call('staff', 'GET', '/api/proposals/queues');
    expect(staffQueues.statusCode).toBe(200);
    expect(staffQueues.json()).toEqual({ items: [] });
    const refused = await call('staff', 'GET', '/api/proposals?queue=unanswered');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('「未回答」の一覧を表示する権限がありません。');
    const unknown = await call('office', 'GET', '/api/proposals?queue=everything');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('キューの指定が正しくありません。');
  });
});
