import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { getProposal, getProposalHistory } from '../../bot/src/services/proposals/proposal-reads';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { withdrawProposal } from '../../bot/src/services/proposals/withdraw-proposal';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

const draft = {
  title: '会議資料のペーパレス化',
  body: '庁内会議の資料を電子化する。',
  category: 'paperless',
};

describe('proposal triage', () => {
  const ctx = useTestDatabase();

  const setup = async () => {
    const proposer = await createTestUser(ctx.db, { name: '山口 太郎', division: '人事課' });
    const office = await createTestUser(ctx.db, { name: '推進 花子', roles: ['office'] });
    const { proposal } = await submitProposal(ctx.db, { actor: proposer, input: draft });
    return { proposer, office, proposal };
  };

  const historyCount = async (proposalId: string) =>
    (
      await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from proposal_history where proposal_id = ${proposalId}`,
      )
    )[0]!.n;

  it('changes status and answer, bumps the version and records who changed what', async () => {
    const { office, proposal } = await setup();
    const [divisionId] = [...(await ensureDivisions(ctx.db, [{ name: '行政経営改革課' }])).values()];
    const result = await triageProposal(ctx.db, {
      actor: office,
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes: {
        status: 'under_consideration',
        answer: '関係課と検討します。',
        responsibleDivisionId: divisionId,
      },
      comment: '一次回答',
    });
    expect(result.previousStatus).toBe('received');
    expect(result.proposal).toMatchObject({
      status: 'under_consideration',
      answer: '関係課と検討します。',
      responsibleDivision: { name: '行政経営改革課' },
      version: proposal.version + 1,
    });
    const history = await getProposalHistory(ctx.db, office, proposal.id);
    expect(history.map((entry) => entry.action)).toEqual(['created', 'status_changed']);
    expect(history[1]).toMatchObject({
      actorName: '推進 花子',
      comment: '一次回答',
      changes: {
        status: { from: 'received', to: 'under_consideration' },
        answer: { from: null, to: '関係課と検討します。' },
      },
    });
  });

  it('refuses a stale version with a Japanese conflict message and writes nothing', async () => {
    const { office, proposal } = await setup();
    await triageProposal(ctx.db, {
      actor: office,
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes: { status: 'under_consideration' },
    });
    await expect(
      triageProposal(ctx.db, {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { status: 'realised' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', userMessage: expect.stringContaining('他の人が先に更新') });
    expect((await getProposal(ctx.db, office, proposal.id)).status).toBe('under_consideration');
    expect(await historyCount(proposal.id)).toBe(2);
  });

  it('lets exactly one of two concurrent changes of the same version win', async () => {
    const { office, proposal } = await setup();
    const results = await Promise.allSettled(
      (['settled', 'realised'] as const).map((status) =>
        triageProposal(ctx.db, {
          actor: office,
          proposalId: proposal.id,
          expectedVersion: proposal.version,
          changes: { status },
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(await historyCount(proposal.id)).toBe(2);
  });

  it('refuses an illegal transition in Japanese and requires a reason for その他', async () => {
    const { office, proposal } = await setup();
    const realised = await triageProposal(ctx.db, {
      actor: office,
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes: { status: 'realised' },
    });
    await expect(
      triageProposal(ctx.db, {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: realised.proposal.version,
        changes: { status: 'received' },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      userMessage: '「実現完了」から「受付」には変更できません。',
    });

    const other = (await submitProposal(ctx.db, { actor: (await setup()).proposer, input: draft })).proposal;
    await expect(
      triageProposal(ctx.db, {
        actor: office,
        proposalId: other.id,
        expectedVersion: other.version,
        changes: { status: 'blocked' },
      }),
    ).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    const blocked = await triageProposal(ctx.db, {
      actor: office,
      proposalId: other.id,
      expectedVersion: other.version,
      changes: {
        status: 'blocked',
        blockReason: 'legal',
        blockReasonNote: '条例改正が必要',
        revisitOn: '2025-04-01',
      },
    });
    expect(blocked.proposal).toMatchObject({
      status: 'blocked',
      blockReason: 'legal',
      blockReasonNote: '条例改正が必要',
      revisitOn: '2025-04-01',
    });
    const revisited = await triageProposal(ctx.db, {
      actor: office,
      proposalId: other.id,
      expectedVersion: blocked.proposal.version,
      changes: { status: 'under_consideration' },
    });
    expect(revisited.proposal).toMatchObject({ blockReason: null, blockReasonNote: null, revisitOn: null });
  });

  it('writes the change and its history in one transaction: a failing history write leaves the proposal as it was', async () => {
    const { proposal } = await setup();
    // An office actor whose user row does not exist: the history insert violates its foreign key.
    const ghost: Actor = { userId: '11111111-2222-4333-8444-555555555555', roles: ['office'] };
    await expect(
      triageProposal(ctx.db, {
        actor: ghost,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { status: 'realised', answer: '実現しました。' },
      }),
    ).rejects.toThrow();
    const [row] = await queryRows<{ status: string; version: number; answer: string | null }>(
      ctx.db,
      sql`select status, version, answer from proposals where id = ${proposal.id}`,
    );
    expect(row).toEqual({ status: 'received', version: proposal.version, answer: null });
    expect(await historyCount(proposal.id)).toBe(1);
  });

  it('keeps triage to the office and withdrawal to the proposer', async () => {
    const { proposer, office, proposal } = await setup();
    const colleague = await createTestUser(ctx.db);
    await expect(
      triageProposal(ctx.db, {
        actor: proposer,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { status: 'realised' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A colleague who cannot see the unpublished proposal is told it does not exist (the visibility
    // rule, in the service since withdrawal moved there from the route); once it is published they
    // see it and are refused.
    await expect(
      withdrawProposal(ctx.db, {
        actor: colleague,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const published = await triageProposal(ctx.db, {
      actor: office,
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes: { isPublished: true },
    });
    await expect(
      withdrawProposal(ctx.db, {
        actor: colleague,
        proposalId: proposal.id,
        expectedVersion: published.proposal.version,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const withdrawn = await withdrawProposal(ctx.db, {
      actor: proposer,
      proposalId: proposal.id,
      expectedVersion: published.proposal.version,
      comment: '別の提案に含めます',
    });
    expect(withdrawn.proposal.status).toBe('withdrawn');
    await expect(
      triageProposal(ctx.db, {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: withdrawn.proposal.version,
        changes: { status: 'under_consideration' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('hides unpublished proposals of others from staff', async () => {
    const { proposer, office, proposal } = await setup();
    const colleague = await createTestUser(ctx.db);
    await expect(getProposal(ctx.db, colleague, proposal.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getProposal(ctx.db, proposer, proposal.id)).id).toBe(proposal.id);
    await triageProposal(ctx.db, {
      actor: office,
      proposalId: proposal.id,
      expectedVersion: proposal.version,
      changes: { isPublished: true },
    });
    expect((await getProposal(ctx.db, colleague, proposal.id)).isPublished).toBe(true);
  });

  it('refuses invalid triage input with Japanese messages and changes nothing', async () => {
    const { office, proposal } = await setup();
    await expect(
      triageProposal(ctx.db, {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { status: 'done', answer: 'x'.repeat(2001) },
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: expect.arrayContaining([
        { path: 'status', message: '状態の値が正しくありません。' },
        { path: 'answer', message: '回答は2000文字以内で入力してください。' },
      ]),
    });
    expect(await historyCount(proposal.id)).toBe(1);
  });

  it('history is append-only in the database itself', async () => {
    const { proposal } = await setup();
    await expect(
      ctx.db.execute(sql`update proposal_history set comment = 'forged' where proposal_id = ${proposal.id}`),
    ).rejects.toThrow();
    await expect(
      ctx.db.execute(sql`delete from proposal_history where proposal_id = ${proposal.id}`),
    ).rejects.toThrow();
    expect(await historyCount(proposal.id)).toBe(1);
  });

  it('tells the proposer and co-proposers about a status change and an answer, not about publication', async () => {
    const proposer = await createTestUser(ctx.db, { name: '山口 太郎' });
    const coProposer = await createTestUser(ctx.db, { name: '周南 花子' });
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    const { proposal } = await submitProposal(ctx.db, {
      actor: proposer,
      input: { ...draft, coProposerIds: [coProposer.userId] },
    });
    const queued: { userId: string; dedupeKey: string; text: string }[] = [];
    const effects = {
      links: { teamsAppId: 'app-1' },
      notifications: {
        enqueueToUsers: async (
          _tx: unknown,
          batch: { userId: string; dedupeKey: string; message: { card?: unknown } }[],
        ) => {
          for (const n of batch)
            queued.push({ userId: n.userId, dedupeKey: n.dedupeKey, text: JSON.stringify(n.message.card) });
        },
        requeuePending: async () => 0,
      },
    };
    const changed = await triageProposal(
      ctx.db,
      {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { status: 'settled', answer: '来年度から実施します。' },
      },
      effects,
    );
    expect(queued.map((item) => item.userId).sort()).toEqual([proposer.userId, coProposer.userId].sort());
    expect(new Set(queued.map((item) => item.dedupeKey)).size).toBe(2);
    for (const item of queued) {
      expect(item.text).toContain('受付');
      expect(item.text).toContain('実現見込み');
      expect(item.text).toContain('来年度から実施します。');
      expect(item.text).toContain(proposal.number);
    }
    await triageProposal(
      ctx.db,
      {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: changed.proposal.version,
        changes: { isPublished: true },
      },
      effects,
    );
    expect(queued).toHaveLength(2);
  });
});
