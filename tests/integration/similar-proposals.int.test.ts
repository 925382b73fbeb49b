import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../bot/src/data/database';
import {
  findSimilarProposalCandidates,
  foldProposalTermCounts,
} from '../../bot/src/data/repositories/similar-proposals-repository';
import { getProposalFormOptions } from '../../bot/src/services/catalog/catalog';
import { importProposalsCsv } from '../../bot/src/services/csv/import-proposals';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { supportProposal } from '../../bot/src/services/engagement/supports';
import {
  findSimilarToDraft,
  findSimilarToDraftForRequest,
} from '../../bot/src/services/proposals/similar-proposals';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { exportProposalsCsv } from '../helpers/proposal-csv';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

const day = (n: number) => new Date(Date.UTC(2024, 5, n, 1));

/**
 * The document frequencies readers see (proposal_term_counts plus the pending deltas) against the same
 * counts computed from the proposals; `folded`: proposal_term_counts alone.
 */
const termCounts = async (db: Executor) => {
  const expected = await queryRows<{ term: string; n: number }>(
    db,
    sql`select term, count(*)::int as n from (
          select g as term from proposals p, unnest(p.search_grams) g where length(g) = 2
          union all select '' from proposals) t
        group by term order by term collate "C"`,
  );
  const actual = await queryRows<{ term: string; n: number }>(
    db,
    sql`select term, sum(n)::int as n from (
          select term, proposals as n from proposal_term_counts
          union all select d.term, d.delta from proposal_term_deltas t, unnest(t.terms, t.deltas) as d (term, delta)) c
        group by term having sum(n) <> 0 order by term collate "C"`,
  );
  const folded = await queryRows<{ term: string; n: number }>(
    db,
    sql`select term, proposals as n from proposal_term_counts where proposals <> 0 order by term collate "C"`,
  );
  return { expected, actual, folded };
};

/** Exact as readers see them; then, after the fold, in proposal_term_counts alone with nothing pending. */
const expectTermCountsExact = async (db: Executor) => {
  const { expected, actual } = await termCounts(db);
  expect(actual.length).toBe(expected.length);
  expect(actual).toEqual(expected);
  await foldProposalTermCounts(db);
  const after = await termCounts(db);
  expect(after.folded).toEqual(expected);
  expect(after.actual).toEqual(expected);
  expect(await foldProposalTermCounts(db)).toBe(0);
  await expectSearchNormsCurrent(db);
  await expectPostingsExact(db);
};

/**
 * After a fold the postings are exactly the bigrams (held by at most the cap's number of proposals) of
 * the open proposals, as computed here from the proposals themselves.
 */
const expectPostingsExact = async (db: Executor) => {
  const expected = await queryRows<{ term: string; id: string }>(
    db,
    sql`with df as (select g as term, count(*) as n from proposals p, unnest(p.search_grams) g
                    where length(g) = 2 group by g)
        select g as term, p.id::text as id from proposals p, unnest(p.search_grams) g
        join df on df.term = g
        where length(g) = 2 and p.status not in ('withdrawn', 'merged') and df.n <= app_search_postings_cap()
        order by term collate "C", id`,
  );
  const actual = await queryRows<{ term: string; id: string }>(
    db,
    sql`select term, proposal_id::text as id from proposal_term_postings order by term collate "C", id`,
  );
  expect(actual.length).toBe(expected.length);
  expect(actual).toEqual(expected);
};

/**
 * After a fold every proposal has its search norm (proposal_search_norms), taken at a number of
 * proposals within a tenth of today's, so within 5% of the norm today's counts give (edits of other
 * proposals and growth below a tenth move the weights a little; the fold takes the norm again after).
 */
