import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { upsertConversationReference } from '../../bot/src/data/repositories/conversation-references-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * The proposer corrects (while 受付) and withdraws their own proposal from the tab; the office is told
 * of withdrawals, and may withdraw on the proposer's behalf with a reason (the proposer is told).
 */
describe('proposers correct and withdraw; the office withdraws on their behalf', () => {
  const { ctx, ids, call } = useSignedInApp(tabApiCast, { notificationQueue: true });

  let counter = 0;
  const submit = async (title: string): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: { userId: ids.staff, roles: [] },
        input: { title, body: '本文です。', category: 'efficiency' },
        clientRequestId: `we-${(counter += 1)}`,
      })
    ).proposal;
  const history = async (id: string, who: 'staff' | 'office' = 'staff') =>
    (await call(who, 'GET', `/api/proposals/${id}/history`)).json<{
      items: { action: string; actorId: string | null; comment: string | null; changes: object }[];
    }>().items;
  const deliveries = () =>
    queryRows<{ user_id: string; dedupe_key: string; summary: string }>(
      ctx.db,
      sql`select user_id, dedupe_key, payload->>'summary' as summary from notification_deliveries order by created_at`,
    );
  /** The office can be reached in a 1:1 chat (the withdrawal notice goes to reachable office people). */
  const officeInstalled = () =>
    upsertConversationReference(ctx.db, {
      conversationId: 'a:office-personal',
      conversationType: 'personal',
      tenantId: 'tenant-test',
      userId: ids.office,
      serviceUrl: 'https://smba.trafficmanager.net/jp/',
      reference: { conversation: { id: 'a:office-personal' } },
    });

  it('lets the proposer correct title, body and category while 受付, recorded in the history', async () => {
    const proposal = await submit('会議資料のペーパレス');
    const edited = await call('staff', 'PATCH', `/api/proposals/${proposal.id}/content`, {
      version: proposal.version,
      title: '会議資料のペーパレス化',
      body: '庁内会議の資料をすべて電子化する。',
      category: 'paperless',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: '会議資料のペーパレス化',
      category: 'paperless',
      version: proposal.version + 1,
    });
    expect((await history(proposal.id)).at(-1)).toMatchObject({
      action: 'updated',
      actorId: ids.staff,
      changes: {
        title: { from: '会議資料のペーパレス', to: '会議資料のペーパレス化' },
        category: { from: 'efficiency', to: 'paperless' },
      },
    });
    // The search follows the corrected text.
    const found = await call('staff', 'GET', `/api/proposals?q=${encodeURIComponent('すべて電子化')}`);
    expect(found.json().total).toBe(1);
  });

  it('refuses a correction once the office started, by others, or when invalid — in Japanese, changing nothing', async () => {
    const proposal = await submit('窓口のキャッシュレス化');
    const empty = await call('staff', 'PATCH', `/api/proposals/${proposal.id}/content`, {
      version: proposal.version,
      title: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('件名を入力してください。');
    // A category the office never defined (or retired) is refused like a blank title.
    const unknownCategory = await call('staff', 'PATCH', `/api/proposals/${proposal.id}/content`, {
      version: proposal.version,
      category: 'no-such-category',
    });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json().error.message).toBe('分類の値が正しくありません。');
    expect(
      (await call('office', 'PATCH', `/api/proposals/${proposal.id}/content`, { version: 1, title: '別' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('other', 'PATCH', `/api/proposals/${proposal.id}/content`, { version: 1, title: '別' }))
        .statusCode,
    ).toBe(404);

    const started = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      status: 'under_consideration',
    });
    const late = await call('staff', 'PATCH', `/api/proposals/${proposal.id}/content`, {
      version: started.json().version,
      title: '窓口のキャッシュレス化（改）',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('推進室が検討を始めた提案は修正できません。');
    const current = (await call('staff', 'GET', `/api/proposals/${proposal.id}`)).json();
    expect(current).toMatchObject({ title: '窓口のキャッシュレス化', version: started.json().version });
  });

  it('tells the office when the proposer withdraws', async () => {
    await officeInstalled();
    const proposal = await submit('押印の廃止');
    const withdrawn = await call('staff', 'POST', `/api/proposals/${proposal.id}/withdraw`, {
      version: proposal.version,
      comment: '別の提案にまとめます',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    const sent = await deliveries();
    expect(sent).toEqual([
      expect.objectContaining({
        user_id: ids.office,
        summary: `提案 ${proposal.number} が取り下げられました`,
      }),
    ]);
  });

  it('lets the office withdraw on the proposer’s behalf with a reason only, and tells the proposer', async () => {
    const proposal = await submit('私物端末の業務利用');
    const noReason = await call('office', 'POST', `/api/proposals/${proposal.id}/withdraw`, {
      version: proposal.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe('提案者に代わって取り下げるときは、理由を入力してください。');
    expect(await deliveries()).toEqual([]);

    const withdrawn = await call('office', 'POST', `/api/proposals/${proposal.id}/withdraw`, {
      version: proposal.version,
      comment: '提案者から電話で取下げの申出があったため',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await history(proposal.id, 'office')).at(-1)).toMatchObject({
      action: 'withdrawn',
      actorId: ids.office,
      comment: '提案者から電話で取下げの申出があったため',
    });
    // The proposer is told the reason, but not which office member acted (only signed answers name them).
    expect((await history(proposal.id)).at(-1)).toMatchObject({
      action: 'withdrawn',
      actorId: null,
      comment: '提案者から電話で取下げの申出があったため',
    });
    expect(await deliveries()).toEqual([
      expect.objectContaining({
        user_id: ids.staff,
        summary: `提案 ${proposal.number} の状況が「取下げ」になりました`,
      }),
    ]);
  });
});
