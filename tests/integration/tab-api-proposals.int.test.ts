import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

const people = tabApiCast;
type Who = keyof typeof people | 'anonymous';

const conflictMessage = 'この提案は他の人が先に更新しました。画面を更新して最新の内容を確認してください。';

describe('tab API: proposals', () => {
  const api = useSignedInApp(people, {
    env: { PUBLIC_URL: 'https://proposals.example.jp', TEAMS_APP_ID: 'app-1' },
    notificationQueue: true,
  });
  const { ctx, ids, call } = api;

  const actorOf = (who: keyof typeof people) => ({
    userId: ids[who],
    roles: who === 'office' ? (['office'] as const) : who === 'admin' ? (['admin'] as const) : ([] as const),
  });

  let requestCounter = 0;
  const submit = async (
    who: keyof typeof people,
    input: { title: string; body?: string; category?: string; coProposerIds?: string[] },
    now = new Date('2024-06-10T01:00:00Z'),
  ): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: actorOf(who),
        input: { body: '本文です。', category: 'efficiency', ...input },
        clientRequestId: `req-${(requestCounter += 1)}`,
        now,
      })
    ).proposal;

  const deliveries = () =>
    queryRows<{ user_id: string; dedupe_key: string; summary: string }>(
      ctx.db,
      sql`select user_id, dedupe_key, payload->>'summary' as summary from notification_deliveries order by dedupe_key`,
    );

  it('filters, searches in Japanese, sorts and pages on the server', async () => {
    const [division] = [...(await ensureDivisions(ctx.db, [{ name: '財政課' }])).values()];
    const titles = [
      '会議資料のペーパレス化',
      'オンライン会議の推進',
      '電子決裁の徹底',
      '会議室予約のデジタル化',
      '押印の廃止',
    ];
    const created: ProposalDto[] = [];
    for (let i = 0; i < 25; i += 1) {
      created.push(
        await submit(
          i % 2 === 0 ? 'staff' : 'other',
          { title: `${titles[i % titles.length]} ${i + 1}`, category: i % 3 === 0 ? 'paperless' : 'digital' },
          new Date(Date.UTC(2024, 5, 1 + i, 1)),
        ),
      );
    }
    // One blocked with a responsible division.
    const blocked = await call('office', 'PATCH', `/api/proposals/${created[3]!.id}`, {
      version: created[3]!.version,
      status: 'blocked',
      blockReason: 'budget',
      revisitOn: '2025-04-01',
      responsibleDivisionId: division,
      answer: '予算の都合で来年度に再検討します。',
    });
    expect(blocked.statusCode).toBe(200);

    const list = async (query: string, who: Who = 'office') => {
      const response = await call(who, 'GET', `/api/proposals?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: ProposalDto[]; total: number; page: number; pageSize: number };
    };

    const search = await list(`q=${encodeURIComponent('会議')}&pageSize=100`);
    expect(search.total).toBe(15);
    expect(search.items.every((item) => item.title.includes('会議'))).toBe(true);
    const twoTerms = await list(`q=${encodeURIComponent('会議　デジタル')}`);
    expect(twoTerms.items.map((item) => item.title.split(' ')[0])).toEqual(
      Array(5).fill('会議室予約のデジタル化'),
    );

    const page2 = await list('sort=number&direction=asc&page=2&pageSize=10');
    expect(page2).toMatchObject({ total: 25, page: 2, pageSize: 10 });
    expect(page2.items.map((item) => item.number)).toEqual(created.slice(10, 20).map((item) => item.number));
    const last = await list('sort=submittedAt&direction=desc&page=3&pageSize=10');
    expect(last.items).toHaveLength(5);
    expect(last.items[0]!.number).toBe(created[4]!.number);

    expect((await list('category=paperless')).total).toBe(9);
    expect((await list('status=blocked')).items.map((item) => item.id)).toEqual([created[3]!.id]);
    expect((await list('status=blocked,received')).total).toBe(25);
    expect((await list('status=blocked&status=realised')).total).toBe(1);
    expect((await list(`responsibleDivisionId=${division}`)).total).toBe(1);
    expect((await list('fiscalYear=2024')).total).toBe(25);
    expect((await list('fiscalYear=2023')).total).toBe(0);
    expect((await list('mine=true', 'staff')).total).toBe(13);
    // Staff see only their own (nothing is published).
    expect((await list('pageSize=100', 'other')).total).toBe(12);

    const [project] = await findPriorityProjects(ctx.db, 2024);
    const link = await call('office', 'PUT', `/api/proposals/${created[0]!.id}/projects/${project!.id}`);
    expect(link.statusCode).toBe(200);
    expect(link.json().priorityProjectIds).toEqual([project!.id]);
    expect((await list(`priorityProjectId=${project!.id}`)).items.map((item) => item.id)).toEqual([
      created[0]!.id,
    ]);
    expect(
      (await call('office', 'PUT', `/api/proposals/${created[0]!.id}/projects/${project!.id}`)).statusCode,
    ).toBe(200);
    const unlink = await call('office', 'DELETE', `/api/proposals/${created[0]!.id}/projects/${project!.id}`);
    expect(unlink.json().priorityProjectIds).toEqual([]);
    const history = (await call('office', 'GET', `/api/proposals/${created[0]!.id}/history`)).json().items;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual([
      'created',
      'linked',
      'unlinked',
    ]);
    expect(
      (
        await call(
          'office',
          'PUT',
          `/api/proposals/${created[0]!.id}/projects/00000000-0000-4000-8000-000000000000`,
        )
      ).statusCode,
    ).toBe(404);

    for (const bad of ['pageSize=101', 'page=0', 'status=unknown', 'sort=evil', 'proposerDivisionId=x']) {
      const response = await call('office', 'GET', `/api/proposals?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION');
    }
  });

  it('changes a status: history entry, notifications to proposer and co-proposer, 409 on a stale version', async () => {
    const proposal = await submit('staff', { title: '窓口のキャッシュレス化', coProposerIds: [ids.other] });
    const changed = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      status: 'under_consideration',
      answer: '所管課と検討を始めました。',
      comment: '所管課へ照会',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'under_consideration', version: proposal.version + 1 });

    // The office sees its internal note and who acted; the proposer what changed, not the note or the name.
    const officeHistory = (await call('office', 'GET', `/api/proposals/${proposal.id}/history`)).json().items;
    expect(officeHistory[1]).toMatchObject({
      action: 'status_changed',
      actorId: ids.office,
      actorName: '萩原 健一',
      comment: '所管課へ照会',
      commentInternal: true,
    });
    const history = (await call('staff', 'GET', `/api/proposals/${proposal.id}/history`)).json().items;
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      action: 'status_changed',
      actorId: null,
      actorName: null,
      actorHidden: true,
      comment: null,
      changes: { status: { from: 'received', to: 'under_consideration' } },
    });
    const queued = await deliveries();
    expect(queued.map((row) => row.user_id).sort()).toEqual([ids.staff, ids.other].sort());
    expect(queued[0]!.summary).toContain('検討中');

    const stale = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version,
      status: 'settled',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CONFLICT', message: conflictMessage });
    expect((await deliveries()).length).toBe(2);

    const noReason = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version + 1,
      status: 'blocked',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
    const unknownField = await call('office', 'PATCH', `/api/proposals/${proposal.id}`, {
      version: proposal.version + 1,
      title: '書き換え',
    });
    expect(unknownField.statusCode).toBe(400);
  });

  it('merges a duplicate: history on both, proposers of both notified, bad targets refused', async () => {
    const target = await submit('other', { title: 'テレワークの拡充' });
    const duplicate = await submit('staff', { title: 'テレワークを増やしたい' });
    const merged = await call('office', 'POST', `/api/proposals/${duplicate.id}/merge`, {
      version: duplicate.version,
      intoId: target.id,
      comment: '同じ趣旨のため統合',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().proposal).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    expect(merged.json().into).toMatchObject({ id: target.id, status: 'received' });

    const historyOf = async (id: string) =>
      (await call('office', 'GET', `/api/proposals/${id}/history`)).json().items as {
        action: string;
        changes: Record<string, { to: unknown }>;
      }[];
    expect((await historyOf(duplicate.id)).at(-1)).toMatchObject({
      action: 'merged',
      changes: { status: { to: 'merged' }, mergedIntoId: { to: target.id } },
    });
    expect((await historyOf(target.id)).at(-1)).toMatchObject({
      action: 'merged',
      changes: { mergedFrom: { to: duplicate.number } },
    });
    expect((await deliveries()).map((row) => row.user_id).sort()).toEqual([ids.staff, ids.other].sort());

    const again = await call('office', 'POST', `/api/proposals/${target.id}/merge`, {
      version: target.version,
      intoId: duplicate.id,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('統合先にできません');
    const stale = await call('office', 'POST', `/api/proposals/${duplicate.id}/merge`, {
      version: duplicate.version,
      intoId: target.id,
    });
    expect(stale.statusCode).toBe(409);
    const viaTriage = await call('office', 'PATCH', `/api/proposals/${target.id}`, {
      version: target.version,
      status: 'merged',
    });
    expect(viaTriage.statusCode).toBe(409);
  });

  it('links and unlinks a priority project: history, and the proposers told each time', async () => {
    const proposal = await submit('staff', { title: '庁内Wi-Fiの整備', coProposerIds: [ids.other] });
    const [project] = await findPriorityProjects(ctx.db, 2024);
    const code = `R6-${project!.themeNo}-${project!.itemNo}`;
    const url = `/api/proposals/${proposal.id}/projects/${project!.id}`;
    const linkDeliveries = async () =>
      (await deliveries()).filter((row) => row.dedupe_key.startsWith('proposal-link:'));

    // Staff cannot link, nor can a comment the history cannot hold: nothing recorded, nobody told.
    expect((await call('staff', 'PUT', url, {})).statusCode).toBe(403);
    const badComment = await call('office', 'PUT', url, { comment: 'NUL\u0000' });
    expect(badComment.statusCode).toBe(400);
    expect(badComment.json().error.details[0].message).toBe('コメントに使用できない文字が含まれています。');
    expect(await deliveries()).toEqual([]);

    const linked = await call('office', 'PUT', url, { comment: 'DX推進の一環として' });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ priorityProjectIds: [project!.id], version: proposal.version });
    const afterLink = await linkDeliveries();
    expect(afterLink.map((row) => row.user_id).sort()).toEqual([ids.staff, ids.other].sort());
    for (const row of afterLink)
      expect(row.summary).toBe(
        `提案 ${proposal.number} が重点案件「${code} ${project!.title}」に関連付けられました`,
      );
    const [card] = await queryRows<{ text: string }>(
      ctx.db,
      sql`select (payload->'card')::text as text from notification_deliveries where dedupe_key = ${afterLink[0]!.dedupe_key}`,
    );
    expect(card!.text).toContain('提案が重点案件に関連付けられました');
    expect(card!.text).toContain('庁内Wi-Fiの整備');
    expect(card!.text).toContain(proposal.id); // in the deep link to the proposal

    // Linking again changes nothing: no history, no second notification.
    expect((await call('office', 'PUT', url)).statusCode).toBe(200);
    expect(await linkDeliveries()).toHaveLength(2);

    const unlinked = await call('office', 'DELETE', url);
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json().priorityProjectIds).toEqual([]);
    const linkKeys = new Set(afterLink.map((row) => row.dedupe_key));
    const afterUnlink = (await linkDeliveries()).filter((row) => !linkKeys.has(row.dedupe_key));
    expect(afterUnlink.map((row) => row.summary)).toEqual([
      `提案 ${proposal.number} と重点案件「${code} ${project!.title}」の関連付けが解除されました`,
      `提案 ${proposal.number} と重点案件「${code} ${project!.title}」の関連付けが解除されました`,
    ]);
    expect((await call('office', 'DELETE', url)).statusCode).toBe(200);
    expect(await linkDeliveries()).toHaveLength(4);

    const history = (await call('office', 'GET', `/api/proposals/${proposal.id}/history`)).json().items;
    expect(history).toMatchObject([
      { action: 'created' },
      {
        action: 'linked',
        actorId: ids.office,
        comment: 'DX推進の一環として',
        changes: { priorityProjectId: { from: null, to: project!.id } },
      },
      {
        action: 'unlinked',
        actorId: ids.office,
        changes: { priorityProjectId: { from: project!.id, to: null } },
      },
    ]);
  });

  it('changes statuses in bulk, reporting each proposal, a conflicting one included', async () => {
    const a = await submit('staff', { title: '一括A' });
    const b = await submit('other', { title: '一括B' });
    const c = await submit('other', { title: '一括C' });
    const response = await call('office', 'POST', '/api/proposals/bulk-status', {
      items: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version + 5 },
        { id: c.id, version: c.version },
      ],
      status: 'blocked',
      blockReason: 'legal',
      revisitOn: '2025-10-01',
      comment: '法改正待ち',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ succeeded: 2, failed: 1 });
    expect(body.results.map((result: { id: string; ok: boolean }) => [result.id, result.ok])).toEqual([
      [a.id, true],
      [b.id, false],
      [c.id, true],
    ]);
    expect(body.results[1]).toMatchObject({ code: 'CONFLICT', message: conflictMessage });
    expect(body.results[0].proposal).toMatchObject({
      status: 'blocked',
      blockReason: 'legal',
      revisitOn: '2025-10-01',
    });
    expect((await deliveries()).map((row) => row.user_id).sort()).toEqual([ids.staff, ids.other].sort());

    const tooMany = await call('office', 'POST', '/api/proposals/bulk-status', {
      items: [],
      status: 'settled',
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('exports the current filter as CSV and imports with a dry run first', async () => {
    await submit('staff', { title: '会議資料のペーパレス化', category: 'paperless' });
    await submit('other', { title: '電子決裁', category: 'digital' });

    const exported = await call('office', 'GET', '/api/proposals/export.csv?category=paperless');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="proposals-\d{8}\.csv"; filename\*=UTF-8''%E8%81%B7%E5%93%A1%E6%8F%90%E6%A1%88%E4%B8%80%E8%A6%A7_\d{8}\.csv$/,
    );
    expect([...exported.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(exported.rawPayload.toString('utf8').slice(1), { columns: true }) as Record<
      string,
      string
    >[];
    expect(records.map((record) => record['件名'])).toEqual(['会議資料のペーパレス化']);
    const searched = await call('office', 'GET', `/api/proposals/export.csv?q=${encodeURIComponent('決裁')}`);
    expect(parse(searched.rawPayload.toString('utf8').slice(1), { columns: true })).toHaveLength(1);

    const csv =
      '\uFEFF提出日,件名,提案内容,分類,提案者,提案者メール\r\n' +
      '2024-05-10,庁内Wi-Fiの整備,会議室でも使えるようにする,デジタル・ＤＸ,佐藤 一郎,ichiro.sato@example.jp\r\n' +
      '2024-05-11,文書の電子化,紙の文書を電子化する,ペーパレス化,佐藤 一郎,ichiro.sato@example.jp\r\n';
    const count = async () =>
      (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from proposals`))[0]!.n;

    const dryRun = await call('office', 'POST', '/api/proposals/import?dryRun=true', csv, {
      'content-type': 'text/csv',
    });
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    expect(dryRun.json()).toMatchObject({ dryRun: true, imported: 2 });
    expect(await count()).toBe(2);

    const bad = await call(
      'office',
      'POST',
      '/api/proposals/import?dryRun=false',
      csv.replace('デジタル・ＤＸ', '不明な分類'),
      { 'content-type': 'text/csv' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('row:2');
    expect(await count()).toBe(2);

    const committed = await call(
      'office',
      'POST',
      '/api/proposals/import?dryRun=false',
      Buffer.from(csv, 'utf8'),
      { 'content-type': 'application/octet-stream' },
    );
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ dryRun: false, imported: 2 });
    expect(await count()).toBe(4);

    const json = await call('office', 'POST', '/api/proposals/import', { rows: [] });
    expect(json.statusCode).toBe(400);
  });
});
