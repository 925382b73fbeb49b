import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import type { ProposalPageRequest } from '../../bot/src/data/repositories/proposals-repository';
import { listProposals } from '../../bot/src/services/proposals/proposal-reads';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

const page: ProposalPageRequest = { page: 1, pageSize: 20, sort: 'relevance', direction: 'desc' };
const day = (n: number) => new Date(Date.UTC(2024, 5, n, 1));

describe('Japanese search', () => {
  const ctx = useTestDatabase();

  const seed = async () => {
    const proposer = await createTestUser(ctx.db);
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    const drafts = [
      {
        title: '出張旅費の精算をオンライン化',
        body: '経費の精算に紙の申請書を使っている。',
        category: 'digital',
      },
      { title: '経費精算システムの改善', body: '入力項目を減らす。', category: 'efficiency' },
      {
        title: 'ＰＣの持込による会議のペーパレス化',
        body: '議会にノートＰＣを持ち込む。',
        category: 'paperless',
      },
      { title: 'Teams会議の活用', body: 'ｐｃからも参加しやすくする。', category: 'workstyle' },
      { title: '庁内応援制度の試行', body: '繁忙期に他課から応援を受ける。', category: 'organization' },
    ];
    const numbers: Record<string, string> = {};
    for (const [i, input] of drafts.entries()) {
      const { proposal } = await submitProposal(ctx.db, { actor: proposer, input, now: day(i + 1) });
      numbers[input.title] = proposal.number;
    }
    return { office, numbers };
  };

  const titles = async (actor: Awaited<ReturnType<typeof seed>>['office'], q: string) =>
    (await listProposals(ctx.db, actor, { q }, page)).items.map((item) => item.title);

  it('finds two-character Japanese terms in title and body, title matches first', async () => {
    const { office } = await seed();
    expect(await titles(office, '経費')).toEqual(['経費精算システムの改善', '出張旅費の精算をオンライン化']);
  });

  it('treats full-width and half-width forms and letter case alike', async () => {
    const { office } = await seed();
    const expected = ['Teams会議の活用', 'ＰＣの持込による会議のペーパレス化'];
    for (const query of ['PC', 'pc', 'ＰＣ', 'ｐｃ']) {
      expect((await titles(office, query)).sort()).toEqual([...expected].sort());
    }
    expect(await titles(office, 'ｔｅａｍｓ')).toEqual(['Teams会議の活用']);
  });

  it('finds one-character terms, requires every term, and does not match bigrams that are apart', async () => {
    const { office } = await seed();
    expect(await titles(office, '紙')).toEqual(['出張旅費の精算をオンライン化']);
    expect(await titles(office, '精算　紙')).toEqual(['出張旅費の精算をオンライン化']);
    expect(await titles(office, '精算 会議')).toEqual([]);
    expect(await titles(office, '議会')).toEqual(['ＰＣの持込による会議のペーパレス化']);
    // Both bigrams of 「会議会」 (会議, 議会) are in that proposal, but not the term itself.
    expect(await titles(office, '会議会')).toEqual([]);
  });

  it('finds a proposal by its number', async () => {
    const { office, numbers } = await seed();
    expect(await titles(office, numbers['庁内応援制度の試行']!.toLowerCase())).toEqual([
      '庁内応援制度の試行',
    ]);
  });

  it('treats query text as data, not SQL or patterns', async () => {
    const { office } = await seed();
    expect(await titles(office, "'; drop table proposals; --")).toEqual([]);
    expect(await titles(office, '%')).toEqual([]);
    expect(await titles(office, '_')).toEqual([]);
  });

  it('uses the gram index for a search', async () => {
    await seed();
    const plan = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`explain select id from proposals where search_grams @> app_search_query_grams('経費') and strpos(app_search_normalize(title || ' ' || body), app_search_normalize('経費')) > 0`,
      );
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('proposals_search_grams_idx');
  });
});
