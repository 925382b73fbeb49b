import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { stampReceivedCard } from '../bot/src/cards/index';
import { createWorkerRuntime } from '../bot/src/jobs/worker-runtime';
import { importProposalsCsv } from '../bot/src/services/csv/import-proposals';
import { createBenchDatabase } from './lib/databases';
import { historyCsvFiles, submitDraft } from './lib/similar-data';
import { loadFloorDrafts, submitWithCheckScript } from './lib/submit-floor';

/**
 * `npm run bench:database-floor`: what PostgreSQL alone sustains on this machine for the writes behind
 * scenarios 1 and 2, with no Node.js, botbuilder or HTTP involved — pgbench on loopback, 8 s each, at the
 * product's pool size (10 connections) and at the bench's 50. It shows whether a budget relative to
 * the SDK floor (~1,250 requests/s here) can be met by any server built on these writes.
 *
 * - `insert`: one durable single-row insert per transaction (the cheapest durable write).
 * - `counter + insert`: a gap-free number (one counter row per fiscal year, updated in the same
 *   statement) and the insert — what makes proposal numbers unique and without gaps.
 * - `proposal submit`: what a 「提案する」 runs, as the product issues it (proposal-submission-repository.ts):
 *   the contact read and the one statement with the gap-free number, the proposal (its search grams
 *   and the dashboard-count trigger) and its history entry.
 * - `proposal submit with the similar check`: the same after the similar-proposal check of the draft
 *   (app_similar_proposals, as 提出する runs it), on the database once it holds FLOOR_HISTORY proposals
 *   (default 40,000, loaded through the product's CSV import): issue 16's ceiling for submissions.
 * - `stamp send` (and again without the stamps' dashboard-count trigger): the statements a 「スタンプを送る」 to three colleagues runs, as the product issues them
 *   (see stamp-service.ts; captured from PostgreSQL's statement log): the sender's contact, the stamp
 *   kinds, then in one transaction the recipients, three stamps (with the dashboard-count trigger), three
 *   queued deliveries with the real card payload, their three pg-boss jobs, and the reachability read.
 */
const seconds = Number(process.env.FLOOR_SECONDS ?? 8);
/** FLOOR_STATEMENTS=1: pgbench's latency of each statement too (-r), to see where the time goes. */
const perStatement = process.env.FLOOR_STATEMENTS === '1';
const people = 1_000;
const divisions = 20;
const history = Number(process.env.FLOOR_HISTORY ?? 40_000);

const uuidOf = (prefix: string, n: string) => `('${prefix}-0000-4000-8000-' || lpad((${n})::text, 12, '0'))`;
const userId = (n: string) => `${uuidOf('dddddddd', n)}::uuid`;
const aadId = (n: string) => uuidOf('eeeeeeee', n);
const divisionOf = (n: string) => `${uuidOf('ffffffff', `1 + (${n}) % ${divisions}`)}::uuid`;

