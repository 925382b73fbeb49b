import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalDto, ProposalHistoryEntryDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { updateUserDivision } from '../../bot/src/data/repositories/user-divisions-repository';
import { setUserRoles } from '../../bot/src/data/repositories/user-roles-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { useBotServer } from '../helpers/bot-server';
import { visibleText } from '../helpers/card-inspection';
import { bearer, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { personas, type Persona } from '../helpers/personas';
import {
  activityFrom,
  cardActionFrom,
  postSignedActivity,
  teamsFixture,
  unlimitedUserActionsEnv,
  type TeamsPerson,
  type TestActivity,
} from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';

/**
 * The visibility rule on every read path (issue 13): each path × role × proposal state, one test per
 * path and role over the four proposals. The proposals are all 山口's, co-proposed by 周南, assigned
 * to 企画課 (the 所管課); the office answered each and left an internal note 「内部メモ: …」.
 *
 * Roles: the proposer, the co-proposer, other staff, the liaison (所管課担当) of the proposals' 所管課
 * and the liaison of another 所管課 (both staff of their divisions, made liaisons by an admin in
 * 権限管理), the office and an admin. States: published, unpublished, withdrawn (unpublished), merged
 * (published).
 *
 * Paths: the tab API's detail, list, search, マイ提案, a dashboard drill-down (the list by 所管課),
 * history, comments and CSV export; the bot's 自分の提案, similar check (「類似の提案を確認」) and message-extension
 * search through /api/messages; and who the status notifications go to.
 */
const cast = {
  proposer: personas.taro,
  coProposer: personas.hanako,
  other: personas.ichiro,
  ownDivision: personas.jiro,
  otherDivision: personas.saburo,
  office: personas.kenichi,
  admin: personas.makoto,
} satisfies Record<string, Persona>;
type Who = keyof typeof cast;
const everyone = Object.keys(cast) as Who[];

const states = ['published', 'unpublished', 'withdrawn', 'merged'] as const;
type State = (typeof states)[number];
const publishedStates = new Set<State>(['published', 'merged']);
/** The similar check looks at open proposals only. */
const openStates: State[] = ['published', 'unpublished'];

const isProposer = (who: Who) => who === 'proposer' || who === 'coProposer';
const isOffice = (who: Who) => who === 'office' || who === 'admin';
/** Who sees internal notes and the names of office members: the office and the 所管課's liaison. */
const seesInternal = (who: Who) => isOffice(who) || who === 'ownDivision';
/** Who sees a proposal in each state (the rule of proposal-access.ts). */
const sees = (who: Who, state: State) => seesInternal(who) || isProposer(who) || publishedStates.has(state);

/** The same text for all four (a distinct word would weigh heavily in the similar check's score). */
const title = '会議資料のペーパーレス化と電子決裁の推進';
const noteOf = (state: State) => `内部メモ: ${state} は予算要求の状況を見て判断`;
const body =
  '会議資料を紙で配るのをやめ、タブレットで共有し、決裁も電子で回すことで印刷と押印の手間を減らす。';

const teamsPersonOf = (persona: Persona, n: number): TeamsPerson => ({
  aadObjectId: persona.oid,
  teamsId: `29:matrix-${n}`,
  name: persona.name,
  conversationId: `a:matrix-personal-${n}`,
});

describe('the visibility matrix: every read path × role × proposal state', () => {
  let entra: EntraStub;
  beforeAll(async () => {
    entra = await startEntraStub();
  });
  afterAll(async () => {
    await entra?.close();
  });
  // One fixture for the whole table: emptied and seeded once, built below.
  const server = useBotServer({
    config: () => entra.env(unlimitedUserActionsEnv),
    worker: { consumer: { concurrency: 2, pollIntervalMs: 50, stopTimeoutMs: 1_000 } },
    reset: 'once',
  });
  let tokens: Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const proposals = {} as Record<State, ProposalDto>;
  let activityCount = 0;

  const call = (who: Who, url: string, method = 'GET', payload?: unknown) =>
    server.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(tokens[who]),
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  const ok = async (who: Who, url: string, method = 'GET', payload?: unknown) => {
    const response = await call(who, url, method, payload);
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBeLessThan(300);
    return response;
  };
  const teamsOf = (who: Who) => teamsPersonOf(cast[who], everyone.indexOf(who) + 1);
  const bot = async (activity: TestActivity) => {
    const response = await postSignedActivity(server.app, server.stub, activity);
    expect(response.statusCode, response.body).toBe(200);
    return (response.body ? response.json() : {}) as Record<string, unknown>;
  };
  const cardAction = async (who: Who, verb: string, data: Record<string, unknown>) => {
    const answer = await bot(
      cardActionFrom(teamsOf(who), verb, data, {
        serviceUrl: server.stub.serviceUrl,
        id: `matrix-${(activityCount += 1)}`,
      }),
    );
    return visibleText(answer.value as never);
  };

  beforeAll(async () => {
    tokens = await entra.signAll(cast);
    for (const who of everyone) ids[who] = (await ok(who, '/api/me')).json().id;

    const db = server.db;
    const divisions = await ensureDivisions(db, [{ name: '企画課' }, { name: '財政課' }]);
    const responsible = divisions.get('企画課')!;
    for (const who of ['proposer', 'coProposer', 'other', 'ownDivision'] as const)
      await updateUserDivision(db, ids[who], responsible);
    await updateUserDivision(db, ids.otherDivision, divisions.get('財政課')!);
    // The bot knows roles from the database (the tab also from the token's app roles).
    await setUserRoles(db, ids.office, ['office']);
    await setUserRoles(db, ids.admin, ['admin']);
    // 権限管理: each division's liaison.
    for (const [who, division] of [
      ['ownDivision', '企画課'],
      ['otherDivision', '財政課'],
    ] as const) {
      await ok('admin', `/api/admin/users/${ids[who]}/liaison-divisions`, 'PUT', {
        divisionIds: [divisions.get(division)!],
      });
    }

    for (const state of states) {
      const { proposal } = await submitProposal(db, {
        actor: { userId: ids.proposer, roles: [] },
        input: { title, body, category: 'efficiency', coProposerIds: [ids.coProposer] },
        clientRequestId: `matrix-${state}`,
      });
      const triaged = await ok('office', `/api/proposals/${proposal.id}`, 'PATCH', {
        version: proposal.version,
        status: 'under_consideration',
        answer: `回答: ${state} を検討しています。`,
        responsibleDivisionId: responsible,
        isPublished: publishedStates.has(state),
        comment: noteOf(state),
      });
      proposals[state] = triaged.json();
    }
    const withdrawn = await ok('proposer', `/api/proposals/${proposals.withdrawn.id}/withdraw`, 'POST', {
      version: proposals.withdrawn.version,
      comment: '別の方法で解決したため取り下げます。',
    });
    proposals.withdrawn = withdrawn.json();
    const merged = await ok('office', `/api/proposals/${proposals.merged.id}/merge`, 'POST', {
      version: proposals.merged.version,
      intoId: proposals.published.id,
      comment: '内部メモ: merged は published と同じ内容',
    });
    proposals.merged = merged.json().proposal;
    // The worker folds the term counts every 2 s; the similar check weighs by the folded counts.
    await foldProposalTermCounts(db);

    // The 所管課's liaison adds a note to each and drafts an answer: internal both.
    for (const state of states) {
      await ok('ownDivision', `/api/proposals/${proposals[state].id}/notes`, 'POST', {
        body: `内部メモ: 所管課から ${state} について`,
      });
    }
    await ok('ownDivision', `/api/proposals/${proposals.unpublished.id}/draft`, 'PUT', {
      status: 'settled',
      answer: '回答案: 来年度に実施予定',
    });

    // Teams: each person's 1:1 chat with the bot.
    for (const who of everyone)
      await bot(
        activityFrom(teamsOf(who), 'installation-update-add', {
          serviceUrl: server.stub.serviceUrl,
          id: `install-${who}`,
        }),
      );
  });

  const rows = everyone.map((who) => [who] as const);

  describe('tab API', () => {
    it.each(rows)(
      'GET /api/proposals/:id as %s: 200 when the rule lets them see it, else 404',
      async (who) => {
        for (const state of states) {
          const response = await call(who, `/api/proposals/${proposals[state].id}`);
          expect(response.statusCode, `${state}: ${response.body}`).toBe(sees(who, state) ? 200 : 404);
        }
      },
    );

    it.each(rows)('GET /api/proposals (the list) as %s lists what they may see', async (who) => {
      const numbers = (await ok(who, '/api/proposals?pageSize=100'))
        .json()
        .items.map((p: ProposalDto) => p.number);
      for (const state of states)
        expect(numbers.includes(proposals[state].number), state).toBe(sees(who, state));
    });

    it.each(rows)('GET /api/proposals?q=<number> (search) as %s finds what they may see', async (who) => {
      for (const state of states) {
        const found = (await ok(who, `/api/proposals?q=${proposals[state].number}`)).json().total;
        expect(found, state).toBe(sees(who, state) ? 1 : 0);
      }
    });

    it.each(rows)(
      'GET /api/proposals?mine=true (マイ提案) as %s: proposer and co-proposer alike',
      async (who) => {
        const numbers = (await ok(who, '/api/proposals?mine=true&pageSize=100'))
          .json()
          .items.map((p: ProposalDto) => p.number);
        for (const state of states)
          expect(numbers.includes(proposals[state].number), state).toBe(isProposer(who));
      },
    );

    it.each(rows)(
      'a dashboard drill-down (the list by 所管課) as %s lists what they may see',
      async (who) => {
        const division = proposals.published.responsibleDivision!.id;
        const numbers = (await ok(who, `/api/proposals?responsibleDivisionId=${division}&pageSize=100`))
          .json()
          .items.map((p: ProposalDto) => p.number);
        for (const state of states)
          expect(numbers.includes(proposals[state].number), state).toBe(sees(who, state));
      },
    );

    it.each(rows)(
      'GET /api/proposals/:id/comments as %s: only on published proposals they may see, else 404',
      async (who) => {
        for (const state of states) {
          const response = await call(who, `/api/proposals/${proposals[state].id}/comments`);
          expect(response.statusCode, `${state}: ${response.body}`).toBe(
            publishedStates.has(state) && sees(who, state) ? 200 : 404,
          );
        }
      },
    );

    it.each(rows)(
      'GET /api/proposals/:id/history as %s: public parts always, internal notes and office names by role',
      async (who) => {
        for (const state of states) {
          const response = await call(who, `/api/proposals/${proposals[state].id}/history`);
          if (!sees(who, state)) {
            expect(response.statusCode, state).toBe(404);
            continue;
          }
          const entries = response.json().items as ProposalHistoryEntryDto[];
          const triage = entries.find((entry) => entry.action === 'status_changed')!;
          expect(triage.changes.status, state).toEqual({ from: 'received', to: 'under_consideration' });
          expect(triage.comment, state).toBe(seesInternal(who) ? noteOf(state) : null);
          expect(triage.commentInternal, state).toBe(seesInternal(who));
          expect(triage.actorName, state).toBe(seesInternal(who) ? cast.office.name : null);
          expect(triage.actorHidden, state).toBe(!seesInternal(who));
          expect(response.body.includes('内部メモ'), state).toBe(seesInternal(who));
          expect(
            entries.some((entry) => entry.action === 'noted'),
            state,
          ).toBe(seesInternal(who));
          expect(response.body.includes('回答案'), state).toBe(seesInternal(who) && state === 'unpublished');
          expect(response.body.includes(cast.office.name), state).toBe(seesInternal(who));
          // The proposer's own act and reason are theirs to see.
          const submitted = entries.find((entry) => entry.action === 'created')!;
          expect(submitted.actorName, state).toBe(cast.proposer.name);
          if (state === 'published') {
            // Which duplicate went into it: the internal view only (the duplicate may be unpublished).
            const mergedInto = entries.find((entry) => entry.action === 'merged')!;
            expect('mergedFrom' in mergedInto.changes).toBe(seesInternal(who));
            expect(response.body.includes(proposals.merged.id)).toBe(seesInternal(who));
          }
          if (state === 'withdrawn') {
            const withdrawal = entries.find((entry) => entry.action === 'withdrawn')!;
            expect(withdrawal.comment).toBe('別の方法で解決したため取り下げます。');
            expect(withdrawal.commentInternal).toBe(false);
          }
        }
      },
    );

    it.each(rows)(
      'GET /api/proposals/:id/draft as %s: the office and the 所管課 liaison only',
      async (who) => {
        for (const state of states) {
          const response = await call(who, `/api/proposals/${proposals[state].id}/draft`);
          expect(response.statusCode, state).toBe(seesInternal(who) ? 200 : sees(who, state) ? 403 : 404);
          if (seesInternal(who) && state === 'unpublished')
            expect(response.json().draft).toMatchObject({
              status: 'settled',
              answer: '回答案: 来年度に実施予定',
            });
        }
      },
    );

    it.each(rows)('GET /api/proposals/export.csv as %s: the office only, every proposal', async (who) => {
      const response = await call(who, '/api/proposals/export.csv');
      expect(response.statusCode).toBe(isOffice(who) ? 200 : 403);
      if (isOffice(who)) for (const state of states) expect(response.body).toContain(proposals[state].number);
      expect(response.body).not.toContain('内部メモ');
    });
  });

  describe('bot (/api/messages)', () => {
    it.each(rows)('自分の提案 as %s lists proposed and co-proposed ones (marked 共同提案)', async (who) => {
      const text = await cardAction(who, 'proposal.mine', { page: '1' });
      for (const state of states) expect(text.includes(proposals[state].number), state).toBe(isProposer(who));
      expect(text.includes('共同提案')).toBe(who === 'coProposer');
    });

    it.each(rows)(
      '「類似の提案を確認」 as %s names only visible proposals and counts the rest',
      async (who) => {
        const text = await cardAction(who, 'proposal.check', {
          requestId: `similar-${who}`,
          title,
          body,
          category: 'efficiency',
        });
        const hidden = openStates.filter((state) => !sees(who, state));
        for (const state of openStates)
          expect(text.includes(proposals[state].number), state).toBe(sees(who, state));
        for (const state of ['withdrawn', 'merged'] as const)
          expect(text).not.toContain(proposals[state].number);
        expect(text.includes(`ほかに類似の提案が${hidden.length}件あります（非公開）`)).toBe(
          hidden.length > 0,
        );
      },
    );

    it.each(rows)('「提案を検索」 (message extension) as %s finds what they may see', async (who) => {
      const base = teamsFixture('invoke-compose-extension-query', { serviceUrl: server.stub.serviceUrl });
      const person = teamsOf(who);
      const answer = await bot({
        ...base,
        id: `search-${who}`,
        from: { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId },
        value: { ...base.value, parameters: [{ name: 'query', value: 'ペーパーレス化' }] },
      } as TestActivity);
      const text = JSON.stringify(answer);
      for (const state of states)
        expect(text.includes(proposals[state].number), state).toBe(sees(who, state));
    });
  });

  it('権限管理 refuses an unknown division in Japanese and changes nothing; only admins assign liaisons', async () => {
    const url = `/api/admin/users/${ids.other}/liaison-divisions`;
    const bad = await call('admin', url, 'PUT', { divisionIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('登録されていない課が含まれています。');
    expect((await call('office', url, 'PUT', { divisionIds: [] })).statusCode).toBe(403);
    expect((await call('other', url, 'PUT', { divisionIds: [] })).statusCode).toBe(403);
    expect((await ok('other', '/api/me')).json().liaisonDivisionIds).toEqual([]);
    expect((await ok('ownDivision', '/api/me')).json().liaisonDivisionIds).toEqual([
      proposals.published.responsibleDivision!.id,
    ]);
  });

  it('an answer the office signs shows its author to those who see the proposal; the note stays internal', async () => {
    const current = (await ok('office', `/api/proposals/${proposals.published.id}`)).json() as ProposalDto;
    await ok('office', `/api/proposals/${current.id}`, 'PATCH', {
      version: current.version,
      answer: '回答: 来年度から実施します。',
      signAnswer: true,
      comment: '内部メモ: 署名つきの回答',
    });
    for (const who of ['proposer', 'other'] as const) {
      const entries = (await ok(who, `/api/proposals/${current.id}/history`)).json()
        .items as ProposalHistoryEntryDto[];
      expect(entries.at(-1), who).toMatchObject({
        action: 'updated',
        signed: true,
        actorName: cast.office.name,
        actorHidden: false,
        comment: null,
        changes: { answer: { to: '回答: 来年度から実施します。' } },
      });
    }
  });

  it('status notifications go to the proposer and the co-proposer only, without internal notes', async () => {
    const database = await getTestDatabase();
    const deliveries = await queryRows<{ user_id: string; payload: unknown }>(
      database.db,
      sql`select user_id, payload from notification_deliveries where dedupe_key like 'proposal-status:%'`,
    );
    expect(new Set(deliveries.map((row) => row.user_id))).toEqual(new Set([ids.proposer, ids.coProposer]));
    // One per triage and the signed answer, and the merge tells both proposals' proposers.
    expect(deliveries.length).toBe(2 * (states.length + 3));
    expect(JSON.stringify(deliveries)).not.toContain('内部メモ');
    expect(JSON.stringify(deliveries)).not.toContain(cast.office.name);
  });
});
