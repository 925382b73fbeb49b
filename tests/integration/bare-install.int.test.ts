import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { useBotServer } from '../helpers/bot-server';
import { bearer, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { personas } from '../helpers/personas';
import {
  activityFrom,
  cardActionFrom,
  postSignedActivity,
  teamsPerson,
  type TeamsFixtureName,
  type TeamsPerson,
} from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';

/**
 * A bare install (`npm start` on an empty database: migrations and the base data, no demo seed, no
 * organisation registered, no directory): the bot takes a proposal from anyone, 所属未設定, and the
 * office finds it in the list's 所属未設定 queue.
 */
const taro = teamsPerson(1, personas.taro.name);

describe('a bare install', () => {
  let entra: EntraStub;
  let officeToken: string;
  let counter = 0;

  beforeAll(async () => {
    entra = await startEntraStub();
  });
  afterAll(async () => {
    await entra?.close();
  });
  // Before each test, what start-server does on every start (the base data); nothing else.
  const server = useBotServer({
    config: () => entra.env({ TEAMS_APP_ID: '', PUBLIC_URL: '' }),
    worker: { consumer: { concurrency: 2, pollIntervalMs: 50, stopTimeoutMs: 1_000 } },
  });
  beforeAll(async () => {
    officeToken = (await entra.signAll({ office: personas.kenichi })).office;
  });

  const activity = (who: TeamsPerson, fixture: TeamsFixtureName, extra: Record<string, unknown> = {}) =>
    activityFrom(who, fixture, { serviceUrl: server.stub.serviceUrl, id: `b:${(counter += 1)}`, ...extra });
  const say = (who: TeamsPerson, text: string) =>
    postSignedActivity(server.app, server.stub, activity(who, 'message-personal', { text }));
  const invoke = (who: TeamsPerson, verb: string, data: Record<string, unknown>) =>
    postSignedActivity(
      server.app,
      server.stub,
      cardActionFrom(who, verb, data, { serviceUrl: server.stub.serviceUrl, id: `b:${(counter += 1)}` }),
    );
  const lastCardTo = (who: TeamsPerson) => {
    const cards = server.stub
      .sentActivities(who.conversationId)
      .flatMap((sent) =>
        ((sent.attachments as { content: unknown }[] | undefined) ?? []).map((a) =>
          JSON.stringify(a.content),
        ),
      );
    return cards.at(-1)!;
  };
  const requestIdIn = (card: string) => /"requestId":"([^"]+)"/.exec(card)![1]!;
  const officeList = async (query: string) => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/proposals?${query}`,
      headers: bearer(officeToken),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: ProposalDto[]; total: number };
  };
  const submitFrom = async (form: string, title: string) => {
    const answer = await invoke(taro, 'proposal.submit', {
      requestId: requestIdIn(form),
      title,
      body: '窓口の受付簿を電子化する。',
      category: 'digital',
      confirmSimilar: 'true',
    });
    return JSON.stringify(answer.json());
  };

  it('takes a proposal with 所属未設定 when no division is registered, and the office sees it queued', async () => {
    expect(
      (await postSignedActivity(server.app, server.stub, activity(taro, 'installation-update-add')))
        .statusCode,
    ).toBe(200);
    // The welcome says how the office sets the organisation up.
    expect(lastCardTo(taro)).toContain('所属未設定として受け付け');

    await say(taro, '提案');
    const form = lastCardTo(taro);
    expect(form).toContain('proposal.submit');
    expect(form).not.toContain('所属の一覧がまだ登録されていません');
    const confirmation = await submitFrom(form, '窓口受付簿の電子化');
    expect(confirmation).toMatch(/R\d+-0001/);

    const [row] = await queryRows<{ n: number; unset: number }>(
      (await getTestDatabase()).db,
      sql`select count(*)::int as n, count(*) filter (where proposer_division_id is null)::int as unset from proposals`,
    );
    expect(row).toEqual({ n: 1, unset: 1 });

    const division = (await ensureDivisions((await getTestDatabase()).db, [{ name: '人事課' }])).get(
      '人事課',
    )!;
    const queue = await officeList('proposerDivisionId=none');
    expect(queue.items.map((item) => item.title)).toEqual(['窓口受付簿の電子化']);
    expect(queue.items[0]!.proposerDivision).toBeNull();
    expect((await officeList(`proposerDivisionId=${division}`)).total).toBe(0);
    const bad = await server.app.inject({
      method: 'GET',
      url: '/api/proposals?proposerDivisionId=nobody',
      headers: bearer(officeToken),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('提案者の所属の指定が正しくありません。');
  });

  it('lets a user whose division is not listed go on without one', async () => {
    await ensureDivisions((await getTestDatabase()).db, [{ name: '人事課' }]);
    await say(taro, '提案');
    const picker = lastCardTo(taro);
    expect(picker).toContain('user.setDivision');
    expect(picker).toContain('所属を選ばずに提案する');
    const skipped = await invoke(taro, 'proposal.form', { skipDivision: 'true' });
    const form = JSON.stringify(skipped.json());
    expect(form).toContain('proposal.submit');
    expect(await submitFrom(form, '所属を選ばない提案')).toMatch(/R\d+-0001/);
    expect((await officeList('proposerDivisionId=none')).total).toBe(1);
  });

  // With one proposal every bigram weighs alike, and at the threshold of a long history (0.28) the
  // phrasing any two proposals share (「〜してほしい」) made the first proposal look like most others.
  it('does not offer its first proposal as like an unrelated one, and does offer it to a paraphrase', async () => {
    const submit = async (title: string, body: string) => {
      await say(taro, '提案');
      const form = lastCardTo(taro);
      const answer = await invoke(taro, 'proposal.submit', {
        requestId: requestIdIn(form),
        title,
        body,
        category: 'efficiency',
      });
      return JSON.stringify(answer.json());
    };
    const first = await submit(
      '押印の廃止',
      '庁内の申請書や届出の多くで押印を求めているが、本人確認の効果は薄い。法令で必要なものを除き押印を廃止してほしい。',
    );
    expect(first).toMatch(/R\d+-0001/);
    await foldProposalTermCounts((await getTestDatabase()).db);

    const unrelated = await submit(
      '公用車の予約をオンラインに',
      '公用車の予約は総務課の紙の台帳に書きに行く必要があり、空きもわからない。庁内ポータルから予約できるようにしてほしい。',
    );
    expect(unrelated).not.toContain('似ている提案があります');
    expect(unrelated).toMatch(/R\d+-0002/);

    const paraphrase = await submit(
      'はんこをなくそう',
      '申請書や届出にまだ押印欄がある。法令で必要なもの以外は押印を廃止して、本人確認の方法を見直してほしい。',
    );
    expect(paraphrase).toContain('似ている提案があります');
    expect(paraphrase).toContain('押印の廃止');
    expect(paraphrase).not.toMatch(/R\d+-0003/);
  });
});
