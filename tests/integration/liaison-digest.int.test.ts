import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { setLiaisonDivisionIds } from '../../bot/src/data/repositories/division-liaisons-repository';
import { saveDraft } from '../../bot/src/services/proposals/liaison-work';
import { queueLiaisonDigests } from '../../bot/src/services/proposals/liaison-digest';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { visibleText } from '../helpers/card-inspection';
import { createTestUser, useNotificationQueue, useTestDatabase } from '../helpers/test-context';

/**
 * The liaisons' (所管課担当) daily digest: one card a day per liaison naming the open proposals of
 * their divisions that wait for a draft, whatever the number of runs; nothing before 8:00 in Tokyo.
 */
describe('the liaisons’ daily digest', () => {
  const ctx = useTestDatabase();
  const notifications = useNotificationQueue(ctx);
  const notifier = {
    notifications,
    links: { teamsAppId: 'teams-app-1', publicUrl: 'https://proposals.example.jp' },
  };

  it('names what waits for each liaison once a day, not drafts, nothing before 8:00', async () => {
    await seedBaseData(ctx.db);
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    const proposer = await createTestUser(ctx.db, { division: '商工政策課' });
    const liaison = await createTestUser(ctx.db, { division: '企画課', name: '下関 次郎' });
    const idle = await createTestUser(ctx.db, { division: '財政課' });
    const planning = liaison.divisionId!;
    await setLiaisonDivisionIds(ctx.db, liaison.userId, [planning]);
    await setLiaisonDivisionIds(ctx.db, idle.userId, [idle.divisionId!]);

    const numbers: string[] = [];
    for (const [n, title] of ['押印の廃止', '会議資料の電子化', '公用車の予約'].entries()) {
      const { proposal } = await submitProposal(ctx.db, {
        actor: proposer,
        input: { title, body: `${title}をお願いしたい。`, category: 'efficiency' },
        clientRequestId: `digest-${n}`,
      });
      await triageProposal(ctx.db, {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { responsibleDivisionId: planning },
      });
      numbers.push(proposal.number);
    }
    // A draft is waiting for the office, not for the liaison.
    const [drafted] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from proposals where number = ${numbers[2]}`,
    );
    await saveDraft(ctx.db, { ...liaison, liaisonDivisionIds: [planning] }, drafted!.id, {
      answer: '検討します。',
    });

    const early = new Date('2024-07-01T22:30:00Z'); // 07:30 in Tokyo
    expect(await queueLiaisonDigests(ctx.db, notifier, early)).toBe(0);
    const morning = new Date('2024-07-01T23:30:00Z'); // 08:30 in Tokyo, 2 July
    expect(await queueLiaisonDigests(ctx.db, notifier, morning)).toBe(1);
    expect(await queueLiaisonDigests(ctx.db, notifier, new Date('2024-07-02T05:00:00Z'))).toBe(1);

    const digests = await queryRows<{ user_id: string; dedupe_key: string; payload: { card: AdaptiveCard } }>(
      ctx.db,
      sql`select user_id, dedupe_key, payload from notification_deliveries where dedupe_key like 'liaison-digest:%'`,
    );
    expect(digests.map((row) => [row.user_id, row.dedupe_key])).toEqual([
      [liaison.userId, `liaison-digest:2024-07-02:${liaison.userId}`],
    ]);
    const card = digests[0]!.payload.card;
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = visibleText(card);
    expect(text).toContain('回答案の作成を待っている提案が2件あります。');
    expect(text).toContain(numbers[0]);
    expect(text).toContain(numbers[1]);
    expect(text).not.toContain(numbers[2]);
  });

  it('sends at most five assignment cards a day to a liaison; the rest wait for the digest', async () => {
    await seedBaseData(ctx.db);
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    const proposer = await createTestUser(ctx.db, { division: '商工政策課' });
    const liaison = await createTestUser(ctx.db, { division: '企画課' });
    await setLiaisonDivisionIds(ctx.db, liaison.userId, [liaison.divisionId!]);
    for (let n = 0; n < 7; n += 1) {
      const { proposal } = await submitProposal(ctx.db, {
        actor: proposer,
        input: { title: `一括で割り当てる提案${n}`, body: '本文です。', category: 'efficiency' },
        clientRequestId: `many-${n}`,
      });
      await triageProposal(
        ctx.db,
        {
          actor: office,
          proposalId: proposal.id,
          expectedVersion: proposal.version,
          changes: { responsibleDivisionId: liaison.divisionId },
        },
        notifier,
      );
    }
    const [cards] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from notification_deliveries
          where user_id = ${liaison.userId} and dedupe_key like 'proposal-assigned:%'`,
    );
    expect(cards!.n).toBe(5);
    // The next morning's digest (09:00 in Tokyo) names all seven: none has a draft yet.
    const shifted = Date.now() + 9 * 3_600_000;
    const nextMorning = new Date(shifted - (shifted % 86_400_000) + 86_400_000);
    expect(await queueLiaisonDigests(ctx.db, notifier, nextMorning)).toBe(1);
    const [digest] = await queryRows<{ payload: { card: AdaptiveCard } }>(
      ctx.db,
      sql`select payload from notification_deliveries where dedupe_key like 'liaison-digest:%'`,
    );
    expect(visibleText(digest!.payload.card)).toContain('回答案の作成を待っている提案が7件あります。');
  });
});