const expectSearchNormsCurrent = async (db: Executor) => {
  const rows = await queryRows<{
    id: string;
    norm: number | null;
    total: number | null;
    exact: number | null;
  }>(
    db,
    sql`select p.id, s.norm, s.total,
               coalesce((select sqrt(sum(power(ln((t.n + 1.0) / (c.proposals + 0.5)), 2)))
                         from unnest(p.search_grams) g join proposal_term_counts c on c.term = g and c.proposals > 0
                         where length(g) = 2), 0) as exact
        from proposals p left join proposal_search_norms s on s.proposal_id = p.id
        cross join (select greatest(coalesce((select proposals from proposal_term_counts where term = ''), 0), 1) as n) t`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select greatest(coalesce((select proposals from proposal_term_counts where term = ''), 0), 1) as n`,
  );
  const n = Number(count!.n);
  for (const row of rows) {
    expect(row.norm, `norm of ${row.id}`).not.toBeNull();
    expect(Math.abs(Number(row.total) - n)).toBeLessThanOrEqual(n * 0.1);
    expect(Math.abs(Number(row.norm) - Number(row.exact))).toBeLessThanOrEqual(Number(row.exact) * 0.05);
  }
};

describe('similar proposals', () => {
  const ctx = useTestDatabase();

  const seed = async () => {
    const proposer = await createTestUser(ctx.db);
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    const texts = [
      {
        title: '押印の廃止',
        body: '庁内の申請書や届出の多くで押印を求めているが、本人確認の効果は薄い。法令で必要なものを除き押印を廃止してほしい。',
        category: 'efficiency',
      },
      {
        title: '会議資料のペーパーレス化',
        body: '定例会議のたびに資料を人数分印刷している。資料は共有フォルダに置き、会議ではパソコンやタブレットで見るようにしたい。',
        category: 'paperless',
      },
      {
        title: 'ファックスの廃止',
        body: '市町村への照会や通知にまだＦＡＸを使っている。メールや電子申請に切り替えてファクシミリを廃止したい。',
        category: 'digital',
      },
      {
        title: '庁舎の照明のLED化',
        body: '庁舎の蛍光灯が古く、交換の手間も電気代もかかっている。ＬＥＤ照明に計画的に切り替えるべき。',
        category: 'workplace',
      },
    ];
    const byTitle: Record<string, { id: string; number: string; version: number }> = {};
    for (const [i, input] of texts.entries()) {
      const { proposal } = await submitProposal(ctx.db, { actor: proposer, input, now: day(i + 1) });
      byTitle[input.title] = proposal;
    }
    // The worker folds the submissions' term counts every 2 s; the check reads the folded counts.
    await foldProposalTermCounts(ctx.db);
    return { proposer, office, byTitle };
  };

  const publish = async (office: { userId: string; roles: readonly string[] }, id: string) => {
    const [row] = await queryRows<{ version: number }>(
      ctx.db,
      sql`select version from proposals where id = ${id}`,
    );
    await triageProposal(ctx.db, {
      actor: office as never,
      proposalId: id,
      expectedVersion: row!.version,
      changes: { isPublished: true },
    });
  };

  it('finds the proposal a draft duplicates in other words, and nothing for an unrelated draft', async () => {
    const { office, byTitle } = await seed();
    const duplicate = await findSimilarToDraft(ctx.db, office, {
      title: 'ＦＡＸでのやりとりをやめる',
      body: '市町村とのやり取りがいまだにファクスで、誤送信も起きている。ファックスはやめて電子メールに一本化すべき。',
    });
    expect(duplicate.shown.map((item) => item.number)).toEqual([byTitle['ファックスの廃止']!.number]);
    expect(duplicate.shown[0]!.score).toBeGreaterThan(0.3);
    expect(duplicate.hiddenCount).toBe(0);

    const unrelated = await findSimilarToDraft(ctx.db, office, {
      title: '職員駐車場の満空表示',
      body: '駐車場が満車かどうか入ってみないと分からない。ゲートで表示してほしい。',
    });
    expect(unrelated).toEqual({ shown: [], hiddenCount: 0 });
  });

  it('shows staff only what they may see and counts the rest; the office sees all', async () => {
    const { proposer, office, byTitle } = await seed();
    const colleague = await createTestUser(ctx.db);
    const coProposer = await createTestUser(ctx.db);
    const draft = {
      title: 'はんこをなくそう',
      body: '申請書や届出にまだ押印欄がある。法令で必要なもの以外は押印を廃止して、本人確認の方法を見直してほしい。',
    };
    const target = byTitle['押印の廃止']!;

    expect(await findSimilarToDraft(ctx.db, colleague, draft)).toEqual({ shown: [], hiddenCount: 1 });
    for (const who of [proposer, office]) {
      const result = await findSimilarToDraft(ctx.db, who, draft);
      expect(result.shown.map((item) => item.number)).toEqual([target.number]);
      expect(result.hiddenCount).toBe(0);
    }
    // The data layer returns what the rule needs, whoever asks.
    const {
      candidates: [candidate],
      total,
    } = await findSimilarProposalCandidates(ctx.db, `${draft.title} ${draft.body}`, {
      limit: 5,
      minScore: 0.3,
    });
    expect(candidate).toMatchObject({
      id: target.id,
      isPublished: false,
      proposerId: proposer.userId,
      coProposerIds: [],
      responsibleDivisionId: null,
      status: 'received',
    });
    // With the number of proposals its weights were taken at, on which the threshold shown depends.
    expect(total).toBe(4);

    // Once published, everyone sees it.
    await publish(office, target.id);
    expect(await findSimilarToDraft(ctx.db, colleague, draft)).toMatchObject({
      shown: [{ id: target.id }],
      hiddenCount: 0,
    });

    // A co-proposer of an unpublished proposal sees it; anyone else outside the office only counts it.
    const { proposal: joint } = await submitProposal(ctx.db, {
      actor: proposer,
      input: { ...draft, title: '押印欄の削除', category: 'efficiency', coProposerIds: [coProposer.userId] },
      now: day(10),
    });
    await foldProposalTermCounts(ctx.db);
    const forOffice = await findSimilarToDraft(ctx.db, office, draft);
    expect(forOffice.shown.map((item) => item.number)).toContain(joint.number);
    const forCoProposer = await findSimilarToDraft(ctx.db, coProposer, draft);
    expect(forCoProposer.shown.map((item) => item.number)).toEqual(
      forOffice.shown.map((item) => item.number),
    );
    expect(forCoProposer.hiddenCount).toBe(0);
    const forColleague = await findSimilarToDraft(ctx.db, colleague, draft);
    expect(forColleague.shown.map((item) => item.number)).toEqual(
      forOffice.shown.map((item) => item.number).filter((number) => number !== joint.number),
    );
    expect(forColleague.hiddenCount).toBe(1);
  });

  it('brings each look-alike with its 賛同 as the asker sees it, by the 賛同 rule', async () => {
    const { proposer, office, byTitle } = await seed();
    const colleague = await createTestUser(ctx.db);
    const draft = {
      title: 'LED照明への切替え',
      body: '庁舎の蛍光灯をＬＥＤ照明に切り替えて電気代を減らす。',
    };
    const target = byTitle['庁舎の照明のLED化']!;
    await publish(office, target.id);
    expect((await findSimilarToDraft(ctx.db, colleague, draft)).shown).toMatchObject([
      { id: target.id, supportCount: 0, supportedByViewer: false, canSupport: true },
    ]);
    await supportProposal(ctx.db, colleague, target.id);
    expect((await findSimilarToDraft(ctx.db, colleague, draft)).shown).toMatchObject([
      { id: target.id, supportCount: 1, supportedByViewer: true, canSupport: true },
    ]);
    // Its proposer may not support their own.
    expect((await findSimilarToDraft(ctx.db, proposer, draft)).shown).toMatchObject([
      { id: target.id, supportCount: 1, supportedByViewer: false, canSupport: false },
    ]);
  });

  it('says, for a 提出する, whether the asker already submitted under its request id, in the same statement', async () => {
    const { proposer } = await seed();
    const colleague = await createTestUser(ctx.db);
    const draft = {
      title: '押印欄の削除',
      body: '申請書や届出の押印欄をなくし、法令で必要なもの以外は押印を廃止してほしい。',
    };
    const requestId = '1b4e28ba-2fa1-4d2b-9f8e-0c6b0a3c1d10';
    const before = await findSimilarToDraftForRequest(ctx.db, proposer, draft, requestId);
    expect(before.shown.length).toBeGreaterThan(0);
    expect(before.requestTaken).toBe(false);
    await submitProposal(ctx.db, {
      actor: proposer,
      input: { ...draft, category: 'efficiency' },
      clientRequestId: requestId,
      now: day(11),
    });
    expect((await findSimilarToDraftForRequest(ctx.db, proposer, draft, requestId)).requestTaken).toBe(true);
    // Another person's request with the same id, or another request of the same person, was not taken.
    expect((await findSimilarToDraftForRequest(ctx.db, colleague, draft, requestId)).requestTaken).toBe(
      false,
    );
    expect(
      (await findSimilarToDraftForRequest(ctx.db, proposer, draft, '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d'))
        .requestTaken,
    ).toBe(false);
    // What is shown is what the plain check shows, and with it what the form offers.
    const now = day(12);
    const {
      requestTaken: _,
      formOptions,
      ...shown
    } = await findSimilarToDraftForRequest(ctx.db, colleague, draft, requestId, now);
    expect(shown).toEqual(await findSimilarToDraft(ctx.db, colleague, draft));
    expect(formOptions).toEqual(await getProposalFormOptions(ctx.db, now));
  });

  it('counts a new proposal once the counts are folded, and finds it then', async () => {
    const { proposer, office } = await seed();
    const draft = {
      title: '公用車の電気自動車化',
      body: '公用車を順次電気自動車に更新し、充電設備を庁舎駐車場に設ける。',
    };
    const { proposal } = await submitProposal(ctx.db, {
      actor: proposer,
      input: { ...draft, category: 'other' },
      now: day(11),
    });
    const total = async () =>
      (
        await queryRows<{ n: number }>(
          ctx.db,
          sql`select proposals as n from proposal_term_counts where term = ''`,
        )
      )[0]!.n;
    // Its bigrams are pending, not yet in the counts the check reads.
    expect(await total()).toBe(4);
    expect(await foldProposalTermCounts(ctx.db)).toBe(1);
    expect(await total()).toBe(5);
    expect((await findSimilarToDraft(ctx.db, office, draft)).shown.map((item) => item.number)).toEqual([
      proposal.number,
    ]);
  });

  it('finds a proposal the fold has not reached yet, from its own text', async () => {
    const { proposer, office, byTitle } = await seed();
    const draft = {
      title: '押印をなくしてほしい',
      body: '申請書の押印は本人確認の効果が薄いので廃止してほしい。',
    };
    // Submitted a moment ago: its bigrams are pending, and it has no postings.
    const { proposal } = await submitProposal(ctx.db, {
      actor: proposer,
      input: {
        title: '届出の押印の廃止',
        body: '届出の押印は効果が薄いので廃止してほしい。',
        category: 'efficiency',
      },
      now: day(13),
    });
    const postings = async () =>
      (
        await queryRows<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from proposal_term_postings where proposal_id = ${proposal.id}`,
        )
      )[0]!.n;
    expect(await postings()).toBe(0);
    const shown = async () => (await findSimilarToDraft(ctx.db, office, draft)).shown.map((item) => item.id);
    expect(await shown()).toEqual(expect.arrayContaining([proposal.id, byTitle['押印の廃止']!.id]));
    // Folded, it is found through its postings.
    await foldProposalTermCounts(ctx.db);
    expect(await postings()).toBeGreaterThan(10);
    expect(await shown()).toEqual(expect.arrayContaining([proposal.id, byTitle['押印の廃止']!.id]));
    // Proposals a bulk statement wrote (an import) are read from their own text until the fold.
    const bulk = await queryRows<{ id: string }>(
      ctx.db,
      sql`insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_name, status, submitted_at)
          values (2031, 1, 'R13-0001', '申請書の押印の廃止', '押印は本人確認の効果が薄いので廃止してほしい。', 'efficiency', '試験', 'received', now()),
                 (2031, 2, 'R13-0002', '押印の見直し', '申請書の押印を廃止してほしい。', 'efficiency', '試験', 'received', now())
          returning id`,
    );
    expect(await shown()).toEqual(expect.arrayContaining(bulk.map((row) => row.id)));
  });

  it('keeps postings only for bigrams held by no more proposals than the cap, as counts cross it', async () => {
    const { proposer } = await seed();
    await expectTermCountsExact(ctx.db);
    // The cap is 3,000; at 2, bigrams shared by three proposals cross it.
    await ctx.db.execute(
      sql.raw(`create or replace function app_search_postings_cap() returns integer
      language sql immutable parallel safe as $$ select 2 $$`),
    );
    try {
      await ctx.db.execute(sql`select app_rebuild_proposal_term_counts()`);
      await expectTermCountsExact(ctx.db);
      const postingsOf = async (term: string) =>
        (
          await queryRows<{ n: number }>(
            ctx.db,
            sql`select count(*)::int as n from proposal_term_postings where term = ${term}`,
          )
        )[0]!.n;
      // 「廃止」 is in two proposals (押印, ファックス): kept; a third takes it past the cap.
      expect(await postingsOf('廃止')).toBe(2);
      const { proposal } = await submitProposal(ctx.db, {
        actor: proposer,
        input: {
          title: '紙の回覧の廃止',
          body: '回覧は電子で行い紙の回覧を廃止する。',
          category: 'paperless',
        },
        now: day(14),
      });
      await expectTermCountsExact(ctx.db);
      expect(await postingsOf('廃止')).toBe(0);
      // Edited back to the cap, the bigram's postings come back from the gram index.
      await ctx.db.execute(
        sql`update proposals set title = '紙の回覧をやめる', body = '回覧は電子で行う。' where id = ${proposal.id}`,
      );
      await expectTermCountsExact(ctx.db);
      expect(await postingsOf('廃止')).toBe(2);
    } finally {
      await ctx.db.execute(
        sql.raw(`create or replace function app_search_postings_cap() returns integer
        language sql immutable parallel safe as $$ select 3000 $$`),
      );
    }
  });

  it('weighs each candidate by the norm the fold stored, refreshed as the number of proposals grows', async () => {
    const { proposer, office, byTitle } = await seed();
    const draft = {
      title: 'LED照明への切替え',
      body: '庁舎の蛍光灯をＬＥＤ照明に切り替えて電気代を減らす。',
    };
    const target = byTitle['庁舎の照明のLED化']!;
    const totals = async () =>
      (
        await queryRows<{ total: number }>(
          ctx.db,
          sql`select total from proposal_search_norms order by proposal_id`,
        )
      ).map((row) => Number(row.total));
    await expectSearchNormsCurrent(ctx.db);
    expect(await totals()).toEqual([4, 4, 4, 4]);
    const before = await findSimilarToDraft(ctx.db, office, draft);
    expect(before.shown.map((item) => item.id)).toEqual([target.id]);

    // A fifth proposal: its norm is stored at the fold, and the four taken at 4 (more than a tenth
    // from 5) are taken again.
    await submitProposal(ctx.db, {
      actor: proposer,
      input: { title: '公用車の電気自動車化', body: '公用車を電気自動車に更新する。', category: 'other' },
      now: day(12),
    });
    await foldProposalTermCounts(ctx.db);
    expect(await totals()).toEqual([5, 5, 5, 5, 5]);
    await expectSearchNormsCurrent(ctx.db);

    // The check reads the stored norm: a vector as long as this one matches nothing…
    await ctx.db.execute(sql`update proposal_search_norms set norm = 1e6 where proposal_id = ${target.id}`);
    expect((await findSimilarToDraft(ctx.db, office, draft)).shown).toEqual([]);
    // …and one the fold has not reached yet is weighed in the check itself.
    await ctx.db.execute(sql`delete from proposal_search_norms where proposal_id = ${target.id}`);
    const weighedInCheck = await findSimilarToDraft(ctx.db, office, draft);
    expect(weighedInCheck.shown.map((item) => item.id)).toEqual([target.id]);
  });

  it('leaves out withdrawn and merged proposals and the proposal being edited', async () => {
    const { office, byTitle } = await seed();
    const draft = {
      title: 'LED照明への切替え',
      body: '庁舎の蛍光灯をＬＥＤ照明に切り替えて電気代を減らす。',
    };
    const target = byTitle['庁舎の照明のLED化']!;
    expect((await findSimilarToDraft(ctx.db, office, draft)).shown).toHaveLength(1);
    expect((await findSimilarToDraft(ctx.db, office, draft, { excludeId: target.id })).shown).toHaveLength(0);
    await ctx.db.execute(sql`update proposals set status = 'withdrawn' where id = ${target.id}`);
    expect((await findSimilarToDraft(ctx.db, office, draft)).shown).toHaveLength(0);
  });

  // 7–12 s on either back end, alone or inside the full run. It took about 130 s on PostgreSQL in two
  // full runs of 2026-12-07 while other sessions loaded the machine; two full runs since, with every
  // statement over 1 s logged (auto_explain) and lock waits logged, found none. The margin stays.
  it('keeps the term counts exact on every write path: submissions, bulk seed, import, edits, deletes', async () => {
    const { proposer, office } = await seed();
    await expectTermCountsExact(ctx.db);
    // The general submission path (co-proposers: not the one-statement insert).
    const other = await createTestUser(ctx.db);
    await submitProposal(ctx.db, {
      actor: proposer,
      input: {
        title: '共同の提案',
        body: '二人で出す提案です。',
        category: 'other',
        coProposerIds: [other.userId],
      },
      now: day(20),
    });
    await expectTermCountsExact(ctx.db);
    // The demo seed (bulk inserts), then the CSV import of everything exported (another bulk path).
    await seedDemoData(ctx.db);
    await expectTermCountsExact(ctx.db);
    const csv = await exportProposalsCsv(ctx.db);
    // CASCADE: the demo's thanks stamps (and any 賛同, follows, comments) refer to the proposals.
    await ctx.db.execute(
      sql`truncate proposal_history, proposal_project_links, proposal_co_proposers, proposal_answer_drafts, proposals cascade`,
    );
    expect((await termCounts(ctx.db)).actual).toEqual([]);
    await importProposalsCsv(ctx.db, { actor: office, content: csv });
    await expectTermCountsExact(ctx.db);
    // Edits of the text, several rows in one statement, and an edit that changes nothing.
    await ctx.db.execute(
      sql`update proposals set title = title || '（改訂）', body = replace(body, '。', '！') where number like '%3'`,
    );
    await ctx.db.execute(sql`update proposals set title = title where number like '%5'`);
    await expectTermCountsExact(ctx.db);
    // Withdrawn and merged proposals leave the postings; reopened, they come back.
    await ctx.db.execute(
      sql`update proposals set status = 'withdrawn', block_reason = null, merged_into_id = null where number like '%7'`,
    );
    await ctx.db.execute(
      sql`update proposals set status = 'merged', block_reason = null, merged_into_id = (select min(id::text)::uuid from proposals where number like '%1')
          where number like '%8'`,
    );
    await ctx.db.execute(
      sql`update proposals set status = 'under_consideration', block_reason = null, merged_into_id = null where number like '%9'`,
    );
    await expectTermCountsExact(ctx.db);
    await ctx.db.execute(
      sql`update proposals set status = 'received', block_reason = null, merged_into_id = null where number like '%7'`,
    );
    await expectTermCountsExact(ctx.db);
    // The edited proposals' norms were taken again, from the counts with their new text.
    const edited = await queryRows<{ norm: number; exact: number }>(
      ctx.db,
      sql`select s.norm,
                 (select sqrt(sum(power(ln((s.total + 1.0) / (c.proposals + 0.5)), 2)))
                  from unnest(p.search_grams) g join proposal_term_counts c on c.term = g and c.proposals > 0
                  where length(g) = 2) as exact
          from proposals p join proposal_search_norms s on s.proposal_id = p.id
          where p.number like '%3'`,
    );
    expect(edited.length).toBeGreaterThan(10);
    for (const row of edited) expect(Number(row.norm)).toBeCloseTo(Number(row.exact), 9);
    // A delete (a proposal without history: the audit trail keeps the others).
    await ctx.db.execute(sql`
      insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_name, status, submitted_at)
      values (2031, 1, 'R13-0001', '削除される提案', '消える本文', 'other', '試験', 'received', now())`);
    await expectTermCountsExact(ctx.db);
    await ctx.db.execute(sql`delete from proposals where number = 'R13-0001'`);
    await expectTermCountsExact(ctx.db);
    // The rebuild gives the same counts.
    await ctx.db.execute(sql`select app_rebuild_proposal_term_counts()`);
    await expectTermCountsExact(ctx.db);
  }, 300_000);

  it("looks up a bigram's proposals from the postings' index alone", async () => {
    await seed();
    const plan = await ctx.db.transaction(async (tx) => {
      // A handful of rows: left alone, the planner may read them in any way.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      return queryRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`explain select proposal_id from proposal_term_postings where term = '押印'`,
      );
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(
      'Index Only Scan using proposal_term_postings_term_proposal_id_pk',
    );
  });
});
