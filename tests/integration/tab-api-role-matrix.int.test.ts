import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * The tab API's role matrix: every route as anonymous, staff (with their own proposal, another's
 * unpublished one and another's published one), office and admin — one test per route and role,
 * named like `GET /api/proposals/{hidden} as staff → 404` — and a test that fails when a route of
 * the app has no row here.
 *
 * The rows run in order over one fixture (the database is emptied once, before the first), as they
 * did when they were one test: a row may see what an earlier row changed (the office's bulk change
 * before the admin's, a project the office created), and every row's expectation holds either way.
 */
const people = tabApiCast;
type Who = keyof typeof people | 'anonymous';

/** `METHOD /path/:param` of every /api route, from Fastify's own route tree (HEAD left out). */
const apiRoutesOf = (app: FastifyInstance): string[] => {
  const parents: string[] = [];
  return app
    .printRoutes({ commonPrefix: false })
    .split('\n')
    .flatMap((line) => {
      const match = /^(.*?)[├└]── (\S+) \(([^)]+)\)/.exec(line);
      if (!match) return [];
      const depth = match[1]!.length / 4;
      const path = (parents[depth - 1] ?? '') + match[2]!;
      parents[depth] = path;
      return path.startsWith('/api/')
        ? match[3]!
            .split(', ')
            .filter((method) => method !== 'HEAD')
            .map((method) => `${method} ${path}`)
        : [];
    });
};

/** What the paths' placeholders stand for: `{own}`, `{hidden}`, `{published}`, `{project}`, `{unknown}`. */
interface Fixture {
  own: ProposalDto;
  hidden: ProposalDto;
  published: ProposalDto;
  project: { id: string; version: number };
  unknown: string;
  /** Codes of master data (`:code` routes): a category and a stamp kind of the base data. */
  category: string;
  stampKind: string;
  /** A fiscal year (`:fiscalYear` routes: the 提案集). */
  fiscalYear: string;
  /** A division id that names no division (`:divisionId` routes: 横展開). */
  noDivision: string;
}

type Expected = Partial<Record<Exclude<Who, 'anonymous'>, number>>;
/** A route: method, path with placeholders, request body (a string is sent as CSV), status for each role. */
type Route = [
  method: string,
  path: string,
  body: (fixture: Fixture, who: Who) => unknown,
  expected: Expected,
];

const all = (status: number): Expected => ({ staff: status, other: status, office: status, admin: status });
const officeOnly = (ok: number): Expected => ({ staff: 403, other: 403, office: ok, admin: ok });
const adminOnly = (ok: number): Expected => ({ staff: 403, other: 403, office: 403, admin: ok });
const none = () => undefined;

