import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  normalizeAssignableRoles,
  type BulkItemResultDto,
  type ProposalDto,
  type RoleChangePageDto,
  type UserRolesUpdateResultDto,
} from '#shared';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { displayForm, markdownTextsOf, renderedText, unescapedMarkdown } from '../helpers/card-inspection';
import type { EntraPerson } from '../helpers/entra-token';
import {
  fuzzRuns,
  hostileString,
  hostileValue,
  isJapanese,
  mutatedObject,
  storedForm,
} from '../helpers/hostile-input';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';
import { rowsDigest } from '../helpers/test-database';

/**
 * Property-based tests of every tab API body and query: whatever arrives (wrong types, missing or
 * extra fields, huge strings, control characters, lone surrogates, emoji, RTL marks, HTML, SQL,
 * `${…}` and Markdown), the answer is either a Japanese error and nothing written, or success with
 * the text stored exactly as typed (line endings unified, outer white space trimmed) — and the card
 * a proposer then receives shows it as plain text. Never a 5xx, never a driver or stack detail.
 */
const people = {
  staff: personas.taro,
  office: personas.kenichi,
  admin: personas.makoto,
} satisfies Record<string, EntraPerson>;
type Who = keyof typeof people;

const leak =
  /stack|\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\bselect\b|\binsert\b|\bupdate \w+ set\b|relation "|postgres|pglite|drizzle|syntax error|ECONN/i;

/** Percent-encodes every UTF-8 byte, so any string (lone surrogates too) can travel in a URL. */
const encode = (value: string): string =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');

const queryString = (params: [string, string][], raw: string | null): string =>
  [...params.map(([key, value]) => `${encode(key)}=${encode(value)}`), ...(raw === null ? [] : [raw])].join(
    '&',
  );

const listKeys = [
  'fiscalYear',
  'status',
  'category',
  'proposerDivisionId',
  'responsibleDivisionId',
  'priorityProjectId',
  'mine',
  'q',
  'sort',
  'direction',
  'page',
  'pageSize',
];

/** Query parameters: known keys (sometimes repeated) with plausible or hostile values, and raw junk. */
const queryArbitrary = (keys: string[]) =>
  fc.tuple(
    fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })),
        fc.oneof(
          fc.constantFrom(
            '2024',
            '0',
            '-1',
            '1e3',
            '100',
            '101',
            'true',
            'received,blocked',
            'relevance',
            'asc',
            '',
          ),
          hostileString(200),
        ),
      ),
      { maxLength: 6 },
    ),
    fc.option(fc.constantFrom('%', '%FF', '%E3%81', '%zz', '&&&', '=', 'a[b]=1', '__proto__[x]=1'), {
      freq: 3,
    }),
  );

/** Dates as people and attackers write them: real, impossible (2月30日), year 0, not a date. */
const dateLike = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    ),
  hostileValue(40),
);

