import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalDto, ProposalHistoryEntryDto } from '#shared';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { updateUserDivision } from '../../bot/src/data/repositories/user-divisions-repository';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { useBotServer } from '../helpers/bot-server';
import { useCast } from '../helpers/cast';
import { openUrlsOf, visibleText } from '../helpers/card-inspection';
import { startEntraStub, type EntraStub } from '../helpers/entra-token';
import { personas, type Persona } from '../helpers/personas';
import { activityFrom, cardActionFrom, unlimitedUserActionsEnv } from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';

/**
 * A 所管課 liaison's whole flow, through HTTP and /api/messages as the people would go through it:
 * the proposer submits in the bot's chat; an admin makes 下関 次郎 the liaison of 企画課 (権限管理);
 * the office assigns the proposal to 企画課 → the liaison gets a card with a deep link in Teams; the
 * liaison opens the (unpublished) proposal, adds an internal note and drafts the answer and status →
 * the proposer hears nothing of it; the office approves the draft, signed → the proposer gets the
 * status card with the answer, and sees the answer and the office member's name, never the note.
 */
const cast = {
  proposer: personas.taro,
  liaison: personas.jiro,
  office: personas.kenichi,
  admin: personas.makoto,
} satisfies Record<string, Persona>;
type Who = keyof typeof cast;

