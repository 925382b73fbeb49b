import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLimits } from '../../bot/src/services/csv/proposal-csv-format';

/**
 * Texts for the similar-proposal bench.
 *
 * - The labelled evaluation set (bench/data/similar-eval.jsonl): 183 proposals as staff write them and
 *   302 drafts, 152 of which duplicate one of those proposals in other words (synonyms and paraphrase,
 *   漢字/かな, full-/half-width, ＰＣ/パソコン, 押印/はんこ, older and newer wording: 稟議/決裁, 超勤/残業, ＦＡＸ/
 *   ファクス) and 150 of which duplicate none (many on the same subjects: 駐輪場の屋根 and 駐車場の屋根,
 *   証明書のコンビニ交付 and 県税のコンビニ納付). Both kinds are long and short alike (a situation and a
 *   request, or one short sentence), so a score that grows with length does not tell them apart; the
 *   set's shape is checked by tests/unit/similar-eval-set.test.ts. Written for this bench; the threshold
 *   the product uses is chosen from it.
 * - Large corpora (history for the submit scenario, 10k–1M proposals for the check's latency): new
 *   proposals recombined from the evaluation set's sentences — a title of one proposal, sentences of two
 *   others, a number — so that their vocabulary is that of real proposals and many of them are alike.
 */
export interface EvalProposal {
  kind: 'corpus';
  id: string;
  title: string;
  body: string;
}
export interface EvalDraft {
  kind: 'draft';
  id: string;
  title: string;
  body: string;
  /** The corpus proposals this draft duplicates; empty for a draft that duplicates none. */
  duplicates: string[];
}

