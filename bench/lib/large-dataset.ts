/**
 * The scenario-3 database: 100,000 proposals over five fiscal years (FY2021–FY2025, 20,000 each) and
 * 1,000,000 stamps, written by set-based SQL (generate_series) so it takes seconds, not an hour of
 * row-by-row inserts. Runs on a migrated database with the base data (stamp kinds, FY2024 projects),
 * on PostgreSQL and PGlite alike. `setseed` makes the data the same on every run of one server version.
 *
 * Shape, chosen to look like a prefecture: 60 divisions with a skewed size (the largest holds ~13% of
 * the staff), 5,000 staff, statuses in the proportions of the plan's table, 80% published, Japanese
 * titles and bodies built from office vocabulary so that a two-character term such as 「業務」 matches
 * a realistic share of proposals. The list scenario filters the largest division, one status and 「業務」,
 * and asserts that page 50 is full, so it measures a deep page rather than an empty one.
 */
export const largeDataset = {
  fiscalYears: [2021, 2022, 2023, 2024, 2025],
  proposalsPerYear: 20_000,
  stamps: 1_000_000,
  divisions: 60,
  users: 5_000,
  /** The year the dashboard scenario asks for (the latest full one). */
  dashboardFiscalYear: 2025,
  listQuery: { status: 'under_consideration', term: '業務', page: 50, pageSize: 20 },
} as const;

const subjects = [
  '業務',
  '会議',
  '文書',
  '申請',
  '窓口',
  '庁内',
  '研修',
  '予算',
  '経費',
  '決裁',
  '出張',
  '印刷',
  '資料',
  '電話',
  '郵送',
  '在宅勤務',
  '休暇',
  '健康管理',
  '照会',
  '統計',
];
const actions = [
  '効率化',
  '削減',
  '見直し',
  'デジタル化',
  '共有',
  '簡素化',
  '改善',
  '標準化',
  '自動化',
  'ペーパーレス化',
];
const arrayLiteral = (words: readonly string[]) => `array[${words.map((word) => `'${word}'`).join(', ')}]`;

/** `pick(words)`: one random element of the array, as SQL. */
const pick = (words: readonly string[]) =>
  `(${arrayLiteral(words)})[1 + floor(random() * ${words.length})::int]`;