const stampScript = (payload: string): string => {
  const recipients = ['r1', 'r2', 'r3'];
  const literal = payload.replaceAll("'", "''");
  const deliveries = recipients
    .map((r) => `('stamp:floor-' || :req || '-${r}', ${userId(`:${r}`)}, 'queued', '${literal}'::jsonb)`)
    .join(',\n  ');
  const jobs = recipients
    .map((r) => `'{"name":"notifications","data":{"dedupeKey":"stamp:floor-' || :req || '-${r}"}}'`)
    .join(" || ',' || ");
  return `\\set s random(1, ${people})
\\set r1 1 + (:s % ${people})
\\set r2 1 + ((:s + 1) % ${people})
\\set r3 1 + ((:s + 2) % ${people})
\\set req random(1, 9000000000000000)
select u.*, c.* from users u
  left join conversation_references c on c.conversation_id = 'a:floor-' || :s
  where u.aad_object_id = ${aadId(':s')};
select code, label, emoji, purpose, is_active, sort_order from stamp_kinds order by sort_order, code;
begin;
select * from users where aad_object_id in (${recipients.map((r) => aadId(`:${r}`)).join(', ')});
insert into stamps (kind_code, sender_id, recipient_id, sender_division_id, recipient_division_id, message, request_id, sent_at)
values ${recipients
    .map(
      (r) =>
        `('thanks', ${userId(':s')}, ${userId(`:${r}`)}, ${divisionOf(':s')}, ${divisionOf(`:${r}`)}, 'いつもありがとうございます', 'floor-' || :req, now())`,
    )
    .join(',\n  ')}
on conflict do nothing returning *;
insert into notification_deliveries (dedupe_key, user_id, status, payload)
values ${deliveries}
on conflict (dedupe_key) do nothing returning dedupe_key;
insert into pgboss.job (id, name, data, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy, dead_letter)
select gen_random_uuid(), j.name, j.data, q.expire_seconds * interval '1s', now() + q.retention_minutes * interval '1 minute',
       q.retry_limit, q.retry_delay, q.retry_backoff, q.policy, q.dead_letter
from json_to_recordset(('[' || ${jobs} || ']')::json) as j (name text, data jsonb)
join pgboss.queue q on q.name = j.name
on conflict do nothing;
select distinct user_id from conversation_references
  where user_id in (${recipients.map((r) => userId(`:${r}`)).join(', ')}) and conversation_type = 'personal' and is_active;
commit;
`;
};

/** A 「提案する」 as the product issues it: the turn's contact read, then the one-statement submission. */
const submitScript = `\\set s random(1, ${people})
\\set req random(1, 9000000000000000)
select u.*, c.* from users u
  left join conversation_references c on c.conversation_id = 'a:floor-' || :s
  where u.aad_object_id = ${aadId(':s')};
with existing as (select id from proposals where client_request_id = 'floor-' || :req),
proposer as (
  select u.id, u.display_name, u.division_id from users u
  where u.id = ${userId(':s')} and not exists (select 1 from existing)
),
counter as (
  insert into proposal_counters (fiscal_year, last_sequence) select 2026, 1 from proposer
  where app_lock_proposal_numbers(2026)
  on conflict (fiscal_year) do update set last_sequence = proposal_counters.last_sequence + 1
  returning last_sequence
),
inserted as (
  insert into proposals (fiscal_year, sequence, number, title, body, category, expected_effect,
                         proposer_id, proposer_name, proposer_division_id, client_request_id, submitted_at)
  select 2026, c.last_sequence, 'R8-' || lpad(c.last_sequence::text, greatest(4, length(c.last_sequence::text)), '0'),
         '窓口の手続を見直す提案 ' || :req,
         '窓口の手続に時間がかかっています。様式を統一し、電子で回付すれば、担当者の確認作業が減り、県民への回答も早くなります。（' || :req || '）',
         'efficiency', null, p.id, p.display_name, p.division_id, 'floor-' || :req, now()
  from counter c cross join proposer p
  returning *
),
history as (
  insert into proposal_history (proposal_id, actor_id, action, changes)
  select id, proposer_id, 'created', '{"status": {"to": "received", "from": null}}'::jsonb from inserted
)
select (select id from existing) as existing_id, i.*, p.display_name, d.name
from (select 1) as one left join inserted i on true left join proposer p on true
left join divisions d on d.id = i.proposer_division_id;
`;

const scripts = (payload: string): Record<string, string> => ({
  insert: `insert into floor_rows (body) values ('提案の本文 ' || random());\n`,
  'counter + insert': `with n as (update floor_counter set next = next + 1 where fiscal_year = 2026 returning next - 1 as number)
insert into floor_numbered (number, body) select number, '提案の本文' from n;\n`,
  'proposal submit': submitScript,
  // Runs after the history is loaded (see main).
  'proposal submit with the similar check': submitWithCheckScript({
    aadOf: (v) => aadId(v),
    people,
    fiscalYear: 2027,
    drafts: 2000,
  }),
  'stamp send': stampScript(payload),
  // The same with the dashboard-count trigger switched off (set below): what the synchronous counts
  // cost, as stamps of one division and kind in one month share a count row until commit.
  'stamp send without dashboard counts': stampScript(payload),
});