export const loadSimilarEval = (): { corpus: EvalProposal[]; drafts: EvalDraft[] } => {
  const rows = readFileSync(join(process.cwd(), 'bench', 'data', 'similar-eval.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EvalProposal | EvalDraft);
  return {
    corpus: rows.filter((row): row is EvalProposal => row.kind === 'corpus'),
    drafts: rows.filter((row): row is EvalDraft => row.kind === 'draft'),
  };
};

/** Sentences (ending in 。) and titles of the whole evaluation set, for recombined corpora. */
export const sentencePools = (): { titles: string[]; sentences: string[] } => {
  const { corpus, drafts } = loadSimilarEval();
  const all = [...corpus, ...drafts];
  return {
    titles: all.map((row) => row.title),
    sentences: all.flatMap((row) =>
      row.body
        .split('。')
        .map((part) => part.trim())
        .filter((part) => part.length > 4)
        .map((part) => `${part}。`),
    ),
  };
};

/** A small deterministic generator (mulberry32), so every run draws the same texts. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const arrayLiteral = (values: readonly string[]) =>
  `array[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ')}]`;

/**
 * Set-based statements that add `count` recombined proposals to a migrated database with base data
 * (divisions and staff of their own), spread over the fiscal years before 2026, in one session. Loaded
 * with triggers off and indexes dropped (like large-dataset.ts), then the derived tables (dashboard
 * counts, term counts) are rebuilt and the indexes built once.
 */
export const similarCorpusStatements = (count: number): string[] => {
  const { titles, sentences } = sentencePools();
  const years = Math.min(10, Math.max(1, Math.ceil(count / 20_000)));
  const perYear = Math.ceil(count / years);
  const firstYear = 2025 - years + 1;
  const pick = (pool: string) => `(${pool})[1 + floor(random() * cardinality(${pool}))::int]`;
  return [
    `select setseed(0.16)`,
    `set session_replication_role = replica`,
    `create temporary table sim_pool as select ${arrayLiteral(titles)} as titles, ${arrayLiteral(sentences)} as sentences`,
    `insert into divisions (code, name, sort_order)
       select 'S' || lpad(n::text, 3, '0'), '類似第' || n || '課', 2000 + n from generate_series(1, 40) n
       on conflict do nothing`,
    `insert into users (aad_object_id, tenant_id, email, display_name, division_id)
       select 'sim-user-' || n, 'sim-tenant', 'sim' || n || '@bench.example.jp', '類似 職員' || n,
              (select id from divisions where code = 'S' || lpad((1 + n % 40)::text, 3, '0'))
       from generate_series(1, 2000) n
       on conflict do nothing`,
    `create temporary table sim_users as
       select row_number() over (order by aad_object_id) as n, id, display_name, division_id
       from users where aad_object_id like 'sim-user-%'`,
    `create index on sim_users (n)`,
    `set maintenance_work_mem = '256MB'`,
    `create temporary table sim_indexes as
       select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class t on t.oid = i.indrelid
       where t.relname = 'proposals' and t.relnamespace = 'public'::regnamespace and not i.indisprimary
         and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    `do $$ declare r record; begin
       for r in select name from sim_indexes loop execute 'drop index ' || r.name; end loop;
     end $$`,
    `insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_id, proposer_name,
                            proposer_division_id, status, block_reason, is_published, submitted_at, created_at, updated_at)
       select g.fy, g.seq, 'R' || (g.fy - 2018) || '-' || lpad(g.seq::text, greatest(4, length(g.seq::text)), '0'),
              left(${pick('p.titles')}, 90),
              ${pick('p.sentences')} || ${pick('p.sentences')} || '（' || (1 + floor(random() * 300)) || '）',
              (array['paperless','digital','efficiency','workstyle','workplace','service','organization','other'])[1 + floor(random() * 8)::int],
              u.id, u.display_name, u.division_id,
              g.status, case when g.status = 'blocked' then 'other' end,
              random() < 0.7,
              make_timestamptz(g.fy, 4, 1, 0, 0, 0, 'Asia/Tokyo') + (g.seq - 1) * (interval '365 days' / ${perYear}),
              now(), now()
       from (select fy, seq, 1 + floor(random() * 2000)::int as user_n,
                    (array['received','under_consideration','settled','realised','blocked','withdrawn'])[1 + floor(power(random(), 1.5) * 6)::int] as status
             from generate_series(${firstYear}, 2025) fy, generate_series(1, ${perYear}) seq
             limit ${count}) g
       cross join sim_pool p
       join sim_users u on u.n = g.user_n`,
    `insert into proposal_counters (fiscal_year, last_sequence)
       select fiscal_year, max(sequence) from proposals group by fiscal_year
       on conflict (fiscal_year) do update set last_sequence = greatest(proposal_counters.last_sequence, excluded.last_sequence)`,
    `do $$ declare r record; begin
       for r in select definition from sim_indexes loop execute r.definition; end loop;
     end $$`,
    `drop table sim_pool, sim_users, sim_indexes`,
    `set session_replication_role = origin`,
    `select app_rebuild_dashboard_counts()`,
    `select app_rebuild_proposal_term_counts()`,
    `analyze`,
  ];
};

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * History for the submit scenario as the office would load it: CSV files in the product's import format
 * (docs/csv-format.md), each within the import's limits, `count` recombined proposals in all over the
 * fiscal years 2021–2025 (2026 is left for the bench's submissions), by 500 named staff.
 */
export const historyCsvFiles = (count: number, seed = 7): Buffer[] => {
  const random = seededRandom(seed);
  const { titles, sentences } = sentencePools();
  const pick = <T>(pool: readonly T[]) => pool[Math.floor(random() * pool.length)]!;
  const categories = [
    'ペーパレス化',
    'デジタル・ＤＸ',
    '業務の効率化',
    '柔軟な働き方・制度',
    '職場環境',
    '県民サービス',
    '人材育成・組織',
    'その他',
  ];
  const header = [
    '提出日',
    '件名',
    '提案内容',
    '分類',
    '提案者',
    '提案者メール',
    '提案者所属',
    '状況',
    '公開',
  ];
  const files: Buffer[] = [];
  let lines: string[] = [header.join(',')];
  let bytes = 0;
  const flush = () => {
    if (lines.length > 1) files.push(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
    lines = [header.join(',')];
    bytes = 0;
  };
  const perDay = Math.max(1, Math.ceil(count / (5 * 365)));
  for (let i = 0; i < count; i += 1) {
    const day = new Date(Date.UTC(2021, 3, 1) + Math.floor(i / perDay) * 86_400_000);
    const person = 1 + Math.floor(random() * 500);
    const row = [
      day.toISOString().slice(0, 10),
      pick(titles).slice(0, 90),
      `${pick(sentences)}${pick(sentences)}（${1 + Math.floor(random() * 300)}）`,
      pick(categories),
      `履歴 職員${person}`,
      `history${person}@bench.example.jp`,
      `履歴第${1 + (person % 30)}課`,
      random() < 0.8 ? '検討中' : '受付',
      random() < 0.7 ? 'はい' : 'いいえ',
    ]
      .map(csvCell)
      .join(',');
    const size = Buffer.byteLength(row) + 2;
    if (lines.length > csvLimits.maxRows || bytes + size > csvLimits.maxBytes * 0.95) flush();
    lines.push(row);
    bytes += size;
  }
  flush();
  return files;
};

/**
 * Drafts for the submit scenario's 提出する: the evaluation set's clauses (split at 、 and 。) recombined —
 * a title of two title halves, a body of four clauses, a number — so that most drafts are new and some
 * are like a proposal already there (then the form shows the similar proposals instead of submitting, as
 * it would for the user).
 */
export const submitDraft = (i: number): { title: string; body: string } => {
  const { titleParts, clauses } = clausePools();
  const random = seededRandom(1_000_003 * (i + 1));
  const pick = <T>(pool: readonly T[]) => pool[Math.floor(random() * pool.length)]!;
  return {
    title: `${pick(titleParts)}の${pick(titleParts)}（${i}）`,
    body: `${pick(clauses)}、${pick(clauses)}。${pick(clauses)}、${pick(clauses)}。（受付${i}）`,
  };
};

let cachedClauses: { titleParts: string[]; clauses: string[] } | undefined;
const clausePools = () =>
  (cachedClauses ??= (() => {
    const { titles, sentences } = pools();
    return {
      titleParts: titles.flatMap((title) => title.split('の')).filter((part) => part.length >= 2),
      clauses: sentences
        .flatMap((sentence) => sentence.split(/[、。]/))
        .map((clause) => clause.trim())
        .filter((clause) => clause.length >= 6),
    };
  })());

let cachedPools: ReturnType<typeof sentencePools> | undefined;
const pools = () => (cachedPools ??= sentencePools());