/** The statements, in order. Each is one set-based statement (no procedural loop). */
export const largeDatasetStatements = (): string[] => {
  const { fiscalYears, proposalsPerYear, stamps, divisions, users } = largeDataset;
  const firstYear = fiscalYears[0]!;
  const years = fiscalYears.length;
  // A Tokyo fiscal year starts on 1 April 00:00 +09:00.
  const fyStart = (expression: string) => `make_timestamptz(${expression}, 4, 1, 0, 0, 0, 'Asia/Tokyo')`;
  return [
    `select setseed(0.42)`,
    // Generated data is consistent by construction: no foreign-key checks or count triggers per row
    // (five million row triggers); the dashboard counts are rebuilt in one pass at the end.
    `set session_replication_role = replica`,
    `insert into divisions (code, name, sort_order)
       select 'D' || lpad(n::text, 3, '0'), '第' || n || '課', n
       from generate_series(1, ${divisions}) n`,
    // Division sizes follow 1/x-ish: power(random(), 2) puts ~13% of the staff in the first division.
    `insert into users (aad_object_id, tenant_id, email, display_name, division_id)
       select 'bench-user-' || x.n, 'bench-tenant', 'user' || x.n || '@bench.example.jp', '職員 ' || x.n, d.id
       from (select n, 1 + floor(${divisions} * power(random(), 2))::int as dn
             from generate_series(1, ${users}) n) x
       join divisions d on d.code = 'D' || lpad(x.dn::text, 3, '0')`,
    // Users numbered for cheap random picks (uuid ids are not).
    `create temporary table bench_users as
       select row_number() over (order by u.display_name) as n, u.id, u.display_name, u.division_id
       from users u where u.aad_object_id like 'bench-user-%'`,
    `create index on bench_users (n)`,
    `create temporary table bench_divisions as
       select row_number() over (order by code) as n, id from divisions where code like 'D%'`,
    `create index on bench_divisions (n)`,
    // Random choices drawn once into a temporary table: a volatile subquery on the inner side of a
    // join could be evaluated again and draw different numbers.
    `create temporary table bench_proposals as
         select fy, seq,
                ${pick(subjects)} as subject, ${pick(actions)} as action,
                ${fyStart('fy')} + (seq - 1 + random()) * (interval '365 days' / ${proposalsPerYear}) as submitted_at,
                1 + floor(random() * ${users})::int as user_n,
                1 + floor(random() * ${divisions})::int as responsible_n,
                case
                  when r < 0.10 then 'received'
                  when r < 0.45 then 'under_consideration'
                  when r < 0.60 then 'settled'
                  when r < 0.80 then 'realised'
                  when r < 0.92 then 'blocked'
                  else 'withdrawn'
                end as status
         from (select fy, seq, random() as r
               from generate_series(${firstYear}, ${firstYear + years - 1}) fy,
                    generate_series(1, ${proposalsPerYear}) seq) numbered`,
    // Secondary indexes are dropped for the load and built again afterwards: one sorted build instead of
    // 25 million GIN insertions and 6 million b-tree insertions. Constraint indexes stay.
    `set maintenance_work_mem = '256MB'`,
    `create temporary table bench_indexes as
       select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class t on t.oid = i.indrelid
       where t.relname in ('proposals', 'stamps', 'proposal_history')
         and t.relnamespace = 'public'::regnamespace and not i.indisprimary
         and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    `do $$ declare r record; begin
       for r in select name from bench_indexes loop execute 'drop index ' || r.name; end loop;
     end $$`,
    `insert into proposals (fiscal_year, sequence, number, title, body, category, expected_effect, proposer_id,
                            proposer_name, proposer_division_id, responsible_division_id, horizon, status,
                            block_reason, revisit_on, answer, answered_at, is_published, submitted_at,
                            realised_at, created_at, updated_at)
       select g.fy, g.seq, 'R' || (g.fy - 2018) || '-' || lpad(g.seq::text, greatest(4, length(g.seq::text)), '0'),
              g.subject || 'の' || g.action || 'について',
              '現在の' || g.subject || 'は' || ${pick(subjects)} || 'に時間がかかっている。' ||
                ${pick(subjects)} || 'を' || ${pick(actions)} || 'することで、' || ${pick(subjects)} ||
                'の負担を減らせる。あわせて' || ${pick(subjects)} || 'の' || ${pick(actions)} ||
                'も検討してほしい。職員の声として、' || ${pick(subjects)} || 'と' || ${pick(subjects)} ||
                'の手順を' || ${pick(actions)} || 'すれば、県民サービスの向上にもつながると考える。',
              (array['paperless','digital','efficiency','workstyle','workplace','service','organization','other'])[1 + floor(random() * 8)::int],
              case when random() < 0.6 then ${pick(subjects)} || 'にかかる時間が月' || (1 + floor(random() * 40)) || '時間ほど減る。' end,
              u.id, u.display_name, u.division_id,
              -- A third of the new ones are already assigned (所管課の回答待ち, issue 13).
              case when g.status <> 'received' or random() < 0.33 then rd.id end,
              case when g.status in ('settled', 'realised', 'under_consideration')
                   then (array['short','medium','long'])[1 + floor(random() * 3)::int] end,
              g.status,
              case when g.status = 'blocked' then (array['legal','security','budget','system','other'])[1 + floor(random() * 5)::int] end,
              -- 再検討時期: within two years of the proposal (many have come, as in a real backlog).
              case when g.status = 'blocked' then (g.submitted_at + random() * interval '730 days')::date end,
              case when g.status <> 'received' then '回答：' || g.subject || 'の' || g.action || 'について検討しました。' end,
              case when g.status <> 'received' then g.submitted_at + interval '20 days' end,
              random() < 0.8,
              g.submitted_at,
              case when g.status in ('settled', 'realised') then g.submitted_at + (random() * 200) * interval '1 day' end,
              g.submitted_at, g.submitted_at
       from bench_proposals g
       join bench_users u on u.n = g.user_n
       join bench_divisions rd on rd.n = g.responsible_n`,
    // A liaison's draft waits for the office (承認待ち) on about one in a hundred assigned open proposals.
    `insert into proposal_answer_drafts (proposal_id, status, answer, author_id, updated_at)
       select p.id, 'under_consideration', '回答案：検討します。', p.proposer_id, p.submitted_at + interval '10 days'
       from proposals p
       where p.responsible_division_id is not null and p.status in ('received', 'under_consideration')
         and random() < 0.01`,
    `insert into proposal_counters (fiscal_year, last_sequence)
       select fy, ${proposalsPerYear} from generate_series(${firstYear}, ${firstYear + years - 1}) fy
       on conflict (fiscal_year) do update set last_sequence = excluded.last_sequence`,
    `insert into proposal_history (proposal_id, actor_id, action, changes, created_at)
       select id, proposer_id, 'created', '{"status":{"from":null,"to":"received"}}'::jsonb, submitted_at
       from proposals`,
    // About one in forty FY2024 proposals is linked to one of that year's priority projects.
    `insert into proposal_project_links (proposal_id, project_id, linked_at)
       select p.id, pp.id, p.submitted_at + interval '30 days'
       from proposals p
       join priority_projects pp on pp.fiscal_year = p.fiscal_year
         and pp.item_no = 1 + (p.sequence % 3) and pp.theme_no = 1 + (p.sequence % 2)
       where p.fiscal_year = 2024 and p.sequence % 40 = 0`,
    // Stamps: senders and recipients are distinct staff; volume grows a little year on year. Written in
    // sending order, as they arrive in production (the heap follows sent_at).
    `create temporary table bench_stamps as
         select i,
                1 + floor(random() * ${users})::int as sender_n,
                1 + floor(random() * (${users} - 1))::int as offset_n,
                1 + floor(random() * 5)::int as kind_n,
                ${fyStart(String(firstYear))} + power(random(), 0.8) * (interval '${years * 365} days') as sent_at
         from generate_series(1, ${stamps}) i`,
    `insert into stamps (kind_code, sender_id, recipient_id, sender_division_id, recipient_division_id, message,
                         request_id, sent_at)
       select k.code, s.id, r.id, s.division_id, r.division_id,
              case when g.i % 2 = 0 then 'いつもありがとうございます。' end,
              'bench-stamp-' || g.i, g.sent_at
       from bench_stamps g
       join bench_users s on s.n = g.sender_n
       join bench_users r on r.n = 1 + ((g.sender_n - 1 + g.offset_n) % ${users})
       join (select row_number() over (order by sort_order, code) as n, code from stamp_kinds) k on k.n = g.kind_n
       order by g.sent_at`,
    `do $$ declare r record; begin
       for r in select definition from bench_indexes loop execute r.definition; end loop;
     end $$`,
    `drop table bench_users, bench_divisions, bench_proposals, bench_stamps, bench_indexes`,
    `set session_replication_role = origin`,
    `select app_rebuild_dashboard_counts()`,
    `analyze`,
  ];
};