const routes: Route[] = [
  ['GET', '/api/me', none, all(200)],
  ['GET', '/api/divisions', none, all(200)],
  ['GET', '/api/stamp-kinds', none, all(200)],
  ['GET', '/api/answer-templates', none, officeOnly(200)],
  ['POST', '/api/answer-templates', () => ({ title: '定型', body: '本文' }), officeOnly(200)],
  // An unknown template: the role check comes first.
  ['PATCH', '/api/answer-templates/{unknown}', () => ({ version: 1, title: '別' }), officeOnly(404)],
  ['GET', '/api/fiscal-years', none, all(200)],
  ['GET', '/api/proposals', none, all(200)],
  ['GET', '/api/proposals/queues', none, all(200)],
  ['GET', '/api/proposals?queue=unanswered', none, officeOnly(200)],
  ['GET', '/api/proposals/{own}', none, { staff: 200, other: 404, office: 200, admin: 200 }],
  ['GET', '/api/proposals/{hidden}', none, { staff: 404, other: 200, office: 200, admin: 200 }],
  ['GET', '/api/proposals/{published}', none, all(200)],
  ['GET', '/api/proposals/{hidden}/history', none, { staff: 404, other: 200, office: 200, admin: 200 }],
  ['GET', '/api/proposals/{unknown}', none, all(404)],
  // No-op triage (same version, nothing changed) succeeds for the office without changing anything.
  ['PATCH', '/api/proposals/{hidden}', ({ hidden }) => ({ version: hidden.version }), officeOnly(200)],
  [
    'POST',
    '/api/proposals/bulk-status',
    ({ hidden }) => ({ items: [{ id: hidden.id, version: hidden.version }], status: 'received' }),
    officeOnly(200),
  ],
  [
    'POST',
    '/api/proposals/bulk-handling',
    // 期間 as it is (未定): nothing changes, so later rows see the same version.
    ({ hidden }) => ({ items: [{ id: hidden.id, version: hidden.version }], horizon: null }),
    officeOnly(200),
  ],
  // The proposer's correction, unchanged: only they may (the office is refused, others do not see it).
  [
    'PATCH',
    '/api/proposals/{own}/content',
    ({ own }) => ({ version: own.version, title: own.title }),
    { staff: 200, other: 404, office: 403, admin: 403 },
  ],
  // Merging into itself is refused (400) once past the role check.
  [
    'POST',
    '/api/proposals/{hidden}/merge',
    ({ hidden }) => ({ version: hidden.version, intoId: hidden.id }),
    officeOnly(400),
  ],
  // The internal side: the office (and the 所管課's liaisons); the proposer ('other') may see the
  // proposal but not its notes and drafts (403); anyone else does not learn it exists (404).
  [
    'POST',
    '/api/proposals/{hidden}/notes',
    () => ({ body: '内部メモです。' }),
    { staff: 404, other: 403, office: 201, admin: 201 },
  ],
  ['GET', '/api/proposals/{hidden}/draft', none, { staff: 404, other: 403, office: 200, admin: 200 }],
  // Nothing changed (same version, no field): succeeds without changing anything.
  [
    'PATCH',
    '/api/proposals/{hidden}/handling',
    ({ hidden }) => ({ version: hidden.version }),
    { staff: 404, other: 403, office: 200, admin: 200 },
  ],
  [
    'PUT',
    '/api/proposals/{hidden}/draft',
    () => ({ answer: '回答案です。' }),
    { staff: 404, other: 403, office: 200, admin: 200 },
  ],
  // A stale version: 409 shows the office got past the role check without changing anything.
  [
    'POST',
    '/api/proposals/{hidden}/draft/approve',
    ({ hidden }) => ({ version: hidden.version + 50 }),
    officeOnly(409),
  ],
  ['DELETE', '/api/proposals/{hidden}/projects/{project}', none, officeOnly(200)],
  ['PUT', '/api/proposals/{hidden}/projects/{project}', none, officeOnly(200)],
  ['GET', '/api/proposals/export.csv', none, officeOnly(200)],
  [
    'POST',
    '/api/proposals/import?dryRun=true',
    () => '\uFEFF提出日,件名,提案内容,分類,提案者\r\n',
    officeOnly(400),
  ],
  [
    'POST',
    '/api/proposals/{hidden}/withdraw',
    ({ hidden }) => ({ version: hidden.version }),
    // The office may withdraw on the proposer's behalf, with a reason only (none given here).
    { staff: 404, office: 400, admin: 400 },
  ],
  [
    'POST',
    '/api/proposals/{published}/withdraw',
    ({ published }) => ({ version: published.version }),
    { staff: 403, office: 400, admin: 400 },
  ],
  // 横展開 and thanks: read by whoever sees the proposal; records only on 実現完了 proposals, for a
  // division that exists.
  ['GET', '/api/proposals/{published}/adoptions', none, all(200)],
  ['GET', '/api/proposals/{hidden}/adoptions', none, { staff: 404, other: 200, office: 200, admin: 200 }],
  [
    'PUT',
    '/api/proposals/{hidden}/adoptions/{noDivision}',
    () => ({ state: 'adopted' }),
    // Unseen → absent; not their division → refused; the office: not a realised proposal.
    { staff: 404, other: 403, office: 409, admin: 409 },
  ],
  [
    'DELETE',
    '/api/proposals/{hidden}/adoptions/{noDivision}',
    none,
    { staff: 404, other: 403, office: 404, admin: 404 },
  ],
  ['GET', '/api/proposals/{published}/thanks', none, all(200)],
  ['GET', '/api/proposals/{hidden}/thanks', none, { staff: 404, other: 200, office: 200, admin: 200 }],
  // 賛同: published proposals of others (the proposer 'other' is refused); 'hidden' is unpublished.
  ['PUT', '/api/proposals/{published}/support', none, { staff: 200, other: 403, office: 200, admin: 200 }],
  ['DELETE', '/api/proposals/{published}/support', none, all(200)],
  ['PUT', '/api/proposals/{hidden}/support', none, { staff: 404, other: 403, office: 403, admin: 403 }],
  ['PUT', '/api/proposals/{published}/follow', none, all(200)],
  ['DELETE', '/api/proposals/{published}/follow', none, all(200)],
  ['PUT', '/api/proposals/{hidden}/follow', none, { staff: 404, other: 200, office: 403, admin: 403 }],
  ['GET', '/api/me/notification-preference', none, all(200)],
  ['PUT', '/api/me/notification-preference', () => ({ preference: 'daily' }), all(200)],
  // Comments: on published proposals only, for everyone who sees them; the office moderates.
  ['GET', '/api/proposals/{published}/comments', none, all(200)],
  ['GET', '/api/proposals/{hidden}/comments', none, all(404)],
  ['POST', '/api/proposals/{published}/comments', () => ({ body: 'コメントです。' }), all(201)],
  ['POST', '/api/proposals/{own}/comments', () => ({ body: 'コメントです。' }), all(404)],
  // An unknown comment: absent for everyone (the role check needs a comment to be about).
  ['POST', '/api/comments/{unknown}/hide', () => ({ reason: '不適切' }), all(404)],
  ['POST', '/api/comments/{unknown}/report', () => ({ reason: '不適切' }), all(404)],
  ['POST', '/api/comments/{unknown}/reports/dismiss', () => ({}), all(404)],
  ['GET', '/api/comment-reports', none, officeOnly(200)],
  // The dashboard: everyone reads it, a division's figures included.
  ['GET', '/api/dashboard?fiscalYear=2024', none, all(200)],
  ['GET', '/api/dashboard/top-supported', none, officeOnly(200)],
  // 横展開 and stamps about proposals: everyone counts what they may see.
  ['GET', '/api/dashboard/adoptions?fiscalYear=2024', none, all(200)],
  ['GET', '/api/dashboard/stamps?fiscalYear=2024&about=subject', none, all(200)],
  ['GET', '/api/dashboard?fiscalYear=2024&divisionId={unknown}', none, all(404)],
  // 提案集: the office's workbook and print data of a year.
  ['GET', '/api/collection/{fiscalYear}.xlsx', none, officeOnly(200)],
  ['GET', '/api/collection/{fiscalYear}', none, officeOnly(200)],
  // 重点案件: everyone reads; only the office creates, edits, reports progress and copies a year.
  ['GET', '/api/priority-projects?fiscalYear=2024', none, all(200)],
  ['GET', '/api/priority-projects/{project}', none, all(200)],
  ['GET', '/api/priority-projects/{unknown}', none, all(404)],
  [
    'POST',
    '/api/priority-projects',
    (_fixture, who) => ({
      fiscalYear: 2024,
      themeNo: 9,
      themeTitle: '権限の確認',
      itemNo: who === 'admin' ? 2 : 1,
      title: `${who} が追加した案件`,
    }),
    officeOnly(201),
  ],
  // A stale version: 409 shows the office got past the role check without changing anything.
  [
    'PATCH',
    '/api/priority-projects/{project}',
    ({ project }) => ({ version: project.version + 5, title: '書き換え' }),
    officeOnly(409),
  ],
  [
    'POST',
    '/api/priority-projects/{project}/progress-updates',
    () => ({ progress: 10, status: 'in_progress', note: '着手しました。' }),
    officeOnly(201),
  ],
  [
    'POST',
    '/api/priority-projects/copy',
    () => ({ fromFiscalYear: 2024, toFiscalYear: 2025 }),
    officeOnly(200),
  ],
  // 権限管理: admins only. Setting an unknown user's roles is 404 once past the role check.
  ['GET', '/api/admin/users?q=山口', none, adminOnly(200)],
  [
    'PUT',
    '/api/admin/users/{unknown}/roles',
    () => ({ roles: ['office'], expectedRoles: [] }),
    adminOnly(404),
  ],
  ['PUT', '/api/admin/users/{unknown}/liaison-divisions', () => ({ divisionIds: [] }), adminOnly(404)],
  ['GET', '/api/admin/role-changes', none, adminOnly(200)],
  // 分類・スタンプ: everyone reads the categories; the office and admins manage both lists.
  ['GET', '/api/categories', none, all(200)],
  [
    'POST',
    '/api/master-data/categories',
    (_f, who) => ({ code: `c-${who}`, label: `${who}の分類` }),
    officeOnly(201),
  ],
  ['PATCH', '/api/master-data/categories/{category}', () => ({ label: 'その他' }), officeOnly(200)],
  // An order that leaves entries out is refused (409) once past the role check.
  ['PUT', '/api/master-data/categories/order', () => ({ codes: ['other'] }), officeOnly(409)],
  ['GET', '/api/master-data/stamp-kinds', none, officeOnly(200)],
  [
    'POST',
    '/api/master-data/stamp-kinds',
    (_f, who) => ({ code: `s-${who}`, label: `${who}のスタンプ`, emoji: '🎉', purpose: 'appreciation' }),
    officeOnly(201),
  ],
  ['PATCH', '/api/master-data/stamp-kinds/{stampKind}', () => ({ emoji: '🙏' }), officeOnly(200)],
  ['PUT', '/api/master-data/stamp-kinds/order', () => ({ codes: ['thanks'] }), officeOnly(409)],
  ['GET', '/api/master-data/changes?entity=category', none, officeOnly(200)],
  // 組織と職員: the office reads, admins change. Unknown divisions are 404 once past the role check.
  ['GET', '/api/org/divisions', none, officeOnly(200)],
  ['GET', '/api/org/changes?entity=division', none, officeOnly(200)],
  ['POST', '/api/org/divisions', () => ({ code: '', name: '', kind: 'division' }), adminOnly(400)],
  ['GET', '/api/org/divisions/export.csv', none, officeOnly(200)],
  ['POST', '/api/org/divisions/import?dryRun=true', () => '組織名\r\n', adminOnly(400)],
  ['GET', '/api/org/users?filter=missing', none, officeOnly(200)],
  [
    'PUT',
    '/api/org/users/{unknown}/division',
    ({ unknown }) => ({ divisionId: unknown, effectiveDate: '2024-04-01' }),
    adminOnly(404),
  ],
  ['GET', '/api/org/department-mappings', none, officeOnly(200)],
  ['PUT', '/api/org/department-mappings/{unknown}', () => ({ state: 'ignored' }), adminOnly(404)],
  // Without Microsoft Graph there is no directory to sync: refused once past the role check.
  ['POST', '/api/org/directory-sync', none, adminOnly(400)],
  ['PATCH', '/api/org/divisions/{unknown}', () => ({ name: '改名' }), adminOnly(404)],
  ['POST', '/api/org/divisions/{unknown}/merge', ({ unknown }) => ({ intoId: unknown }), adminOnly(400)],
];

