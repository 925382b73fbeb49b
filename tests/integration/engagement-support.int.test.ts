import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ProposalDto, ProposalEngagementDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * 賛同 (support) and フォロー (follow) through the tab API: one per person even under 50 concurrent
 * clicks, revocable, never on one's own proposal, only on published proposals the person may see; the
 * count in the detail and the list (sortable), and the follows that come with it.
 */
const people = {
  proposer: personas.taro,
  coProposer: personas.hanako,
  office: personas.kenichi,
  supporter: personas.jiro,
  another: personas.saburo,
};

describe('tab API: 賛同 and フォロー', () => {
  const { ctx, ids, call } = useSignedInApp(people, { notificationQueue: true });

  let counter = 0;
  const submit = async (title: string, coProposerIds: string[] = []): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: { userId: ids.proposer, roles: [] },
        input: { title, body: '本文です。', category: 'efficiency', coProposerIds },
        clientRequestId: `engage-${(counter += 1)}`,
        now: new Date(Date.UTC(2024, 5, 1, counter)),
      })
    ).proposal;

  const publish = async (proposal: ProposalDto) => {
    const response = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      isPublished: true,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ProposalDto;
  };

  const supportRows = async (proposalId: string) =>
    queryRows<{ user_id: string }>(
      ctx.db,
      sql`select user_id from proposal_supports where proposal_id = ${proposalId}`,
    );
  const storedCount = async (proposalId: string) =>
    (
      await queryRows<{ support_count: number; version: number }>(
        ctx.db,
        sql`select support_count, version from proposals where id = ${proposalId}`,
      )
    )[0]!;

  it('50 concurrent clicks by one person store one 賛同 and count 1; withdrawing it twice leaves 0', async () => {
    const proposal = await publish(await submit('会議資料のペーパレス化'));
    const clicks = await Promise.all(
      Array.from({ length: 50 }, () => call('supporter', 'PUT', `/api/proposals/${proposal.id}/support`)),
    );
    expect(clicks.map((response) => response.statusCode)).toEqual(Array(50).fill(200));
    expect(clicks.every((response) => (response.json() as ProposalEngagementDto).supportCount === 1)).toBe(
      true,
    );
    expect(await supportRows(proposal.id)).toEqual([{ user_id: ids.supporter }]);
    // The count is not an edit: the office's version is the one it saw.
    expect(await storedCount(proposal.id)).toEqual({ support_count: 1, version: proposal.version });

    const detail = (await call('supporter', 'GET', `/api/proposals/${proposal.id}`)).json() as ProposalDto;
    expect(detail).toMatchObject({ supportCount: 1, supportedByMe: true, followedByMe: true });
    const seenByAnother = (
      await call('another', 'GET', `/api/proposals/${proposal.id}`)
    ).json() as ProposalDto;
    expect(seenByAnother).toMatchObject({ supportCount: 1, supportedByMe: false, followedByMe: false });

    const withdrawals = await Promise.all(
      Array.from({ length: 10 }, () => call('supporter', 'DELETE', `/api/proposals/${proposal.id}/support`)),
    );
    expect(withdrawals.map((response) => response.statusCode)).toEqual(Array(10).fill(200));
    expect(withdrawals.at(-1)!.json()).toEqual({
      proposalId: proposal.id,
      supportCount: 0,
      supportedByMe: false,
      followedByMe: false,
    });
    expect(await storedCount(proposal.id)).toEqual({ support_count: 0, version: proposal.version });
  });

  it('many people concurrently: the count is the number of supporters', async () => {
    const proposal = await publish(await submit('電子決裁の徹底'));
    const who = ['supporter', 'another', 'office'] as const;
    const responses = await Promise.all(
      who.flatMap((person) =>
        Array.from({ length: 10 }, () => call(person, 'PUT', `/api/proposals/${proposal.id}/support`)),
      ),
    );
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    expect((await storedCount(proposal.id)).support_count).toBe(3);
    expect(await supportRows(proposal.id)).toHaveLength(3);
  });

  it('refuses the proposer and co-proposers, unpublished and withdrawn proposals, with Japanese messages', async () => {
    const draft = await submit('押印の廃止', [ids.coProposer]);
    // Not published: those who cannot see it are told it does not exist.
    const hidden = await call('supporter', 'PUT', `/api/proposals/${draft.id}/support`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.message).toBe('提案が見つかりません。');
    // The office sees it, but a 賛同 is for published proposals.
    const unpublished = await call('office', 'PUT', `/api/proposals/${draft.id}/support`);
    expect(unpublished.statusCode).toBe(403);
    expect(unpublished.json().error.message).toBe('公開されている提案にだけ賛同できます。');

    const published = await publish(draft);
    for (const who of ['proposer', 'coProposer'] as const) {
      const own = await call(who, 'PUT', `/api/proposals/${published.id}/support`);
      expect(own.statusCode).toBe(403);
      expect(own.json().error.message).toBe('ご自身の提案（共同提案を含む）には賛同できません。');
    }
    expect(await supportRows(published.id)).toEqual([]);
    expect((await call('supporter', 'PUT', '/api/proposals/not-a-uuid/support')).statusCode).toBe(404);
    expect((await call('anonymous', 'PUT', `/api/proposals/${published.id}/support`)).statusCode).toBe(401);

    const withdrawn = await call('proposer', 'POST', `/api/proposals/${published.id}/withdraw`, {
      version: published.version,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const closed = await call('supporter', 'PUT', `/api/proposals/${published.id}/support`);
    expect(closed.statusCode).toBe(403);
    expect(closed.json().error.message).toBe('取り下げられた提案・統合された提案には賛同できません。');
    expect((await storedCount(published.id)).support_count).toBe(0);
  });

  it('the list carries the count and sorts by 賛同数', async () => {
    const a = await publish(await submit('A 会議'));
    const b = await publish(await submit('B 会議'));
    const c = await publish(await submit('C 会議'));
    for (const who of ['supporter', 'another', 'office'] as const)
      await call(who, 'PUT', `/api/proposals/${b.id}/support`);
    await call('supporter', 'PUT', `/api/proposals/${c.id}/support`);

    const list = await call('supporter', 'GET', '/api/proposals?sort=supportCount&direction=desc');
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: ProposalDto[] }).items;
    expect(items.map((item) => [item.title, item.supportCount, item.supportedByMe])).toEqual([
      ['B 会議', 3, true],
      ['C 会議', 1, true],
      ['A 会議', 0, false],
    ]);
    const ascending = await call('another', 'GET', '/api/proposals?sort=supportCount&direction=asc');
    expect((ascending.json() as { items: ProposalDto[] }).items.map((item) => item.id)).toEqual([
      a.id,
      c.id,
      b.id,
    ]);
    expect((await call('another', 'GET', '/api/proposals?sort=votes')).statusCode).toBe(400);
  });

  it('follows: supporting follows, withdrawing keeps a manual follow; co-proposers follow from submission', async () => {
    const proposal = await publish(await submit('庁内応援制度の試行', [ids.coProposer]));
    const follows = async () =>
      queryRows<{ user_id: string; source: string }>(
        ctx.db,
        sql`select user_id, source from proposal_follows where proposal_id = ${proposal.id} order by source`,
      );
    expect(await follows()).toEqual([{ user_id: ids.coProposer, source: 'co_proposer' }]);

    await call('supporter', 'PUT', `/api/proposals/${proposal.id}/support`);
    expect(await follows()).toContainEqual({ user_id: ids.supporter, source: 'support' });
    await call('supporter', 'DELETE', `/api/proposals/${proposal.id}/support`);
    expect(await follows()).not.toContainEqual(expect.objectContaining({ user_id: ids.supporter }));

    const followed = await call('another', 'PUT', `/api/proposals/${proposal.id}/follow`);
    expect(followed.json()).toMatchObject({ followedByMe: true, supportedByMe: false });
    await call('another', 'PUT', `/api/proposals/${proposal.id}/support`);
    await call('another', 'DELETE', `/api/proposals/${proposal.id}/support`);
    expect(await follows()).toContainEqual({ user_id: ids.another, source: 'manual' });
    const unfollowed = await call('another', 'DELETE', `/api/proposals/${proposal.id}/follow`);
    expect(unfollowed.json()).toMatchObject({ followedByMe: false });

    const draft = await submit('非公開の提案');
    expect((await call('another', 'PUT', `/api/proposals/${draft.id}/follow`)).statusCode).toBe(404);
  });

  it('the notification preference: daily by default, set by each person for themselves', async () => {
    expect((await call('supporter', 'GET', '/api/me/notification-preference')).json()).toEqual({
      preference: 'daily',
    });
    const set = await call('supporter', 'PUT', '/api/me/notification-preference', { preference: 'none' });
    expect(set.statusCode).toBe(200);
    expect((await call('supporter', 'GET', '/api/me/notification-preference')).json()).toEqual({
      preference: 'none',
    });
    expect((await call('another', 'GET', '/api/me/notification-preference')).json()).toEqual({
      preference: 'daily',
    });
    const bad = await call('supporter', 'PUT', '/api/me/notification-preference', { preference: 'hourly' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('通知の受け取り方は');
  });

  it('the dashboard lists the most supported open proposals for the office only', async () => {
    const a = await publish(await submit('よく支持される提案'));
    const b = await publish(await submit('少し支持される提案'));
    for (const who of ['supporter', 'another'] as const)
      await call(who, 'PUT', `/api/proposals/${a.id}/support`);
    await call('supporter', 'PUT', `/api/proposals/${b.id}/support`);
    const top = await call('office', 'GET', '/api/dashboard/top-supported');
    expect(top.statusCode).toBe(200);
    expect(
      top
        .json()
        .items.map((item: { title: string; supportCount: number }) => [item.title, item.supportCount]),
    ).toEqual([
      ['よく支持される提案', 2],
      ['少し支持される提案', 1],
    ]);
    expect((await call('supporter', 'GET', '/api/dashboard/top-supported')).statusCode).toBe(403);
  });

  it('follower updates: written for followers who may see the proposal, never to the actor, nothing for 通知しない', async () => {
    const proposal = await publish(await submit('書かない窓口の導入', [ids.coProposer]));
    await call('supporter', 'PUT', `/api/proposals/${proposal.id}/support`);
    await call('another', 'PUT', `/api/proposals/${proposal.id}/support`);
    await call('another', 'PUT', '/api/me/notification-preference', { preference: 'none' });
    await call('office', 'PUT', `/api/proposals/${proposal.id}/follow`);
    const updates = async () =>
      queryRows<{ user_id: string; kind: string; summary: string }>(
        ctx.db,
        sql`select user_id, kind, summary from follower_updates where proposal_id = ${proposal.id} order by id`,
      );

    const current = (await call('office', 'GET', `/api/proposals/${proposal.id}`)).json() as ProposalDto;
    const changed = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: current.version,
      status: 'under_consideration',
      answer: '検討します。',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    // The supporter only: not the office (the actor), not 通知しない, not the proposers (their status card).
    expect(await updates()).toEqual([
      { user_id: ids.supporter, kind: 'status', summary: '状況が「検討中」になりました（回答があります）' },
    ]);

    // Unpublished again: the supporter may no longer see it, so hears nothing more.
    const hidden = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: (changed.json() as ProposalDto).version,
      isPublished: false,
    });
    await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: (hidden.json() as ProposalDto).version,
      status: 'settled',
    });
    expect(await updates()).toHaveLength(1);
  });

  it('a linked 重点案件 progresses: followers and the proposers hear of it (they have no card of their own for it)', async () => {
    const proposal = await publish(await submit('窓口のキャッシュレス化', [ids.coProposer]));
    await call('supporter', 'PUT', `/api/proposals/${proposal.id}/support`);
    const [project] = await findPriorityProjects(ctx.db, 2024);
    expect(
      (await call('office', 'PUT', `/api/proposals/${proposal.id}/projects/${project!.id}`)).statusCode,
    ).toBe(200);
    const progress = await call('office', 'POST', `/api/priority-projects/${project!.id}/progress-updates`, {
      progress: 30,
      status: 'in_progress',
      note: '実証を始めました。',
    });
    expect(progress.statusCode, progress.body).toBe(201);
    const rows = await queryRows<{ user_id: string; kind: string; summary: string }>(
      ctx.db,
      sql`select user_id, kind, summary from follower_updates where proposal_id = ${proposal.id}`,
    );
    expect(rows.map((row) => row.user_id).sort()).toEqual(
      [ids.proposer, ids.coProposer, ids.supporter].sort(),
    );
    expect(rows.every((row) => row.kind === 'project_progress')).toBe(true);
    expect(rows[0]!.summary).toMatch(
      /^重点案件「R6-\d-\d .+」の進捗が30%（.+）になりました：実証を始めました。$/,
    );
  });

  it('統合: the duplicate’s followers and proposer follow the proposal it was merged into', async () => {
    const target = await publish(await submit('庁内文書の電子決裁の徹底', [ids.coProposer]));
    const duplicate = await publish(
      (
        await submitProposal(ctx.db, {
          actor: { userId: ids.another, roles: [] },
          input: { title: '決裁の電子化を進める', body: '本文です。', category: 'efficiency' },
          clientRequestId: 'engage-duplicate',
        })
      ).proposal,
    );
    const supported = await call('supporter', 'PUT', `/api/proposals/${duplicate.id}/support`);
    expect(supported.statusCode, supported.body).toBe(200);
    const merged = await call('office', 'POST', `/api/proposals/${duplicate.id}/merge`, {
      version: duplicate.version,
      intoId: target.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const follows = await queryRows<{ user_id: string; source: string }>(
      ctx.db,
      sql`select user_id, source from proposal_follows where proposal_id = ${target.id} order by source, user_id`,
    );
    expect(follows.map((row) => [row.user_id, row.source]).sort()).toEqual(
      [
        [ids.coProposer, 'co_proposer'],
        [ids.supporter, 'manual'],
        [ids.another, 'manual'],
      ].sort(),
    );
    // They hear of the target's next change; its proposer is told by the status card instead.
    const detail = (await call('office', 'GET', `/api/proposals/${target.id}`)).json() as ProposalDto;
    const answered = await call('office', 'PATCH', `/api/proposals/${target.id}`, {
      version: detail.version,
      status: 'under_consideration',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const told = await queryRows<{ user_id: string }>(
      ctx.db,
      sql`select user_id from follower_updates where proposal_id = ${target.id} and kind = 'status'`,
    );
    expect(told.map((row) => row.user_id).sort()).toEqual([ids.supporter, ids.another].sort());
  });
});
