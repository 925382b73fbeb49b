import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formatProposalNumber } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import {
  honourProposalNumbers,
  proposalNumberSql,
  takeProposalNumber,
} from '../../bot/src/data/repositories/proposal-numbering';
import { loadProposalDtos } from '../../bot/src/data/repositories/proposal-dtos-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

const input = (n: number) => ({ title: `提案 ${n}`, body: `本文 ${n}`, category: 'efficiency' });
const inFy2024 = new Date('2024-06-10T01:00:00Z');

describe('proposal numbering', () => {
  const ctx = useTestDatabase();

  it('gives 50 concurrent submissions unique, gap-free numbers within the fiscal year', async () => {
    const actor = await createTestUser(ctx.db, { division: '人事課' });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => submitProposal(ctx.db, { actor, input: input(i), now: inFy2024 })),
    );
    const numbers = results.map((result) => result.proposal.number).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `R6-${String(i + 1).padStart(4, '0')}`));
    const [row] = await queryRows<{ count: number; history: number }>(
      ctx.db,
      sql`select (select count(*)::int from proposals) as count, (select count(*)::int from proposal_history where action = 'created') as history`,
    );
    expect(row).toEqual({ count: 50, history: 50 });
  });

  it('starts again at 0001 in a new fiscal year, judged in Tokyo time', async () => {
    const actor = await createTestUser(ctx.db);
    const lastDayOfR6 = await submitProposal(ctx.db, {
      actor,
      input: input(1),
      now: new Date('2025-03-31T14:59:59Z'),
    });
    const firstDayOfR7 = await submitProposal(ctx.db, {
      actor,
      input: input(2),
      now: new Date('2025-03-31T15:00:00Z'),
    });
    expect(lastDayOfR6.proposal.number).toBe('R6-0001');
    expect(firstDayOfR7.proposal.number).toBe('R7-0001');
    expect(firstDayOfR7.proposal.fiscalYear).toBe(2025);
  });

  it('gives a number back when its transaction rolls back, so no gap appears', async () => {
    const actor = await createTestUser(ctx.db);
    await submitProposal(ctx.db, { actor, input: input(1), now: inFy2024 });
    await expect(
      ctx.db.transaction(async (tx) => {
        expect(await takeProposalNumber(tx, 2024)).toEqual({ sequence: 2, number: 'R6-0002' });
        throw new Error('fail after taking a number');
      }),
    ).rejects.toThrow('fail after taking a number');
    const next = await submitProposal(ctx.db, { actor, input: input(2), now: inFy2024 });
    expect(next.proposal.number).toBe('R6-0002');
  });

  it('creates one proposal for a request delivered twice, even concurrently', async () => {
    const actor = await createTestUser(ctx.db);
    const [first, second] = await Promise.all([
      submitProposal(ctx.db, { actor, input: input(1), clientRequestId: 'card-123', now: inFy2024 }),
      submitProposal(ctx.db, { actor, input: input(1), clientRequestId: 'card-123', now: inFy2024 }),
    ]);
    expect(first.proposal.id).toBe(second.proposal.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const again = await submitProposal(ctx.db, { actor, input: input(1), clientRequestId: 'card-123' });
    expect(again).toMatchObject({ created: false, proposal: { number: 'R6-0001' } });
    const [row] = await queryRows<{ count: number; seq: number }>(
      ctx.db,
      sql`select (select count(*)::int from proposals) as count, (select last_sequence from proposal_counters) as seq`,
    );
    expect(row).toEqual({ count: 1, seq: 1 });
  });

  it('numbers past 9999 as formatProposalNumber does, answering with the stored proposal as read back', async () => {
    const actor = await createTestUser(ctx.db, { division: '財政課' });
    await honourProposalNumbers(ctx.db, 2024, 9998);
    const results = [];
    for (const n of [1, 2]) {
      results.push(
        await submitProposal(ctx.db, { actor, input: input(n), clientRequestId: `card-${n}`, now: inFy2024 }),
      );
    }
    expect(results.map((result) => result.proposal.number)).toEqual(['R6-9999', 'R6-10000']);
    // The one-statement submission builds its answer itself: it must equal what a read gives.
    const stored = await loadProposalDtos(
      ctx.db,
      results.map((result) => result.proposal.id),
    );
    expect(results.map((result) => result.proposal)).toEqual(stored);
    expect(stored[0]).toMatchObject({ proposerDivision: { name: '財政課' }, status: 'received' });
  });

  it('formats numbers in SQL exactly as formatProposalNumber does (the only SQL copy of the format)', async () => {
    for (const [fiscalYear, sequence] of [
      [2024, 1],
      [2024, 9999],
      [2025, 10000],
      [2019, 123456],
      [2030, 42],
    ] as const) {
      const [row] = await queryRows<{ number: string }>(
        ctx.db,
        sql`select ${proposalNumberSql(fiscalYear, sql`${sequence}::int`)} as number`,
      );
      expect(row!.number).toBe(formatProposalNumber(fiscalYear, sequence));
    }
  });

  it('takes no number for a proposer who does not exist', async () => {
    const actor = await createTestUser(ctx.db);
    await submitProposal(ctx.db, { actor, input: input(1), now: inFy2024 });
    const ghost = { ...actor, userId: '00000000-0000-4000-8000-00000000dead' };
    await expect(
      submitProposal(ctx.db, { actor: ghost, input: input(2), now: inFy2024 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const next = await submitProposal(ctx.db, { actor, input: input(3), now: inFy2024 });
    expect(next.proposal.number).toBe('R6-0002');
  });
});