describe('tab API under hostile input (property-based)', () => {
  const { ctx, ids, call } = useSignedInApp(people, {
    env: {
      PUBLIC_URL: 'https://proposals.example.jp',
      TEAMS_APP_ID: 'app-1',
      // Thousands of requests from one address in a minute: this test is not about the rate limit.
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
    },
    notificationQueue: true,
  });
  let divisionId: string;
  let projectId: string;

  beforeEach(async () => {
    divisionId = (await ensureDivisions(ctx.db, [{ name: '人事課' }])).get('人事課')!;
    projectId = (await findPriorityProjects(ctx.db, 2024))[0]!.id;
  });

  let requestCounter = 0;
  const newProposal = async (who: Who = 'staff'): Promise<ProposalDto> =>
    (
      await submitProposal(ctx.db, {
        actor: { userId: ids[who], roles: who === 'office' ? ['office'] : [] },
        input: { title: 'ファズ試験の提案', body: '本文です。', category: 'efficiency' },
        clientRequestId: `fuzz-${(requestCounter += 1)}-request`,
        now: new Date('2024-06-10T01:00:00Z'),
      })
    ).proposal;

  /**
   * Every row of every table a request could write, and every user's database roles (the rest of a
   * user row is left out: signing in updates it).
   */
  const fingerprint = async (): Promise<string> => {
    const tables = [
      'proposals',
      'proposal_history',
      'proposal_project_links',
      'proposal_co_proposers',
      'priority_projects',
      'project_progress_updates',
      'notification_deliveries',
      'stamps',
      'divisions',
      'role_changes',
    ];
    return rowsDigest(ctx.db, tables, [
      `(select md5(coalesce(string_agg(id::text || ':' || roles::text, '|' order by id), '')) from users)`,
    ]);
  };

  /**
   * The outcome rules for one request: 2xx or a 4xx with a Japanese message and nothing written;
   * never 5xx; no internals in any body. Returns the response for route-specific checks.
   */
  const expectSafe = async (
    send: () => Promise<LightMyRequestResponse>,
    allowed: number[] = [200, 201, 400, 403, 404, 409, 413],
  ): Promise<LightMyRequestResponse> => {
    const before = await fingerprint();
    const response = await send();
    expect(allowed, `${response.statusCode} ${response.body.slice(0, 500)}`).toContain(response.statusCode);
    if (response.statusCode >= 400) {
      // Only refusals are checked for leaks: a success echoes what was sent (an answer may well say
      // "select"), and expectEcho checks that text as stored.
      expect(response.body).not.toMatch(leak);
      const { error } = response.json() as {
        error: { code: string; message: string; details?: { message: string }[] };
      };
      expect(isJapanese(error.message), error.message).toBe(true);
      for (const detail of error.details ?? []) expect(isJapanese(detail.message), detail.message).toBe(true);
      expect(await fingerprint()).toBe(before);
    }
    return response;
  };

  /** The text as stored and echoed; an empty or absent text is null. */
  const expectEcho = (sent: unknown, echoed: unknown) => {
    if (typeof sent !== 'string') return;
    const stored = storedForm(sent);
    expect(echoed).toBe(stored === '' ? null : stored);
  };

  /**
   * The status card this change queued for the proposer (there is one: the answer is visible to them)
   * shows the texts as plain text. Only this change's cards: earlier runs' cards carry other answers.
   */
  const expectPlainCards = async (proposalId: string, texts: string[]) => {
    const rows = await queryRows<{ payload: { card?: AdaptiveCard } | null }>(
      ctx.db,
      sql`select payload from notification_deliveries
          where dedupe_key like 'proposal-status:' ||
                (select max(id) from proposal_history where proposal_id = ${proposalId}) || ':%'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { payload } of rows) {
      const shown = markdownTextsOf(payload!.card!).map(renderedText);
      for (const markdown of markdownTextsOf(payload!.card!)) {
        expect(markdown).not.toMatch(unescapedMarkdown);
      }
      for (const text of texts.map(displayForm).filter(Boolean)) expect(shown).toContain(text);
    }
  };

  it('GET /api/proposals and the CSV export: any query is a result or a Japanese 400', async () => {
    await newProposal();
    await fc.assert(
      fc.asyncProperty(queryArbitrary(listKeys), async ([params, raw]) => {
        const query = queryString(params, raw);
        await expectSafe(() => call('office', 'GET', `/api/proposals?${query}`), [200, 400]);
        await expectSafe(() => call('staff', 'GET', `/api/proposals?${query}`), [200, 400]);
        await expectSafe(() => call('office', 'GET', `/api/proposals/export.csv?${query}`), [200, 400]);
      }),
      {
        ...fuzzRuns(40),
        // Found by the 権限管理 property: NUL in a search word reached PostgreSQL (500) before.
        examples: [[[[['q', '会議\u0000資料']], null]]],
      },
    );
  });

  it('fiscal-year queries and path ids: a result, a Japanese 400 or 404', async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArbitrary(['fiscalYear', 'divisionId']),
        fc.oneof(
          hostileString(200).map(encode),
          fc.uuid().map(String),
          // Not valid percent-encoding, traversal, NUL: refused by the router itself.
          fc.constantFrom('%', '%zz', '%E3%81', '%FF%FE', '..%2F..%2Fetc%2Fpasswd', '%00', '%2e%2e'),
        ),
        async ([params, raw], id) => {
          const query = queryString(params, raw);
          await expectSafe(() => call('staff', 'GET', `/api/dashboard?${query}`), [200, 400]);
          await expectSafe(() => call('staff', 'GET', `/api/priority-projects?${query}`), [200, 400]);
          for (const path of [
            `/api/proposals/${id}`,
            `/api/proposals/${id}/history`,
            `/api/priority-projects/${id}`,
          ]) {
            await expectSafe(() => call('staff', 'GET', path), [200, 400, 404]);
          }
        },
      ),
      fuzzRuns(30),
    );
  });

  it('PATCH /api/proposals/:id (triage): refused in Japanese with nothing written, or stored verbatim', async () => {
    const template = {
      version: 'VERSION',
      status: 'under_consideration',
      answer: '担当課と検討します。',
      comment: '検討開始',
      responsibleDivisionId: 'DIVISION',
      horizon: 'short',
      isPublished: true,
      revisitOn: '2025-04-01',
    };
    await fc.assert(
      fc.asyncProperty(
        mutatedObject(template, (key) =>
          key === 'revisitOn'
            ? dateLike
            : key === 'status'
              ? fc.oneof(
                  fc.constantFrom('blocked', 'realised', 'merged', 'withdrawn', 'received'),
                  hostileValue(20),
                )
              : hostileValue(3_000),
        ),
        async (mutated) => {
          const proposal = await newProposal();
          const body = Object.fromEntries(
            Object.entries(mutated).map(([key, value]) => [
              key,
              value === 'VERSION' ? proposal.version : value === 'DIVISION' ? divisionId : value,
            ]),
          );
          const response = await expectSafe(() =>
            call('office', 'PATCH', `/api/proposals/${proposal.id}`, body),
          );
          if (response.statusCode === 200) {
            const echoed = response.json() as ProposalDto;
            expectEcho(body.answer, echoed.answer);
            if (typeof body.answer === 'string' && storedForm(body.answer))
              await expectPlainCards(proposal.id, [body.answer]);
            const history = (await call('office', 'GET', `/api/proposals/${proposal.id}/history`)).json()
              .items as { comment: string | null }[];
            if (typeof body.comment === 'string' && storedForm(body.comment))
              expect(history.at(-1)!.comment).toBe(storedForm(body.comment));
          }
        },
      ),
      {
        ...fuzzRuns(60),
        examples: [
          // Found by this property: days that do not exist reached the database (500) before.
          [{ version: 'VERSION', status: 'blocked', blockReason: 'legal', revisitOn: '2024-02-30' }],
          [{ version: 'VERSION', status: 'blocked', blockReason: 'budget', revisitOn: '0000-01-01' }],
          // Accepted answers (random ones rarely are: some other field is usually refused).
          [{ ...template, answer: '<script>alert(1)</script>' }],
          [{ ...template, answer: ' **太字** \r\n ${name} [リンク](https://example.com)\r<b>' }],
        ],
      },
    );
  });

  it('withdraw, merge, bulk status and project links: Japanese refusals, nothing half-done', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutatedObject({ version: 'VERSION', comment: '取り下げます。' }, () => hostileValue(1_200)),
        mutatedObject({ version: 'VERSION', intoId: 'TARGET', comment: '重複のため統合' }, () =>
          hostileValue(1_200),
        ),
        mutatedObject(
          {
            items: 'ITEMS',
            status: 'blocked',
            blockReason: 'legal',
            answer: '法令上できません。',
            comment: '一括',
          },
          (key) =>
            key === 'items'
              ? fc.oneof(fc.constant('ITEMS'), hostileValue(), fc.array(hostileValue(40), { maxLength: 3 }))
              : hostileValue(2_100),
        ),
        fc.option(
          mutatedObject({ comment: '関連付け' }, () => hostileValue(1_100)),
          { nil: undefined },
        ),
        async (withdraw, merge, bulk, link) => {
          const [own, target, other] = [
            await newProposal(),
            await newProposal('office'),
            await newProposal(),
          ];
          const live = (body: Record<string, unknown>, proposal: ProposalDto) =>
            Object.fromEntries(
              Object.entries(body).map(([key, value]) => [
                key,
                value === 'VERSION'
                  ? proposal.version
                  : value === 'TARGET'
                    ? target.id
                    : value === 'ITEMS'
                      ? [{ id: other.id, version: other.version }]
                      : value,
              ]),
            );
          await expectSafe(() =>
            call('staff', 'POST', `/api/proposals/${own.id}/withdraw`, live(withdraw, own)),
          );
          await expectSafe(() =>
            call('office', 'POST', `/api/proposals/${other.id}/merge`, live(merge, other)),
          );
          const bulkResponse = await expectSafe(() =>
            call('office', 'POST', '/api/proposals/bulk-status', live(bulk, other)),
          );
          if (bulkResponse.statusCode === 200 && typeof bulk.answer === 'string' && storedForm(bulk.answer)) {
            // Applied only if this item succeeded: the merge before may have changed its version.
            const [result] = (bulkResponse.json() as { results: BulkItemResultDto[] }).results;
            const updated = (await call('office', 'GET', `/api/proposals/${other.id}`)).json() as ProposalDto;
            if (result?.ok) expectEcho(bulk.answer, updated.answer);
            else expect(updated.answer).toBeNull();
          }
          await expectSafe(() =>
            call('office', 'PUT', `/api/proposals/${target.id}/projects/${projectId}`, link),
          );
        },
      ),
      {
        ...fuzzRuns(30),
        // Found by this property: merged first, the bulk change then conflicts and must not be expected.
        examples: [
          [
            { version: 'x' },
            { version: 'VERSION', intoId: 'TARGET', comment: null },
            { items: 'ITEMS', status: 'blocked', blockReason: 'legal', answer: '法令上できません。' },
            undefined,
          ],
        ],
      },
    );
  });

  it('priority projects: create, edit, progress and copy refuse bad input in Japanese or store it verbatim', async () => {
    const create = {
      fiscalYear: 2030,
      themeNo: 3,
      themeTitle: 'テーマ',
      itemNo: 1,
      title: '案件',
      description: '内容',
      ownerDivisionId: 'DIVISION',
      milestones: [{ title: '着手', dueOn: '2030-05-01', done: false }],
    };
    let item = 0;
    await fc.assert(
      fc.asyncProperty(
        mutatedObject(create, (key) =>
          key === 'milestones'
            ? fc.array(
                mutatedObject({ title: '節目', dueOn: '2030-06-01', done: true }, (field) =>
                  field === 'dueOn' ? dateLike : hostileValue(150),
                ),
                { maxLength: 3 },
              )
            : hostileValue(1_200),
        ),
        mutatedObject(
          { version: 'VERSION', title: '改名', description: '説明', themeTitle: 'テーマ改' },
          () => hostileValue(1_200),
        ),
        mutatedObject({ progress: 50, status: 'in_progress', note: '順調です。', version: 'VERSION' }, () =>
          hostileValue(2_100),
        ),
        mutatedObject({ fromFiscalYear: 2024, toFiscalYear: 2031 }, () => hostileValue(20)),
        async (created, update, progress, copy) => {
          item += 1;
          const body = Object.fromEntries(
            Object.entries(created).map(([key, value]) => [
              key,
              value === 'DIVISION' ? divisionId : key === 'itemNo' && value === 1 ? (item % 99) + 1 : value,
            ]),
          );
          const response = await expectSafe(() => call('office', 'POST', '/api/priority-projects', body));
          if (response.statusCode === 201) {
            const project = response.json() as { title: string; themeTitle: string; description: string };
            expect(project.title).toBe(storedForm(body.title as string));
            expect(project.themeTitle).toBe(storedForm(body.themeTitle as string));
            if (typeof body.description === 'string')
              expect(project.description).toBe(storedForm(body.description));
          }
          const [existing] = await findPriorityProjects(ctx.db, 2024);
          const live = (input: Record<string, unknown>) =>
            Object.fromEntries(
              Object.entries(input).map(([key, value]) => [
                key,
                value === 'VERSION' ? existing!.version : value,
              ]),
            );
          const edited = await expectSafe(() =>
            call('office', 'PATCH', `/api/priority-projects/${existing!.id}`, live(update)),
          );
          if (edited.statusCode === 200 && typeof update.title === 'string')
            expect(edited.json().title).toBe(storedForm(update.title));
          await expectSafe(() =>
            call('office', 'POST', `/api/priority-projects/${existing!.id}/progress-updates`, live(progress)),
          );
          await expectSafe(() => call('office', 'POST', '/api/priority-projects/copy', copy));
          // Staff may not do any of it, whatever they send.
          await expectSafe(() => call('staff', 'POST', '/api/priority-projects', body), [400, 403]);
        },
      ),
      fuzzRuns(30),
    );
  });

  it('権限管理 lists: any query is a result or a Japanese 400 for an admin, and 403 for anyone else', async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArbitrary(['q', 'role', 'page', 'pageSize']),
        queryArbitrary(['userId', 'page', 'pageSize']),
        async ([userParams, userRaw], [changeParams, changeRaw]) => {
          const users = queryString(userParams, userRaw);
          const changes = queryString(changeParams, changeRaw);
          await expectSafe(() => call('admin', 'GET', `/api/admin/users?${users}`), [200, 400]);
          await expectSafe(() => call('admin', 'GET', `/api/admin/role-changes?${changes}`), [200, 400]);
          for (const who of ['staff', 'office'] as const) {
            await expectSafe(() => call(who, 'GET', `/api/admin/users?${users}`), [403]);
            await expectSafe(() => call(who, 'GET', `/api/admin/role-changes?${changes}`), [403]);
          }
        },
      ),
      {
        ...fuzzRuns(40),
        // Search words and a user id as an admin really types them, with what PostgreSQL cannot take.
        examples: [
          [
            [
              [
                ['q', '山口 \u0000'],
                ['role', 'office'],
              ],
              null,
            ],
            [[['userId', ids.staff]], null],
          ],
          [
            [[['q', '\uD800太郎']], null],
            [[['userId', '00000000-0000-4000-8000-000000000000\u0000']], null],
          ],
        ],
      },
    );
  });

  it('PUT /api/admin/users/:id/roles: refused in Japanese with nothing written, or stored verbatim', async () => {
    // Mostly real role sets (in any order, repeated), so that changes, no-ops and 409s happen too.
    const roleList = fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.constantFrom('office', 'admin'), { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc.array(
          fc.oneof(fc.constantFrom('office', 'admin', 'staff', 'Office', ' admin', ''), hostileValue(40)),
          { maxLength: 5 },
        ),
      },
      { weight: 1, arbitrary: hostileValue(40) },
    );
    await fc.assert(
      fc.asyncProperty(
        mutatedObject({ roles: ['office'], expectedRoles: 'CURRENT', reason: '4月の人事異動' }, (key) =>
          key === 'reason' ? hostileValue(400) : roleList,
        ),
        // Not office: the property's earlier runs must not make the refused caller below an admin.
        fc.constantFrom('staff', 'admin') as fc.Arbitrary<Who>,
        fc.oneof(
          { weight: 4, arbitrary: fc.constant<string | null>(null) },
          { weight: 1, arbitrary: fc.uuid().map(String) },
          { weight: 1, arbitrary: hostileString(100).map(encode) },
        ),
        async (mutated, target, otherId) => {
          const [current] = await queryRows<{ roles: string[] }>(
            ctx.db,
            sql`select roles from users where id = ${ids[target]}`,
          );
          const body = Object.fromEntries(
            Object.entries(mutated).map(([key, value]) => [
              key,
              value === 'CURRENT' ? current!.roles : value,
            ]),
          );
          const url = `/api/admin/users/${otherId ?? ids[target]}/roles`;
          // Nobody else may, whatever they send; only a body the JSON parser refuses (a `__proto__`
          // key) is a 400, before the role check.
          await expectSafe(() => call('office', 'PUT', url, body), [400, 403]);
          const response = await expectSafe(() => call('admin', 'PUT', url, body), [200, 400, 404, 409]);
          if (response.statusCode !== 200) return;
          const result = response.json() as UserRolesUpdateResultDto;
          expect(result.user.databaseRoles).toEqual(normalizeAssignableRoles(body.roles as string[]));
          if (!result.changed) return;
          const latest = (
            (
              await call('admin', 'GET', `/api/admin/role-changes?userId=${ids[target]}&pageSize=1`)
            ).json() as RoleChangePageDto
          ).items[0]!;
          expect(latest.rolesAfter).toEqual(result.user.databaseRoles);
          if (typeof body.reason === 'string') expectEcho(body.reason, latest.reason);
          else expect(latest.reason).toBeNull();
        },
      ),
      {
        ...fuzzRuns(100),
        examples: [
          [{ roles: ['office', 'office', 'admin', 'admin'], expectedRoles: 'CURRENT' }, 'staff', null],
          [{ roles: ['admin'], expectedRoles: 'CURRENT', reason: '異動\u0000' }, 'staff', null],
          [{ roles: [], expectedRoles: ['office'], reason: '  \r\n  ' }, 'admin', null],
        ],
      },
    );
  });

  it('text that is not valid UTF-8 is refused, never stored with replacement characters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          [0xff],
          [0xfe, 0xff],
          [0xc3],
          [0xe3, 0x81],
          [0xed, 0xa0, 0x80],
          [0xc0, 0xaf],
          [0xf8, 0x88, 0x80, 0x80, 0x80],
        ),
        fc.constantFrom('answer', 'comment'),
        async (bytes, field) => {
          const proposal = await newProposal();
          const payload = Buffer.concat([
            Buffer.from(`{"version":${proposal.version},"status":"under_consideration","${field}":"回答`),
            Buffer.from(bytes),
            Buffer.from('"}'),
          ]);
          const response = await expectSafe(
            () =>
              call('office', 'PATCH', `/api/proposals/${proposal.id}`, payload, {
                'content-type': 'application/json',
              }),
            [400],
          );
          expect(response.json().error.code).toBe('VALIDATION');
        },
      ),
      fuzzRuns(10),
    );
  });

  it('bodies that are not JSON objects, or not JSON at all, are a Japanese 400', async () => {
    const proposal = await newProposal();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString(400),
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
        ),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
        ),
        async (payload, contentType) => {
          for (const [method, url] of [
            ['PATCH', `/api/proposals/${proposal.id}`],
            ['POST', '/api/proposals/bulk-status'],
            ['POST', '/api/priority-projects'],
          ] as const) {
            await expectSafe(
              () => call('office', method, url, payload, { 'content-type': contentType }),
              [200, 201, 400, 409, 415],
            );
          }
        },
      ),
      fuzzRuns(30),
    );
  });
});