/** One row per route and role (anonymous: 401 on every route), in the order they run. */
const rows = routes.flatMap(([method, path, body, expected]) =>
  (['anonymous', 'staff', 'other', 'office', 'admin'] as const).flatMap((who) => {
    const status = who === 'anonymous' ? 401 : expected[who];
    return status === undefined
      ? []
      : [{ name: `${method} ${path} as ${who} → ${status}`, method, path, who, status, body }];
  }),
);

/** The path with the fixture's ids in place of its placeholders. */
const urlOf = (path: string, fixture: Fixture): string =>
  path.replace(/\{(\w+)\}/g, (_whole, name: keyof Fixture) => {
    const value = fixture[name];
    return typeof value === 'string' ? value : value.id;
  });

/**
 * The route pattern a path is served by: a master-data code is `:code`, a year `:fiscalYear`; otherwise its first
 * placeholder is `:id`, the next `:projectId`.
 */
const patternOf = (path: string): string => {
  let n = 0;
  return path
    .split('?')[0]!
    .replace(/\{(\w+)\}/g, (_whole, name: string) =>
      name === 'category' || name === 'stampKind'
        ? ':code'
        : name === 'fiscalYear'
          ? ':fiscalYear'
          : name === 'noDivision'
            ? ':divisionId'
            : (n += 1) === 1
              ? ':id'
              : ':projectId',
    );
};