const main = async () => {
  const database = await createBenchDatabase('postgres', 'floor');
  const dir = mkdtempSync(join(tmpdir(), 'database-floor-'));
  try {
    const handle = await database.open();
    try {
      // pg-boss's schema and the notification queues, as the server creates them.
      const runtime = createWorkerRuntime({ database: handle, runWorker: false });
      await runtime.start({ debug: () => {}, info: () => {}, warn: () => {}, error: () => {} });
      await runtime.stop();
      await handle.db.execute(
        sql.raw(`
        create table floor_rows (id bigint generated always as identity primary key, body text not null,
          created_at timestamptz not null default now());
        create table floor_counter (fiscal_year integer primary key, next integer not null);
        insert into floor_counter values (2026, 1);
        create table floor_numbered (number integer primary key, body text not null);
        insert into divisions (id, code, name, sort_order)
          select ${uuidOf('ffffffff', 'n')}::uuid, 'F' || n, 'ベンチ第' || n || '課', n from generate_series(1, ${divisions}) n;
        insert into users (id, aad_object_id, tenant_id, display_name, division_id)
          select ${userId('n')}, ${aadId('n')}, 'tenant-floor', '職員 ' || n, ${divisionOf('n')}
          from generate_series(1, ${people}) n;
        insert into conversation_references (conversation_id, conversation_type, tenant_id, user_id, service_url, reference)
          select 'a:floor-' || n, 'personal', 'tenant-floor', ${userId('n')}, 'https://smba.trafficmanager.net/jp/', '{}'::jsonb
          from generate_series(1, ${people}) n;
        analyze;
      `),
      );
    } finally {
      await handle.close();
    }
    const payload = JSON.stringify({
      summary: '職員 1さんから「ありがとう」スタンプが届きました',
      card: stampReceivedCard({
        senderName: '職員 1',
        kind: { code: 'thanks', label: 'ありがとう', emoji: '🙏', purpose: 'appreciation' },
        message: 'いつもありがとうございます',
        sentAt: new Date(),
        replyRequestId: 'reply:00000000-0000-4000-8000-000000000000',
        thanksKindCode: 'thanks',
      }),
    });
    const url = database.env.DATABASE_URL!;
    console.log(`PostgreSQL alone, pgbench ${seconds} s each (transactions per second):`);
    console.log('| workload | 10 clients (the pool) | 50 clients |\n| --- | ---: | ---: |');
    for (const [name, script] of Object.entries(scripts(payload))) {
      if (name === 'proposal submit with the similar check') {
        const loader = await database.open();
        try {
          for (const file of historyCsvFiles(history))
            await importProposalsCsv(loader.db, { actor: null, content: file });
        } finally {
          await loader.close();
        }
        await loadFloorDrafts(
          url,
          Array.from({ length: 2000 }, (_, i) => submitDraft(1_000_000 + i)),
        );
      }
      if (name === 'stamp send without dashboard counts') {
        const admin = await database.open();
        await admin.db.execute(sql`alter table stamps disable trigger stamps_dashboard_counts`);
        await admin.close();
      }
      const file = join(dir, `${name.replaceAll(/\W+/g, '-')}.sql`);
      writeFileSync(file, script);
      const tps = [10, 50].map((clients) => {
        const output = execFileSync(
          'pgbench',
          [
            ...['-n', '-M', 'simple', '-c', String(clients), '-j', '2', '-T', String(seconds)],
            ...(perStatement ? ['-r'] : []),
            ...['-f', file, url],
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
        );
        const match = /tps = ([\d.]+)/.exec(output);
        if (!match) throw new Error(`pgbench gave no tps for ${name}:\n${output}`);
        if (perStatement) console.log(output.slice(output.indexOf('statement latencies')));
        return Math.round(Number(match[1]));
      });
      console.log(`| ${name} | ${tps[0]!.toLocaleString('en')} | ${tps[1]!.toLocaleString('en')} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
