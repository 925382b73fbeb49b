import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ProposalDto, ProposalHistoryEntryDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import type { EntraPerson } from '../helpers/entra-token';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * The audit trail through the API: every status change (one or in bulk), merge, withdrawal, project
 * link and CSV import leaves a history entry naming who and when, in the same transaction as the
 * change; earlier entries never change; and no route lets anyone edit or delete history (the
 * database refuses UPDATE and DELETE too: proposal-triage.int.test.ts).
 */
const people = {
  staff: personas.taro,
  office: personas.kenichi,
  admin: personas.makoto,
} satisfies Record<string, EntraPerson>;
type Who = keyof typeof people;

describe('audit trail', () => {
  const api = useSignedInApp(people);
  const { ctx, ids, call } = api;

  const ok = async (
    who: Who,
    method: string,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => {
    const response = await call(who, method, url, payload, headers);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  let counter = 0;
  const submit = async (title: string): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: { userId: ids.staff, roles: [] },
        input: { title, body: '本文です。', category: 'efficiency' },
        clientRequestId: `audit-${(counter += 1)}-request`,
      })
    ).proposal;
  const history = async (proposal: { id: string }): Promise<ProposalHistoryEntryDto[]> =>
    (await ok('office', 'GET', `/api/proposals/${proposal.id}/history`)).items;

  it('records who did what and when for every change, and never rewrites an earlier entry', async () => {
    const started = Date.now() - 1_000;
    const [a, b, c, duplicate, own] = [
      await submit('窓口のキャッシュレス化'),
      await submit('電子決裁の徹底'),
      await submit('押印の廃止'),
      await submit('窓口で電子マネーを使えるように'),
      await submit('テレワークの拡充'),
    ];
    const [project] = await findPriorityProjects(ctx.db, 2024);

    const changed = await ok('office', 'PATCH', `/api/proposals/${a.id}`, {
      version: a.version,
      status: 'under_consideration',
      answer: '担当課と検討します。',
      comment: '検討開始',
    });
    const before = await history(a);
    await ok('admin', 'POST', '/api/proposals/bulk-status', {
      items: [
        { id: a.id, version: changed.version },
        { id: b.id, version: b.version },
      ],
      status: 'settled',
      comment: '一括で実現見込みに',
    });
    await ok('office', 'POST', `/api/proposals/${duplicate.id}/merge`, {
      version: duplicate.version,
      intoId: a.id,
      comment: '重複',
    });
    await ok('admin', 'PUT', `/api/proposals/${c.id}/projects/${project!.id}`, { comment: '重点案件へ' });
    await ok('office', 'DELETE', `/api/proposals/${c.id}/projects/${project!.id}`);
    await ok('staff', 'POST', `/api/proposals/${own.id}/withdraw`, {
      version: own.version,
      comment: '取り下げます',
    });
    const csv = Buffer.from(
      '\uFEFF提出日,件名,提案内容,分類,提案者,状況\r\n2024-06-03,取込の提案,本文,業務の効率化,山口 太郎,検討中\r\n',
      'utf8',
    );
    const imported = await ok('admin', 'POST', '/api/proposals/import?dryRun=false', csv, {
      'content-type': 'text/csv',
    });
    const finished = Date.now() + 1_000;

    const actions = async (proposal: { id: string }) =>
      (await history(proposal)).map((entry) => [entry.action, entry.actorId, entry.actorName]);
    expect(await actions(a)).toEqual([
      ['created', ids.staff, '山口 太郎'],
      ['status_changed', ids.office, '萩原 健一'],
      ['status_changed', ids.admin, '岩国 誠'],
      ['merged', ids.office, '萩原 健一'],
    ]);
    expect(await actions(b)).toEqual([
      ['created', ids.staff, '山口 太郎'],
      ['status_changed', ids.admin, '岩国 誠'],
    ]);
    expect(await actions(duplicate)).toEqual([
      ['created', ids.staff, '山口 太郎'],
      ['merged', ids.office, '萩原 健一'],
    ]);
    expect(await actions(c)).toEqual([
      ['created', ids.staff, '山口 太郎'],
      ['linked', ids.admin, '岩国 誠'],
      ['unlinked', ids.office, '萩原 健一'],
    ]);
    expect(await actions(own)).toEqual([
      ['created', ids.staff, '山口 太郎'],
      ['withdrawn', ids.staff, '山口 太郎'],
    ]);
    const [importedRow] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from proposals where number = ${imported.numbers[0] as string}`,
    );
    expect(await actions(importedRow!)).toEqual([['imported', ids.admin, '岩国 誠']]);

    // What changed is recorded with the change, and every entry has its time.
    const aHistory = await history(a);
    expect(aHistory[1]!.changes).toMatchObject({ status: { from: 'received', to: 'under_consideration' } });
    expect(aHistory[1]!.comment).toBe('検討開始');
    for (const entry of [...aHistory, ...(await history(c)), ...(await history(own))]) {
      const at = Date.parse(entry.createdAt);
      expect(at).toBeGreaterThanOrEqual(started);
      expect(at).toBeLessThanOrEqual(finished);
    }
    // Later changes only append: the entries seen before are unchanged.
    expect(aHistory.slice(0, before.length)).toEqual(before);
  });

  it('offers no way to change or delete history, or a proposal, through the API', async () => {
    const proposal = await submit('監査の試験');
    const entries = await history(proposal);
    const entryId = entries[0]!.id;
    for (const who of ['office', 'admin'] as Who[]) {
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        for (const url of [
          `/api/proposals/${proposal.id}/history`,
          `/api/proposals/${proposal.id}/history/${entryId}`,
        ]) {
          const response = await call(who, method, url, { comment: '改ざん', action: 'created' });
          expect(response.statusCode, `${method} ${url}`).toBe(404);
        }
      }
      expect((await call(who, 'DELETE', `/api/proposals/${proposal.id}`)).statusCode).toBe(404);
      // The triage body is strict: history, actor or dates cannot ride along.
      for (const field of ['history', 'actorId', 'createdAt', 'submittedAt', 'proposerId', 'number']) {
        const response = await call(who, 'PATCH', `/api/proposals/${proposal.id}`, {
          version: proposal.version,
          [field]: field === 'history' ? [] : 'x',
        });
        expect(response.statusCode, field).toBe(400);
      }
    }
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      expect(api.app.hasRoute({ method, url: '/api/proposals/:id/history' }), method).toBe(false);
    }
    expect(await history(proposal)).toEqual(entries);
  });
});
