import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalDto, ProposalThanksDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { setLiaisonDivisionIds } from '../../bot/src/data/repositories/division-liaisons-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { updateUserDivision } from '../../bot/src/data/repositories/user-divisions-repository';
import { validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import { useBotServer } from '../helpers/bot-server';
import { useCast } from '../helpers/cast';
import { executeActionsOf, inputById, visibleText } from '../helpers/card-inspection';
import { startEntraStub, type EntraStub } from '../helpers/entra-token';
import { personas, type Persona } from '../helpers/personas';
import { activityFrom, cardActionFrom, unlimitedUserActionsEnv } from '../helpers/teams-http';
import { getTestDatabase } from '../helpers/test-database';

/**
 * Thanks to the people who made it happen, through HTTP and /api/messages with signed Bot Framework
 * tokens: the office sets 実現完了 → the proposer gets the status card and an invitation (a stamp form
 * with the 所管課's liaisons preselected and the proposal as its subject) → the proposer sends it →
 * the stamps are stored with the proposal, the liaisons receive them with 「この提案について」, and
 * the proposal's page lists the thanks (messages only for the two people concerned). A stamp about a
 * proposal the sender may not see is refused.
 */
const cast = {
  proposer: personas.taro,
  liaison: personas.jiro,
  colleague: personas.hanako,
  outsider: personas.saburo,
  office: personas.kenichi,
} satisfies Record<string, Persona>;
type Who = keyof typeof cast;

describe('thanks: 実現完了 → invitation → stamp about the proposal → recipients told → listed on the proposal', () => {
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
  const { teamsOf, ok, bot, next, cardsTo, waitForCard } = useCast(server, () => entra, cast, 'thanks-flow');

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
    await setLiaisonDivisionIds(db, ids.liaison, [divisions.get('企画課')!]);

    // The proposer submits in the bot's chat; the office assigns 企画課 and later sets 実現完了.
    await bot(
      cardActionFrom(
        teamsOf('proposer'),
        'proposal.submit',
        {
          requestId: 'thanks-flow-submit',
          title: '公用車の予約をオンラインで',
          body: '公用車の予約が紙の台帳なので、空き状況をその場で確かめられるようにしたい。',
          category: 'efficiency',
          confirmSimilar: 'true',
        },
        { serviceUrl: server.stub.serviceUrl, id: next() },
      ),
    );
    const [submitted] = (await ok<{ items: ProposalDto[] }>('proposer', 'GET', '/api/proposals?mine=true'))
      .items;
    const url = `/api/proposals/${submitted!.id}`;
    const assigned = await ok<ProposalDto>('office', 'PATCH', url, {
      version: submitted!.version,
      responsibleDivisionId: divisions.get('企画課'),
      status: 'under_consideration',
    });
    // Not realised yet: no invitation.
    await waitForCard('proposer', '検討中');
    expect(cardsTo('proposer').some((card) => visibleText(card).includes('お礼を伝えませんか'))).toBe(false);
    const realised = await ok<ProposalDto>('office', 'PATCH', url, {
      version: assigned.version,
      status: 'realised',
      answer: '予約システムを導入しました。',
      isPublished: true,
    });

    // The proposer gets the status card and the invitation: a stamp form, 企画課's liaison chosen.
    await waitForCard('proposer', '実現完了');
    const invitation = await waitForCard('proposer', 'お礼を伝えませんか');
    expect(validateAdaptiveCard(invitation)).toEqual([]);
    expect(visibleText(invitation)).toContain(
      `${realised.number}「公用車の予約をオンラインで」が実現完了になりました。`,
    );
    expect(visibleText(invitation)).toContain('企画課の担当者を宛先に入れてあります');
    expect(inputById(invitation, 'recipientIds')).toMatchObject({ value: cast.liaison.oid });
    expect(inputById(invitation, 'about')).toMatchObject({ value: realised.number });
    expect(inputById(invitation, 'kindCode')).toMatchObject({ value: 'thanks' });
    const [send] = executeActionsOf(invitation);
    expect(send).toMatchObject({ verb: 'stamp.send' });

    // The proposer adds a colleague and sends it from the card.
    const answer = await bot(
      cardActionFrom(
        teamsOf('proposer'),
        'stamp.send',
        {
          ...send!.data,
          recipientIds: `${cast.liaison.oid},${cast.colleague.oid}`,
          kindCode: 'thanks',
          about: realised.number,
          message: '予約が本当に楽になりました。ありがとうございます！',
        },
        { serviceUrl: server.stub.serviceUrl, id: next() },
      ),
    );
    expect(visibleText(answer.value!)).toContain('スタンプを送りました');
    expect(visibleText(answer.value!)).toContain(`提案 ${realised.number} 公用車の予約をオンラインで`);
    const stored = await queryRows<{ recipient_id: string; proposal_id: string | null }>(
      db,
      sql`select recipient_id::text, proposal_id::text from stamps order by recipient_id`,
    );
    expect(stored).toHaveLength(2);
    expect(stored.every((row) => row.proposal_id === realised.id)).toBe(true);

    // Both recipients are told, with what the stamp is about.
    const received = await waitForCard('liaison', '山口 太郎さんからスタンプが届きました');
    expect(validateAdaptiveCard(received)).toEqual([]);
    expect(visibleText(received)).toContain(
      `この提案について：提案 ${realised.number} 公用車の予約をオンラインで`,
    );
    await waitForCard('colleague', 'この提案について');

    // A retry of the same click stores nothing more.
    await bot(
      cardActionFrom(
        teamsOf('proposer'),
        'stamp.send',
        {
          ...send!.data,
          recipientIds: `${cast.liaison.oid},${cast.colleague.oid}`,
          kindCode: 'thanks',
          about: realised.number,
        },
        { serviceUrl: server.stub.serviceUrl, id: next() },
      ),
    );
    expect(await queryRows(db, sql`select id from stamps`)).toHaveLength(2);

    // The proposal's page lists the thanks: names and kinds for everyone, the message only for the two.
    const seenByOutsider = await ok<ProposalThanksDto>('outsider', 'GET', `${url}/thanks`);
    expect(seenByOutsider.total).toBe(2);
    expect(
      seenByOutsider.items.map((item) => [
        item.sender.displayName,
        item.recipient.displayName,
        item.kind.label,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [cast.proposer.name, cast.liaison.name, 'ありがとう'],
        [cast.proposer.name, cast.colleague.name, 'ありがとう'],
      ]),
    );
    expect(seenByOutsider.items.every((item) => item.message === null)).toBe(true);
    const seenByLiaison = await ok<ProposalThanksDto>('liaison', 'GET', `${url}/thanks`);
    expect(seenByLiaison.items.find((item) => item.recipient.id === ids.liaison)?.message).toBe(
      '予約が本当に楽になりました。ありがとうございます！',
    );
    expect(seenByLiaison.items.find((item) => item.recipient.id === ids.colleague)?.message).toBeNull();
    expect(
      (await ok<ProposalThanksDto>('proposer', 'GET', `${url}/thanks`)).items.every((item) => item.message),
    ).toBe(true);

    // A stamp about a proposal its sender may not see is refused, the form kept with the reason.
    await bot(
      cardActionFrom(
        teamsOf('outsider'),
        'proposal.submit',
        {
          requestId: 'thanks-flow-hidden',
          title: '庁舎の駐輪場を広げたい',
          body: '朝は駐輪場がいっぱいで停められない。',
          category: 'efficiency',
          confirmSimilar: 'true',
        },
        { serviceUrl: server.stub.serviceUrl, id: next() },
      ),
    );
    const [hidden] = (await ok<{ items: ProposalDto[] }>('outsider', 'GET', '/api/proposals?mine=true'))
      .items;
    const refused = await bot(
      cardActionFrom(
        teamsOf('proposer'),
        'stamp.send',
        {
          requestId: 'thanks-flow-refused',
          recipientIds: cast.colleague.oid,
          kindCode: 'thanks',
          about: hidden!.number,
        },
        { serviceUrl: server.stub.serviceUrl, id: next() },
      ),
    );
    expect(visibleText(refused.value!)).toContain(`提案「${hidden!.number}」が見つかりません。`);
    expect(visibleText(refused.value!)).not.toContain('庁舎の駐輪場');
    const badFormat = await bot(
      cardActionFrom(
        teamsOf('proposer'),
        'stamp.send',
        {
          requestId: 'thanks-flow-bad',
          recipientIds: cast.colleague.oid,
          kindCode: 'thanks',
          about: 'あいうえお',
        },
        { serviceUrl: server.stub.serviceUrl, id: next() },
      ),
    );
    expect(visibleText(badFormat.value!)).toContain('提案番号（例：R6-0012）か重点案件の番号');
    expect(await queryRows(db, sql`select id from stamps`)).toHaveLength(2);
  });
});
