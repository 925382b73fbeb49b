import { sql, type SQL } from 'drizzle-orm';
import { fiscalYearShortLabel, formatProposalNumber } from '#shared';
import { queryRows, type Executor } from '../database';
import { proposalCounters } from '../schema/index';

/**
 * Proposal numbers (`R6-0001`), for every path that creates proposals: the bot's one-statement
 * submission, the general submission, the CSV import and the demo seed.
 *
 * Each fiscal year has a counter row, incremented in the transaction that inserts the proposals: the
 * row stays locked until commit (concurrent submissions queue on it) and a rollback gives the numbers
 * back, so numbers are unique and gap-free. Every writer of a counter row first takes the year's
 * advisory transaction lock (app_lock_proposal_numbers, migration 0034): the waiters then queue in
 * order instead of all waking at each commit to race for the row (measured with 50 clients).
 */
export interface ProposalNumber {
  sequence: number;
  number: string;
}

/**
 * The statement that takes `count` numbers of a fiscal year and returns the counter's new last
 * sequence. With `onlyIf`, it takes them only when that relation has a row (a CTE uses it to take a
 * number only when there is something to insert).
 */
export const takeSequencesSql = (fiscalYear: number, count: number, onlyIf?: SQL): SQL =>
  sql`insert into ${proposalCounters} (fiscal_year, last_sequence)
      select ${fiscalYear}::int, ${count}::int ${onlyIf ? sql`from ${onlyIf}` : sql``}
      where app_lock_proposal_numbers(${fiscalYear}::int)
      on conflict (fiscal_year) do update set last_sequence = ${proposalCounters}.last_sequence + excluded.last_sequence
      returning last_sequence`;

/**
 * The number of a sequence in SQL, as formatProposalNumber writes it (four digits at least, more after
 * 9999): the only copy of the format outside shared/, compared with it by proposal-numbering.int.test.ts.
 */
export const proposalNumberSql = (fiscalYear: number, sequence: SQL): SQL =>
  sql`${`${fiscalYearShortLabel(fiscalYear)}-`}::text || lpad(${sequence}::text, greatest(4, length(${sequence}::text)), '0')`;

/** Takes `count` consecutive numbers of a fiscal year. Must run in the transaction that inserts them. */
export const reserveProposalNumbers = async (
  db: Executor,
  fiscalYear: number,
  count: number,
): Promise<ProposalNumber[]> => {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Cannot reserve ${count} numbers`);
  const [row] = await queryRows<{ last_sequence: number }>(db, takeSequencesSql(fiscalYear, count));
  const first = Number(row!.last_sequence) - count + 1;
  return Array.from({ length: count }, (_, index) => ({
    sequence: first + index,
    number: formatProposalNumber(fiscalYear, first + index),
  }));
};

/** The next number of a fiscal year (see reserveProposalNumbers). */
export const takeProposalNumber = async (db: Executor, fiscalYear: number): Promise<ProposalNumber> =>
  (await reserveProposalNumbers(db, fiscalYear, 1))[0]!;

/** After inserting explicit numbers (imports), the counter must not hand them out again. */
export const honourProposalNumbers = async (
  db: Executor,
  fiscalYear: number,
  highestSequence: number,
): Promise<void> => {
  // The same queue as takeSequencesSql, taken first, so no two writers wait for each other in a cycle.
  await db.execute(sql`select app_lock_proposal_numbers(${fiscalYear}::int)`);
  await db
    .insert(proposalCounters)
    .values({ fiscalYear, lastSequence: highestSequence })
    .onConflictDoUpdate({
      target: proposalCounters.fiscalYear,
      set: { lastSequence: sql`greatest(${proposalCounters.lastSequence}, excluded.last_sequence)` },
    });
};