describe('a 所管課 liaison: assigned → notified → note → draft → office approves → proposer told', () => {
  let entra: EntraStub;
  beforeAll(async () => {
    entra = await startEntraStub();
  });
  afterAll(async () => {
    await entra?.close();
  });
  const server = useBotServer({
    config: () => entra.env(unlimitedUserActionsEnv),
    worker: { consumer: { concurrency: 4, pollIntervalMs: 50, stopTimeoutMs: 1_000 } },
  });
  const { teamsOf, call, ok, bot, next, cardsTo, waitForCard } = useCast(
    server,
    () => entra,
    cast,
    'liaison-flow',
  );

  it('runs end to end', async () => {
    const db = (await getTestDatabase()).db;
    const ids = {} as Record<Who, string>;
    for (const who of Object.keys(cast) as Who[]) {
      ids[who] = (await ok<{ id: string }>(who, 'GET', '/api/me')).id;
      await bot(
        activityFrom(teamsOf(who), 'installation-update-add', {
          serviceUrl: server.stub.serviceUrl,
          id: next(),
        }),
      );
    }
    const divisions = await ensureDivisions(db, [{ name: '企画課' }, { name: '商工政策課' }]);
    await updateUserDivision(db, ids.proposer, divisions.get('商工政策課')!);

    // The proposer submits in the bot's chat.
    const confirmation = await bot(
      cardActionFrom(
        teamsOf('proposer'),
        'proposal.submit',
        {
          requestId: 'liaison-flow-submit',
          title: '公用車の予約をオンラインで',
          body: '公用車の予約が紙の台帳なので、空き状況をその場で確かめられるようにしたい。',
          category: 'efficiency',
          confirmSimilar: 'true',
        },
        { serviceUrl: server.stub.serviceUrl, id: next() },
      ),
    );
    expect(visibleText(confirmation.value as never)).toContain('公用車の予約をオンラインで');
    const [submitted] = (await ok<{ items: ProposalDto[] }>('proposer', 'GET', '/api/proposals?mine=true'))
      .items;
    expect(submitted).toMatchObject({ status: 'received', isPublished: false });
    const url = `/api/proposals/${submitted!.id}`;

    // 権限管理: the admin makes 下関 次郎 the liaison of 企画課. Not assigned yet: he sees nothing of it.
    await ok('admin', 'PUT', `/api/admin/users/${ids.liaison}/liaison-divisions`, {
      divisionIds: [divisions.get('企画課')],
    });
    expect((await call('liaison', 'GET', url)).statusCode).toBe(404);

    // The office assigns it to 企画課: the liaison is told in Teams, with a link to the proposal.
    const assigned = (await ok('office', 'PATCH', url, {
      version: submitted!.version,
      responsibleDivisionId: divisions.get('企画課'),
    })) as ProposalDto;
    const card = await waitForCard('liaison', '所管課に提案が割り当てられました');
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(visibleText(card)).toContain(submitted!.number);
    expect(visibleText(card)).toContain('企画課の担当として');
    expect(openUrlsOf(card)[0]!.url).toContain(encodeURIComponent(submitted!.id));

    // The liaison opens it (unpublished), adds a note and drafts the answer and status.
    expect((await ok<ProposalDto>('liaison', 'GET', url)).number).toBe(submitted!.number);
    await ok('liaison', 'POST', `${url}/notes`, { body: '内部メモ: 車両管理システムの更新が来年度にある' });
    await ok('liaison', 'PUT', `${url}/draft`, {
      status: 'under_consideration',
      answer: '車両管理システムの更新に合わせて、オンライン予約を検討します。',
    });
    // 期間 and 実現目標日 are the 所管課's to set; a date that does not exist is refused in Japanese.
    const badDate = await call('liaison', 'PATCH', `${url}/handling`, {
      version: assigned.version,
      targetOn: '2025-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    expect(JSON.stringify(badDate.json())).toContain('存在しない日付です。');
    const planned = (await ok('liaison', 'PATCH', `${url}/handling`, {
      version: assigned.version,
      horizon: 'medium',
      targetOn: '2026-03-31',
    })) as ProposalDto;
    expect(planned).toMatchObject({
      horizon: 'medium',
      targetOn: '2026-03-31',
      version: assigned.version + 1,
    });

    // The liaison cannot tell the proposer anything by himself.
    expect(
      (await call('liaison', 'PATCH', url, { version: assigned.version, status: 'settled' })).statusCode,
    ).toBe(403);
    expect(
      (await call('liaison', 'POST', `${url}/draft/approve`, { version: assigned.version })).statusCode,
    ).toBe(403);

    // The proposer sees nothing of the note or the draft; the assignment's status card is all they got.
    expect((await call('proposer', 'GET', `${url}/draft`)).statusCode).toBe(403);
    const proposerHistory = (
      await ok<{ items: ProposalHistoryEntryDto[] }>('proposer', 'GET', `${url}/history`)
    ).items;
    expect(proposerHistory.map((entry) => entry.action)).toEqual(['created', 'updated', 'updated']);
    expect(JSON.stringify(proposerHistory)).not.toContain('内部メモ');
    expect(JSON.stringify(proposerHistory)).not.toContain('オンライン予約を検討します');
    const before = await ok('proposer', 'GET', url);
    expect(before).toMatchObject({ status: 'received', answer: null, targetOn: '2026-03-31' });

    // The office reads the draft and approves it, signed.
    expect((await ok<{ draft: unknown }>('office', 'GET', `${url}/draft`)).draft).toMatchObject({
      status: 'under_consideration',
      author: { displayName: cast.liaison.name },
    });
    const approved = (await ok('office', 'POST', `${url}/draft/approve`, {
      version: planned.version,
      signAnswer: true,
    })) as ProposalDto;
    expect(approved).toMatchObject({
      status: 'under_consideration',
      answer: '車両管理システムの更新に合わせて、オンライン予約を検討します。',
    });
    expect((await ok<{ draft: unknown }>('office', 'GET', `${url}/draft`)).draft).toBeNull();

    // The proposer is told in Teams, and sees the answer signed by the office member.
    const told = await waitForCard('proposer', 'オンライン予約を検討します');
    expect(visibleText(told)).toContain('検討中');
    const history = (await ok<{ items: ProposalHistoryEntryDto[] }>('proposer', 'GET', `${url}/history`))
      .items;
    expect(history.at(-1)).toMatchObject({
      action: 'status_changed',
      signed: true,
      actorName: cast.office.name,
    });
    expect(JSON.stringify(history)).not.toContain('内部メモ');

    // The liaison's own view keeps the note and the draft.
    const liaisonHistory = (
      await ok<{ items: ProposalHistoryEntryDto[] }>('liaison', 'GET', `${url}/history`)
    ).items;
    expect(liaisonHistory.map((entry) => entry.action)).toEqual([
      'created',
      'updated',
      'noted',
      'drafted',
      'updated',
      'status_changed',
    ]);
    // No card about the note or the draft ever went to the proposer.
    expect(
      cardsTo('proposer')
        .map((sent) => visibleText(sent))
        .join('\n'),
    ).not.toContain('内部メモ');
  });
});
