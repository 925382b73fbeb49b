import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../bot/src/data/database';
import { findProposalFormChoices } from '../../bot/src/data/repositories/proposal-form-choices-repository';
import {
  findSimilarCandidatesForRequest,
  findSimilarProposalCandidates,
  foldProposalTermCounts,
} from '../../bot/src/data/repositories/similar-proposals-repository';
import { findTeamsContact } from '../../bot/src/data/repositories/teams-contact-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

/**
 * The statements a 提出する sends on most turns (the contact read, the similar check, the form's
 * choices) are named, so each server connection parses and plans them once instead of on every call.
 * Run twice on one connection (a transaction holds one), they answer alike, and on PostgreSQL the
 * connection holds them as prepared statements afterwards.
 */
describe('the named statements of a 提出する', () => {
  const ctx = useTestDatabase();

  it('are prepared once per connection and answer the same every time', async () => {
    const proposer = await createTestUser(ctx.db);
    await submitProposal(ctx.db, {
      actor: proposer,
      input: { title: '押印の廃止', body: '申請書の押印を廃止してほしい。', category: 'efficiency' },
      clientRequestId: 'named-1',
    });
    await foldProposalTermCounts(ctx.db);
    const [user] = await queryRows<{ aad: string }>(
      ctx.db,
      sql`select aad_object_id as aad from users where id = ${proposer.userId}::uuid`,
    );
    const draft = '押印を廃止しよう 申請書の押印をなくしてほしい。';
    const turn = async (tx: Executor) => ({
      contact: (await findTeamsContact(tx, user!.aad, 'conversation-1'))?.user.id,
      choices: (await findProposalFormChoices(tx, 2026)).categories.length,
      similar: (await findSimilarProposalCandidates(tx, draft, { limit: 3, minScore: 0.1 })).candidates.map(
        (c) => c.title,
      ),
      forRequest: await findSimilarCandidatesForRequest(tx, draft, {
        limit: 3,
        minScore: 0.1,
        proposerId: proposer.userId,
        requestId: 'named-1',
      }),
    });
    const { first, second, prepared } = await ctx.db.transaction(async (tx) => ({
      first: await turn(tx),
      second: await turn(tx),
      prepared:
        ctx.database.kind === 'postgres'
          ? (
              await queryRows<{ name: string }>(
                tx,
                sql`select name from pg_prepared_statements order by name`,
              )
            ).map((row) => row.name)
          : [],
    }));
    expect(first.contact).toBe(proposer.userId);
    expect(first.choices).toBeGreaterThan(0);
    expect(first.similar).toEqual(['押印の廃止']);
    expect(first.forRequest.candidates.map((c) => c.title)).toEqual(['押印の廃止']);
    expect(first.forRequest.takenId).not.toBeNull();
    expect(second).toEqual(first);
    if (ctx.database.kind === 'postgres')
      expect(prepared).toEqual(
        expect.arrayContaining([
          'proposal_form_choices',
          'similar_check',
          'similar_check_for_request',
          'teams_contact',
        ]),
      );
  });
});