describe('tab API: role matrix', () => {
  const api = useSignedInApp(people, {
    env: { PUBLIC_URL: 'https://proposals.example.jp', TEAMS_APP_ID: 'app-1' },
    notificationQueue: true,
    reset: 'once',
  });
  const { ctx, ids, call } = api;

  let fixture: Fixture;
  beforeAll(async () => {
    let requests = 0;
    const submit = async (who: 'staff' | 'other', title: string) =>
      (
        await submitProposal(ctx.db, {
          actor: { userId: ids[who], roles: [] },
          input: { title, body: '本文です。', category: 'efficiency' },
          clientRequestId: `matrix-${(requests += 1)}`,
          now: new Date('2024-06-10T01:00:00Z'),
        })
      ).proposal;
    const own = await submit('staff', '自分の提案');
    const hidden = await submit('other', '他人の非公開の提案');
    const unpublished = await submit('other', '他人の公開済みの提案');
    const publishing = await call('office', 'PATCH', `/api/proposals/${unpublished.id}`, {
      version: unpublished.version,
      isPublished: true,
    });
    expect(publishing.statusCode).toBe(200);
    const [project] = await findPriorityProjects(ctx.db, 2024);
    fixture = {
      own,
      hidden,
      published: publishing.json() as ProposalDto,
      project: project!,
      unknown: '00000000-0000-4000-8000-000000000000',
      category: 'other',
      stampKind: 'thanks',
      fiscalYear: '2024',
      noDivision: '00000000-0000-4000-8000-000000000001',
    };
  });

  // Every API route of the app has its row here: a new route without one fails this test.
  it('has a row for every API route', () => {
    const tested = new Set(routes.map(([method, path]) => `${method} ${patternOf(path)}`));
    expect(apiRoutesOf(api.app).filter((route) => !tested.has(route))).toEqual([]);
  });

  it.each(rows.map((row) => [row.name, row] as const))(
    '%s',
    async (_name, { method, path, who, status, body }) => {
      const url = urlOf(path, fixture);
      const payload = body(fixture, who);
      const response = await call(
        who,
        method,
        url,
        payload,
        typeof payload === 'string' ? { 'content-type': 'text/csv' } : {},
      );
      expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBe(status);
    },
  );

  it("shows staff a 重点案件's published linked proposals only, the office all of them", async () => {
    const { hidden, published, project } = fixture;
    for (const proposal of [hidden, published])
      expect(
        (await call('office', 'PUT', `/api/proposals/${proposal.id}/projects/${project.id}`)).statusCode,
      ).toBe(200);
    const linkedTitles = async (who: Who) => {
      const detail = (await call(who, 'GET', `/api/priority-projects/${project.id}`)).json();
      return (detail.linkedProposals as { title: string }[]).map((proposal) => proposal.title).sort();
    };
    expect(await linkedTitles('staff')).toEqual(['他人の公開済みの提案']);
    expect(await linkedTitles('office')).toEqual(['他人の公開済みの提案', '他人の非公開の提案'].sort());
  });

  it("lists staff their own and published proposals, never another's unpublished one; the office all", async () => {
    const staffList = (await call('staff', 'GET', '/api/proposals')).json();
    expect(staffList.items.map((item: ProposalDto) => item.title).sort()).toEqual(
      ['他人の公開済みの提案', '自分の提案'].sort(),
    );
    expect((await call('office', 'GET', '/api/proposals')).json().total).toBe(3);
  });

  it('lets the proposer withdraw their own', async () => {
    const withdrawn = await call('other', 'POST', `/api/proposals/${fixture.hidden.id}/withdraw`, {
      version: fixture.hidden.version,
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
  });
});
