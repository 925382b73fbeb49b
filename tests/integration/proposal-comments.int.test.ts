import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hiddenCommentNotice, type ProposalCommentDto, type ProposalDto } from '#shared';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { upsertConversationReference } from '../../bot/src/data/repositories/conversation-references-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { visibleText } from '../helpers/card-inspection';
import { personas, type Persona } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * Comments on published proposals through the tab API, on a real database with the real
 * notification queue: who reads and posts (everyone who sees a published proposal), the proposers'
 * notices, the office's hiding with a reason (the body gone for staff on every read path, kept in
 * the append-only audit log), reports once per person with the office's queue and notice, the
 * per-user limits, and hostile input.
 */
const cast = {
  proposer: personas.taro,
  co: personas.hanako,
  colleague: personas.jiro,
  outsider: personas.saburo,
  office: personas.kenichi,
  admin: personas.makoto,
} satisfies Record<string, Persona>;
type Who = keyof typeof cast;

describe('comments on published proposals', () => {
  const api = useSignedInApp(cast, {
    notificationQueue: true,
    env: {
      PUBLIC_URL: 'https://proposals.example.jp',
      LIMIT_COMMENTS_PER_10_MINUTES: '4',
      LIMIT_COMMENT_REPORTS_PER_DAY: '2',
    },
  });
  const { ctx, ids, call } = api;

  const ok = async (who: Who, method: string, url: string, payload?: unknown) => {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
  let requests = 0;
  /** A proposal by the proposer with the co-proposer, published by the office unless told not to. */
  const proposal = async (options: { published?: boolean } = {}): Promise<ProposalDto> => {
    const { proposal: submitted } = await submitProposal(ctx.db, {
      actor: { userId: ids.proposer, roles: [] },
      input: {
        title: 'コメントを受ける提案',
        body: '本文です。',
        category: 'efficiency',
        coProposerIds: [ids.co],
      },
      clientRequestId: `comments-${(requests += 1)}`,
    });
    if (options.published === false) return submitted;
    return ok('office', 'PATCH', `/api/proposals/${submitted.id}`, {
      version: submitted.version,
      isPublished: true,
    });
  };
  const comment = async (who: Who, on: { id: string }, body: string): Promise<ProposalCommentDto> => {
    const response = await call(who, 'POST', `/api/proposals/${on.id}/comments`, { body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const list = async (who: Who, on: { id: string }) => {
    const response = await call(who, 'GET', `/api/proposals/${on.id}/comments`);
    expect(response.statusCode, response.body).toBe(200);
    return {
      ...(response.json() as { items: ProposalCommentDto[]; canModerate: boolean }),
      raw: response.body,
    };
  };
  const deliveries = (prefix: string) =>
    queryRows<{ user_id: string; dedupe_key: string; payload: { card: AdaptiveCard; summary: string } }>(
      ctx.db,
      sql`select user_id, dedupe_key, payload from notification_deliveries where dedupe_key like ${`${prefix}%`} order by dedupe_key`,
    );
  /** The followers' news of a proposal: [person, line], sorted. */
  const news = async (on: { id: string }) =>
    (
      await queryRows<{ user_id: string; summary: string }>(
        ctx.db,
        sql`select user_id, summary from follower_updates where proposal_id = ${on.id} and kind = 'comment'`,
      )
    )
      .map((row) => [row.user_id, row.summary])
      .sort();
  const jobsFor = async (dedupeKey: string) =>
    (
      await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from pgboss.job where data->>'dedupeKey' = ${dedupeKey}`,
      )
    )[0]!.n;
  /** What a refusal tells the person: the field's message for a validation error, else the message. */
  const said = (response: { json: () => unknown }): string => {
    const { error } = response.json() as { error: { message: string; details?: { message: string }[] } };
    return error.details?.[0]?.message ?? error.message;
  };
  const commentCount = async () =>
    (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from proposal_comments`))[0]!.n;
  const reachable = async (who: Who) =>
    upsertConversationReference(ctx.db, {
      conversationId: `a:comments-${who}`,
      conversationType: 'personal',
      tenantId: 'tenant-test',
      userId: ids[who],
      serviceUrl: 'https://smba.trafficmanager.net/jp/',
      reference: {
        conversation: { id: `a:comments-${who}` },
        serviceUrl: 'https://smba.trafficmanager.net/jp/',
      },
    });

  it('lets everyone who sees a published proposal post and read; the proposers hear of others’ comments only', async () => {
    const published = await proposal();
    const posted = await comment(
      'colleague',
      published,
      '  とても良い提案だと思います。\r\nうちの課でも使えそうです。  ',
    );
    expect(posted).toMatchObject({
      body: 'とても良い提案だと思います。\nうちの課でも使えそうです。',
      author: { id: ids.colleague, displayName: cast.colleague.name },
      hidden: false,
      mine: true,
      reportedByMe: false,
    });

    for (const who of ['proposer', 'co', 'outsider', 'office', 'admin'] as const) {
      const seen = await list(who, published);
      expect(seen.items.map((item) => [item.body, item.author?.displayName, item.mine])).toEqual([
        ['とても良い提案だと思います。\nうちの課でも使えそうです。', cast.colleague.name, false],
      ]);
      expect(seen.canModerate).toBe(who === 'office' || who === 'admin');
    }

    // The proposer and the co-proposer are told by their preference: the default (1日1回まとめて)
    // keeps the news for the daily digest, naming the author and never the comment's text.
    expect(await news(published)).toEqual(
      [
        [ids.co, `${cast.colleague.name}さんがコメントしました`],
        [ids.proposer, `${cast.colleague.name}さんがコメントしました`],
      ].sort(),
    );
    expect(await deliveries('follower-update:')).toEqual([]);

    // すぐに: the co-proposer gets a card of their own at once (an outbox row and a job); the
    // proposer's own comment tells the co-proposer, not the proposer.
    await ctx.db.execute(sql`update users set notification_preference = 'immediate' where id = ${ids.co}`);
    await comment('proposer', published, 'ありがとうございます。');
    const told = await deliveries('follower-update:');
    expect(told.map((row) => row.user_id)).toEqual([ids.co]);
    expect(await jobsFor(told[0]!.dedupe_key)).toBe(1);
    expect(validateAdaptiveCard(told[0]!.payload.card)).toEqual([]);
    const text = visibleText(told[0]!.payload.card);
    expect(text).toContain(`${cast.proposer.name}さんがコメントしました`);
    expect(text).toContain(published.number);
    expect(text).not.toContain('ありがとうございます');
    expect((await news(published)).filter(([userId]) => userId === ids.proposer)).toHaveLength(1);
    expect((await list('outsider', published)).items.map((item) => item.body)).toEqual([
      'とても良い提案だと思います。\nうちの課でも使えそうです。',
      'ありがとうございます。',
    ]);
  });

  it('has no comments on unpublished proposals, and tells nobody about proposals they may not see', async () => {
    const unpublished = await proposal({ published: false });
    const asProposer = await call('proposer', 'GET', `/api/proposals/${unpublished.id}/comments`);
    expect(asProposer.statusCode).toBe(404);
    expect(asProposer.json().error.message).toBe('コメントは公開された提案にだけ付けられます。');
    const asOutsider = await call('outsider', 'POST', `/api/proposals/${unpublished.id}/comments`, {
      body: '見えないはずの提案へ',
    });
    expect(asOutsider.statusCode).toBe(404);
    expect(asOutsider.json().error.message).toBe('提案が見つかりません。');
    for (const who of ['proposer', 'office'] as const)
      expect(
        (await call(who, 'POST', `/api/proposals/${unpublished.id}/comments`, { body: 'x' })).statusCode,
      ).toBe(404);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' or '1'='1"])
      expect(
        (await call('colleague', 'GET', `/api/proposals/${encodeURIComponent(id)}/comments`)).statusCode,
      ).toBe(404);
    expect(await commentCount()).toBe(0);

    // Withdrawn from publication later: its comments go with it, for reading and reporting alike.
    const published = await proposal();
    const posted = await comment('colleague', published, '公開中のコメント');
    const current = await ok('office', 'GET', `/api/proposals/${published.id}`);
    await ok('office', 'PATCH', `/api/proposals/${published.id}`, {
      version: current.version,
      isPublished: false,
    });
    expect((await call('outsider', 'GET', `/api/proposals/${published.id}/comments`)).statusCode).toBe(404);
    const report = await call('outsider', 'POST', `/api/comments/${posted.id}/report`, {
      reason: '不適切です',
    });
    expect(report.statusCode).toBe(404);
    expect(report.json().error.message).toBe('コメントが見つかりません。');
  });

  it('lets the office hide a comment with a reason: staff see only the notice, the audit log keeps the body', async () => {
    const published = await proposal();
    const posted = await comment('colleague', published, '他の職員を中傷する書き込み（秘匿）');
    await ok('outsider', 'POST', `/api/comments/${posted.id}/report`, { reason: '中傷です' });

    // No reason: refused, nothing changed. Staff may not hide at all.
    const noReason = await call('office', 'POST', `/api/comments/${posted.id}/hide`, { reason: '   ' });
    expect(noReason.statusCode).toBe(400);
    expect(said(noReason)).toBe('非表示にする理由を入力してください。');
    const byStaff = await call('proposer', 'POST', `/api/comments/${posted.id}/hide`, { reason: '消したい' });
    expect(byStaff.statusCode).toBe(403);
    expect((await list('outsider', published)).items[0]!.body).toBe('他の職員を中傷する書き込み（秘匿）');

    const hidden = await ok('office', 'POST', `/api/comments/${posted.id}/hide`, {
      reason: '職員への中傷のため',
    });
    expect(hidden).toMatchObject({
      hidden: true,
      body: null,
      moderation: {
        reason: '職員への中傷のため',
        hiddenBy: { id: ids.office, displayName: cast.office.name },
        body: '他の職員を中傷する書き込み（秘匿）',
      },
    });

    // Staff: the place of the comment, no body, no author, no reason, on every read path.
    for (const who of ['proposer', 'co', 'outsider'] as const) {
      const seen = await list(who, published);
      expect(seen.items).toEqual([
        expect.objectContaining({ id: posted.id, hidden: true, body: null, author: null, moderation: null }),
      ]);
      expect(seen.raw).not.toContain('秘匿');
      expect(seen.raw).not.toContain(cast.colleague.name);
    }
    for (const path of [`/api/proposals/${published.id}`, `/api/proposals/${published.id}/history`]) {
      expect((await call('outsider', 'GET', path)).body).not.toContain('秘匿');
    }
    for (const row of await deliveries('')) expect(JSON.stringify(row.payload)).not.toContain('秘匿');
    expect(hiddenCommentNotice).toBe('このコメントは推進室により非表示にされました');
    // Its author sees that it was hidden and why, not more.
    const asAuthor = (await list('colleague', published)).items[0]!;
    expect(asAuthor).toMatchObject({
      body: null,
      author: { id: ids.colleague },
      moderation: { reason: '職員への中傷のため', body: null, hiddenBy: null },
    });
    // The office reads the body in the audit.
    expect((await list('admin', published)).items[0]!.moderation?.body).toBe(
      '他の職員を中傷する書き込み（秘匿）',
    );

    // The database: the body left the comment; the append-only log keeps it with the reason.
    const [stored] = await queryRows<{ body: string | null; hidden_reason: string }>(
      ctx.db,
      sql`select body, hidden_reason from proposal_comments where id = ${posted.id}`,
    );
    expect(stored).toEqual({ body: null, hidden_reason: '職員への中傷のため' });
    const log = await queryRows<{ action: string; actor_id: string; reason: string; body: string }>(
      ctx.db,
      sql`select action, actor_id, reason, body from comment_moderation_log where comment_id = ${posted.id}`,
    );
    expect(log).toEqual([
      {
        action: 'hidden',
        actor_id: ids.office,
        reason: '職員への中傷のため',
        body: '他の職員を中傷する書き込み（秘匿）',
      },
    ]);
    await expect(ctx.db.execute(sql`update comment_moderation_log set body = 'x'`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`delete from comment_moderation_log`)).rejects.toThrow();

    // Its report is settled; hiding twice or reporting a hidden comment is refused.
    expect((await ok('office', 'GET', '/api/comment-reports')).items).toEqual([]);
    expect(
      (await call('admin', 'POST', `/api/comments/${posted.id}/hide`, { reason: '再度' })).statusCode,
    ).toBe(409);
    expect(
      (await call('co', 'POST', `/api/comments/${posted.id}/report`, { reason: '再度' })).statusCode,
    ).toBe(409);
  });

  it('takes one report per person, queues the reports for the office and tells it of the first', async () => {
    await reachable('office');
    const published = await proposal();
    const posted = await comment('colleague', published, '気になる書き込み');
    const first = await ok('outsider', 'POST', `/api/comments/${posted.id}/report`, {
      reason: '個人情報が含まれています',
    });
    expect(first).toMatchObject({ reportedByMe: true, openReports: 0, body: '気になる書き込み' });
    const again = await call('outsider', 'POST', `/api/comments/${posted.id}/report`, { reason: 'もう一度' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('このコメントはすでに通報済みです。推進室が確認します。');
    const own = await call('colleague', 'POST', `/api/comments/${posted.id}/report`, { reason: '自分で' });
    expect(own.statusCode).toBe(403);
    await ok('co', 'POST', `/api/comments/${posted.id}/report`, { reason: '不適切な表現です' });
    expect((await list('outsider', published)).items[0]).toMatchObject({
      reportedByMe: true,
      openReports: 0,
    });
    expect((await list('office', published)).items[0]).toMatchObject({ reportedByMe: false, openReports: 2 });

    expect((await call('outsider', 'GET', '/api/comment-reports')).statusCode).toBe(403);
    const queue = await ok('office', 'GET', '/api/comment-reports');
    expect(queue.total).toBe(1);
    expect(queue.items).toEqual([
      expect.objectContaining({
        comment: expect.objectContaining({ id: posted.id, body: '気になる書き込み', openReports: 2 }),
        proposal: { id: published.id, number: published.number, title: published.title },
        reports: [
          expect.objectContaining({
            reporter: { id: ids.outsider, displayName: cast.outsider.name },
            reason: '個人情報が含まれています',
          }),
          expect.objectContaining({
            reporter: { id: ids.co, displayName: cast.co.name },
            reason: '不適切な表現です',
          }),
        ],
      }),
    ]);

    // One card to the reachable office member, for the comment's first report only.
    const notices = await deliveries('comment-reported:');
    expect(notices.map((row) => [row.user_id, row.dedupe_key])).toEqual([
      [ids.office, `comment-reported:${posted.id}:${ids.office}`],
    ]);
    expect(validateAdaptiveCard(notices[0]!.payload.card)).toEqual([]);
    expect(visibleText(notices[0]!.payload.card)).toContain('個人情報が含まれています');
    expect(await jobsFor(notices[0]!.dedupe_key)).toBe(1);

    // The office settles the reports without hiding: the queue empties, the audit log says so.
    expect(
      (await call('outsider', 'POST', `/api/comments/${posted.id}/reports/dismiss`, {})).statusCode,
    ).toBe(403);
    await ok('office', 'POST', `/api/comments/${posted.id}/reports/dismiss`, { reason: '問題なしと判断' });
    expect((await ok('office', 'GET', '/api/comment-reports')).items).toEqual([]);
    expect((await call('office', 'POST', `/api/comments/${posted.id}/reports/dismiss`, {})).statusCode).toBe(
      409,
    );
    const log = await queryRows<{ action: string; reason: string | null }>(
      ctx.db,
      sql`select action, reason from comment_moderation_log where comment_id = ${posted.id}`,
    );
    expect(log).toEqual([{ action: 'reports_dismissed', reason: '問題なしと判断' }]);
    expect((await list('outsider', published)).items[0]!.body).toBe('気になる書き込み');
  });

  it('tells the office of at most 20 newly reported comments a day; the queue still lists the rest', async () => {
    await reachable('office');
    const published = await proposal();
    // 20 comments first reported within the last day (by the proposer), written as they would be.
    await ctx.db.execute(sql`
      insert into proposal_comments (proposal_id, author_id, body, created_at)
      select ${published.id}::uuid, ${ids.colleague}::uuid, 'コメント' || i, now() - interval '2 hours'
      from generate_series(1, 20) i`);
    await ctx.db.execute(sql`
      insert into comment_reports (comment_id, reporter_id, reason, created_at)
      select id, ${ids.proposer}::uuid, '理由', now() - interval '1 hour' from proposal_comments`);
    const latest = await comment('colleague', published, '21件目のコメント');
    await ok('outsider', 'POST', `/api/comments/${latest.id}/report`, { reason: '不適切です' });
    expect(await deliveries('comment-reported:')).toEqual([]);
    expect((await ok('office', 'GET', '/api/comment-reports')).total).toBe(21);
  });

  it('limits comments per ten minutes and reports per day per person, in Japanese, writing nothing', async () => {
    const published = await proposal();
    for (let n = 1; n <= 4; n += 1) await comment('colleague', published, `コメント${n}`);
    const fifth = await call('colleague', 'POST', `/api/proposals/${published.id}/comments`, {
      body: 'コメント5',
    });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.message).toBe(
      'コメントは10分間に4件までです。しばらく待ってからもう一度お試しください。',
    );
    expect(await commentCount()).toBe(4);
    await comment('outsider', published, '別の人は書ける');

    const targets = (await list('outsider', published)).items.filter((item) => !item.mine);
    await ok('outsider', 'POST', `/api/comments/${targets[0]!.id}/report`, { reason: '理由1' });
    await ok('outsider', 'POST', `/api/comments/${targets[1]!.id}/report`, { reason: '理由2' });
    const third = await call('outsider', 'POST', `/api/comments/${targets[2]!.id}/report`, {
      reason: '理由3',
    });
    expect(third.statusCode).toBe(429);
    expect(third.json().error.message).toBe(
      'コメントの通報は24時間で2件までです。時間をおいてからお試しください。',
    );
    expect(
      (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from comment_reports`))[0]!.n,
    ).toBe(2);
  });

  it('holds the limit under concurrent posts: exactly the allowance is written', async () => {
    const published = await proposal();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_unused, n) =>
        call('colleague', 'POST', `/api/proposals/${published.id}/comments`, { body: `同時のコメント${n}` }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([...Array(4).fill(201), ...Array(8).fill(429)]);
    expect(await commentCount()).toBe(4);
  });

  it('refuses hostile input with a Japanese message and changes nothing', async () => {
    const published = await proposal();
    const url = `/api/proposals/${published.id}/comments`;
    const refused: [unknown, number, string | RegExp][] = [
      [{ body: 'あ'.repeat(1001) }, 400, 'コメントは1000文字以内で入力してください。'],
      [{ body: '   \n  ' }, 400, 'コメントを入力してください。'],
      [{ body: '制御文字\u0007入り' }, 400, 'コメントに使用できない文字が含まれています。'],
      [{ body: 'NUL\u0000' }, 400, 'コメントに使用できない文字が含まれています。'],
      [{ body: 42 }, 400, 'コメントは文字列で入力してください。'],
      [{}, 400, 'コメントを入力してください。'],
      [{ body: '本文', authorId: ids.proposer }, 400, /./],
      [{ body: 'x'.repeat(2_000_000) }, 413, /./],
    ];
    for (const [payload, status, message] of refused) {
      const response = await call('colleague', 'POST', url, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(status);
      expect(said(response)).toMatch(message);
    }
    expect(await commentCount()).toBe(0);

    // Exactly the limit, in characters (emoji count once), with markup kept as text.
    const long = await comment('colleague', published, '😀'.repeat(1000));
    expect(long.body).toBe('😀'.repeat(1000));
    const markup = await comment('colleague', published, '<script>alert(1)</script> **太字** ${x}');
    expect(markup.body).toBe('<script>alert(1)</script> **太字** ${x}');

    // Someone else's comment: staff cannot hide it; a comment on a proposal they cannot see is absent.
    expect(
      (await call('outsider', 'POST', `/api/comments/${long.id}/hide`, { reason: '消す' })).statusCode,
    ).toBe(403);
    const hiddenProposal = await proposal({ published: false });
    const onHidden = await ok('office', 'POST', `/api/comments/${long.id}/report`, { reason: '確認' });
    expect(onHidden.reportedByMe).toBe(true);
    for (const path of ['hide', 'report', 'reports/dismiss'])
      expect(
        (await call('outsider', 'POST', `/api/comments/${hiddenProposal.id}/${path}`, { reason: 'x' }))
          .statusCode,
      ).toBe(404);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      expect((await call('office', 'POST', `/api/comments/${id}/hide`, { reason: 'x' })).statusCode).toBe(
        404,
      );
    const emptyReason = await call('outsider', 'POST', `/api/comments/${long.id}/report`, { reason: '' });
    expect(emptyReason.statusCode).toBe(400);
    expect(said(emptyReason)).toBe('通報の理由を入力してください。');
    expect(await commentCount()).toBe(2);
  });
});
