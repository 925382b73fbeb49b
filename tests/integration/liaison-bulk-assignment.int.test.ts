import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { setLiaisonDivisionIds } from '../../bot/src/data/repositories/division-liaisons-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { visibleText } from '../helpers/card-inspection';
import { personas, tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * Many 所管課 assignments at once (POST /api/proposals/bulk-handling; bulk-status carries no 所管課
 * but runs through the same bulk service): each liaison gets
 * one card listing the proposals now theirs, not one card per proposal; one that is theirs alone gets
 * the usual card; one by one (PATCH) each assignment stays its own card.
 */
describe('bulk 所管課 assignment tells each liaison once', () => {
  const { ctx, ids, call } = useSignedInApp(
    { ...tabApiCast, planning: personas.jiro, commerce: personas.saburo },
    { notificationQueue: true, env: { PUBLIC_URL: 'https://proposals.example.jp' } },
  );

  let counter = 0;
  const submit = async (title: string): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: { userId: ids.staff, roles: [] },
        input: { title, body: '本文です。', category: 'efficiency' },
        clientRequestId: `bulk-assign-${(counter += 1)}`,
      })
    ).proposal;

  /** The assignment cards queued for a person, as they would read them. */
  const assignmentCards = async (userId: string) =>
    (
      await queryRows<{ dedupe_key: string; card: AdaptiveCard }>(
        ctx.db,
        sql`select dedupe_key, payload->'card' as card from notification_deliveries
            where user_id = ${userId} and dedupe_key like 'proposal%-assigned:%' order by created_at, dedupe_key`,
      )
    ).map((row) => ({ key: row.dedupe_key, card: row.card, text: visibleText(row.card as never) }));

  const setUp = async () => {
    const divisions = await ensureDivisions(ctx.db, [{ name: '企画課' }, { name: '商工政策課' }]);
    const planning = divisions.get('企画課')!;
    const commerce = divisions.get('商工政策課')!;
    await setLiaisonDivisionIds(ctx.db, ids.planning, [planning]);
    await setLiaisonDivisionIds(ctx.db, ids.commerce, [commerce]);
    return { planning, commerce };
  };

  it('sends one card per liaison for a bulk-handling of many proposals', async () => {
    const { planning } = await setUp();
    const proposals = [];
    for (const title of [
      '公用車の予約',
      '会議室の予約',
      '出張旅費の精算',
      '押印の廃止',
      '庁内掲示板の電子化',
    ])
      proposals.push(await submit(title));
    const response = await call('office', 'POST', '/api/proposals/bulk-handling', {
      items: proposals.map((proposal) => ({ id: proposal.id, version: proposal.version })),
      responsibleDivisionId: planning,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ succeeded: 5, failed: 0 });

    const cards = await assignmentCards(ids.planning);
    expect(cards).toHaveLength(1);
    expect(validateAdaptiveCard(cards[0]!.card)).toEqual([]);
    expect(cards[0]!.text).toContain('所管課に提案が5件割り当てられました');
    for (const proposal of proposals) expect(cards[0]!.text).toContain(proposal.number);
    expect(JSON.stringify(cards[0]!.card)).toContain(
      'https://proposals.example.jp/tab/proposals?queue=my_division',
    );
    expect(JSON.stringify(cards[0]!.card)).toContain(encodeURIComponent(proposals[0]!.id));
    // The other division's liaison hears nothing.
    expect(await assignmentCards(ids.commerce)).toEqual([]);
  });

  it('gives a liaison with many one list card, and one whose only one it is the usual card', async () => {
    const { planning, commerce } = await setUp();
    const toPlanning = [await submit('電子決裁の徹底'), await submit('ペーパーレス会議')];
    const toCommerce = await submit('中小企業向け補助金の電子申請');
    const assign = async (proposal: ProposalDto, divisionId: string) =>
      call('office', 'POST', '/api/proposals/bulk-handling', {
        items: [{ id: proposal.id, version: proposal.version }],
        responsibleDivisionId: divisionId,
      });
    // A bulk change of three, two divisions.
    const response = await call('office', 'POST', '/api/proposals/bulk-handling', {
      items: [...toPlanning, toCommerce].map((proposal) => ({ id: proposal.id, version: proposal.version })),
      responsibleDivisionId: planning,
    });
    expect(response.json()).toMatchObject({ succeeded: 3 });
    const reassigned = (await call('office', 'GET', `/api/proposals/${toCommerce.id}`)).json<ProposalDto>();
    const moved = await assign(reassigned, commerce);
    expect(moved.statusCode, moved.body).toBe(200);

    const planningCards = await assignmentCards(ids.planning);
    expect(planningCards).toHaveLength(1);
    expect(planningCards[0]!.text).toContain('3件');
    const commerceCards = await assignmentCards(ids.commerce);
    expect(commerceCards).toHaveLength(1);
    expect(commerceCards[0]!.text).toContain('所管課に提案が割り当てられました');
    expect(commerceCards[0]!.text).toContain(toCommerce.number);
    expect(commerceCards[0]!.text).toContain('商工政策課の担当として');
  });

  it('keeps one card per assignment when the office assigns one by one', async () => {
    const { planning } = await setUp();
    for (const title of ['窓口のキャッシュレス化', '庁舎の照明LED化']) {
      const proposal = await submit(title);
      const response = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
        version: proposal.version,
        responsibleDivisionId: planning,
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const cards = await assignmentCards(ids.planning);
    expect(cards.map((card) => card.text.includes('所管課に提案が割り当てられました'))).toEqual([true, true]);
  });
});
