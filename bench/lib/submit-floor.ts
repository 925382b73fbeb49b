import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { similarProposalThreshold } from '#shared';
import { similarSearchBounds } from '../../bot/src/data/repositories/similar-proposals-repository';

/**
 * What PostgreSQL alone sustains for a 提出する as the product issues it on a database with history:
 * the turn's contact read, the similar-proposal check (app_similar_proposals with the product's bounds
 * and threshold) and the one-statement submission (proposal-submission-repository.ts) — pgbench on
 * loopback, no Node.js, botbuilder or HTTP. The drafts are the bench's own (`drafts`), loaded into a
 * table pgbench picks from; users are found by their Entra object id, as the bot finds the sender.
 * One transaction in a hundred also folds the pending term deltas, as the product's worker does every
 * 2 s (at the rates measured here, about as often), so the similar check has as much pending to add.
 */
export const submitWithCheckScript = (options: {
  /** SQL expression of a user's aad_object_id for pgbench variable :s. */
  aadOf: (variable: string) => string;
  people: number;
  fiscalYear: number;
  drafts: number;
}): string => {
  const { postings, terms, pool } = similarSearchBounds;
  const prefix = `R${options.fiscalYear - 2018}-`;
  return `\\set s random(1, ${options.people})
\\set k random(1, ${options.drafts})
\\set req random(1, 9000000000000000)
\\set fold random(1, 100)
select u.*, c.* from users u
  left join conversation_references c on c.conversation_id = 'a:floor-' || :s
  where u.aad_object_id = ${options.aadOf(':s')};
select * from app_similar_proposals((select title || ' ' || body from floor_drafts where k = :k),
  ${postings}, ${terms}, ${pool}, ${similarProposalThreshold}, 20, null,
  (select id from users where aad_object_id = ${options.aadOf(':s')}));
with existing as (select id from proposals where client_request_id = 'floor-' || :req),
proposer as (
  select u.id, u.display_name, u.division_id from users u
  where u.aad_object_id = ${options.aadOf(':s')} and not exists (select 1 from existing)
),
counter as (
  insert into proposal_counters (fiscal_year, last_sequence) select ${options.fiscalYear}, 1 from proposer
  where app_lock_proposal_numbers(${options.fiscalYear})
  on conflict (fiscal_year) do update set last_sequence = proposal_counters.last_sequence + 1
  returning last_sequence
),
inserted as (
  insert into proposals (fiscal_year, sequence, number, title, body, category, expected_effect,
                         proposer_id, proposer_name, proposer_division_id, client_request_id, submitted_at)
  select ${options.fiscalYear}, c.last_sequence, '${prefix}' || lpad(c.last_sequence::text, greatest(4, length(c.last_sequence::text)), '0'),
         (select title from floor_drafts where k = :k), (select body from floor_drafts where k = :k),
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
\\if :fold = 1
select app_fold_proposal_term_deltas();
\\endif
`;
};

/** Loads the drafts pgbench picks from (table floor_drafts, k = 1…n). */
export const loadFloorDrafts = async (url: string, drafts: { title: string; body: string }[]) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop table if exists floor_drafts`);
    await client.query(
      `create table floor_drafts (k integer primary key, title text not null, body text not null)`,
    );
    await client.query(
      `insert into floor_drafts select (d->>'k')::int, d->>'title', d->>'body' from json_array_elements($1::json) d`,
      [JSON.stringify(drafts.map((draft, index) => ({ k: index + 1, ...draft })))],
    );
    // The history's import left its term deltas pending: folded, as the server's worker does at once.
    await client.query(`select app_fold_proposal_term_deltas()`);
  } finally {
    await client.end();
  }
};

/** pgbench's transactions per second for a script (`-M simple`, 2 threads). */
export const pgbenchTps = (url: string, script: string, clients: number, seconds: number): number => {
  const dir = mkdtempSync(join(tmpdir(), 'submit-floor-'));
  try {
    const file = join(dir, 'script.sql');
    writeFileSync(file, script);
    const output = execFileSync(
      'pgbench',
      ['-n', '-M', 'simple', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file, url],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const match = /tps = ([\d.]+)/.exec(output);
    if (!match) throw new Error(`pgbench gave no tps:\n${output}`);
    return Number(match[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
