import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import type { TurnOutcome } from '../../bot/src/conversation/activity';
import { createConversationHandler } from '../../bot/src/conversation/conversation-handler';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { findPriorityProjects } from '../../bot/src/data/repositories/priority-projects-repository';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { startBotFrameworkStub, type BotFrameworkStub } from '../helpers/bot-framework-stub';
import {
  displayForm,
  markdownTextsOf,
  nodesOf,
  renderedText,
  unescapedMarkdown,
} from '../helpers/card-inspection';
import {
  fuzzRuns,
  hostileString,
  hostileValue,
  isJapanese,
  mutatedObject,
  storedForm,
} from '../helpers/hostile-input';
import { asTeamsUser, personas } from '../helpers/personas';
import { incoming, type TestPerson } from '../helpers/teams-activities';
import {
  activityFrom,
  cardActionFrom,
  createTeamsTestApp,
  postSignedActivity,
  teamsPerson,
} from '../helpers/teams-http';
import { useNotificationQueue, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase, rowsDigest } from '../helpers/test-database';

/**
 * Property-based tests of the bot's card actions: whatever a card (or a forged invoke) carries, the
 * conversation answers with a card — the form again with Japanese messages and nothing written, or
 * the stored result — and never fails the turn. What one person typed reaches other people's cards
 * (a stamp's message and sender name, a similar proposal's title) as plain text: no Markdown, no
 * `${…}` template, no HTML.
 */
const taro: TestPerson = asTeamsUser(personas.taro);
const hanako: TestPerson = asTeamsUser(personas.hanako);

const cardOf = (outcome: TurnOutcome): AdaptiveCard | undefined =>
  outcome.cardResponse ?? outcome.replies.find((reply) => reply.card)?.card;

/** Every Markdown text of the card is escaped; `texts` appear on it exactly as typed (or cut with 「…」). */
const expectPlain = (card: AdaptiveCard, texts: string[]) => {
  for (const markdown of markdownTextsOf(card)) expect(markdown).not.toMatch(unescapedMarkdown);
  const shown = markdownTextsOf(card).map(renderedText);
  for (const text of texts.map(displayForm).filter(Boolean)) {
    expect(
      shown.some((line) => line.includes(text) || (line.endsWith('…') && text.startsWith(line.slice(0, -1)))),
      `${JSON.stringify(text)} not shown as typed in ${JSON.stringify(shown)}`,
    ).toBe(true);
  }
};

describe('card actions under hostile input (property-based)', () => {
  const ctx = useTestDatabase();
  const notifications = useNotificationQueue(ctx);
  let requestCounter = 0;
  const handler = createConversationHandler({
    get db() {
      return ctx.db;
    },
    notifications,
    links: { teamsAppId: 'app-id-1', publicUrl: 'https://proposals.example.jp' },
    newRequestId: () => `fuzz-${(requestCounter += 1).toString().padStart(8, '0')}`,
    now: () => new Date('2024-06-10T01:00:00Z'),
  });
  let projectId: string;

  beforeEach(async () => {
    await seedBaseData(ctx.db);
    for (const person of [taro, hanako]) await handler(incoming(person, { kind: 'installed' }));
    const divisionId = (await ensureDivisions(ctx.db, [{ name: '人事課' }])).get('人事課')!;
    await ctx.db.execute(sql`update users set division_id = ${divisionId}`);
    projectId = (await findPriorityProjects(ctx.db, 2024))[0]!.id;
  });

  /** The rows a card action may write (users and conversations aside: every activity records its sender). */
  const fingerprint = async (): Promise<string> => {
    const tables = [
      'proposals',
      'proposal_history',
      'proposal_co_proposers',
      'proposal_project_links',
      'stamps',
      'notification_deliveries',
    ];
    return rowsDigest(ctx.db, tables);
  };
  const count = async (table: string) =>
    (await queryRows<{ n: number }>(ctx.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  /** The answer is a card; when nothing was written it speaks Japanese (form with messages or error card). */
  const expectAnswered = (outcome: TurnOutcome): AdaptiveCard => {
    const card = cardOf(outcome);
    expect(card, JSON.stringify(outcome).slice(0, 300)).toBeDefined();
    expect(isJapanese(JSON.stringify(card))).toBe(true);
    return card!;
  };

  it('proposal.submit: the form again with Japanese messages and nothing written, or stored as typed', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        mutatedObject(
          {
            requestId: 'REQUEST',
            title: '会議資料のペーパレス化',
            body: '庁内会議の資料を電子化する。',
            category: 'paperless',
            expectedEffect: '印刷費の削減',
            coProposerIds: hanako.aadObjectId,
            priorityProjectIds: 'PROJECT',
            confirmSimilar: 'true',
          },
          (key) =>
            key === 'title'
              ? hostileString(120)
              : key === 'body' || key === 'expectedEffect'
                ? hostileString(2_100)
                : hostileValue(),
        ),
        async (mutated) => {
          run += 1;
          const data = Object.fromEntries(
            Object.entries(mutated).map(([key, value]) => [
              key,
              value === 'REQUEST' ? `fuzz-submit-${run}-xxxxxxxx` : value === 'PROJECT' ? projectId : value,
            ]),
          );
          const before = await fingerprint();
          const proposalsBefore = await count('proposals');
          const outcome = await handler(
            incoming(taro, { kind: 'cardAction', verb: 'proposal.submit', data }),
          );
          const card = expectAnswered(outcome);
          if ((await count('proposals')) === proposalsBefore) {
            expect(await fingerprint()).toBe(before);
            return;
          }
          const [stored] = await queryRows<{ title: string; body: string; expected_effect: string | null }>(
            ctx.db,
            sql`select title, body, expected_effect from proposals where client_request_id = ${data.requestId as string}`,
          );
          expect(stored!.title).toBe(storedForm(data.title as string));
          expect(stored!.body).toBe(storedForm(data.body as string));
          if (typeof data.expectedEffect === 'string' && storedForm(data.expectedEffect))
            expect(stored!.expected_effect).toBe(storedForm(data.expectedEffect));
          expectPlain(card, [stored!.title]);
          // Someone else drafting a similar proposal sees this title on their form, as plain text.
          const similar = await handler(
            incoming(hanako, {
              kind: 'cardAction',
              verb: 'proposal.check',
              data: { title: stored!.title, body: stored!.body },
            }),
          );
          expectPlain(expectAnswered(similar), []);
        },
      ),
      {
        ...fuzzRuns(50),
        // Found by this property: a project id that is no UUID reached the database and failed the turn.
        examples: [
          [
            {
              requestId: 'REQUEST',
              title: '会議資料のペーパレス化',
              body: '庁内会議の資料を電子化する。',
              category: 'paperless',
              priorityProjectIds: 0,
              confirmSimilar: 'true',
            },
          ],
        ],
      },
    );
  });

  it('stamp.send: refused in Japanese with nothing written, or the recipient’s card shows message and sender as typed', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        hostileString(80),
        mutatedObject(
          {
            requestId: 'REQUEST',
            recipientIds: hanako.aadObjectId,
            kindCode: 'thanks',
            message: 'いつもありがとうございます',
          },
          (key) => (key === 'message' ? hostileString(250) : hostileValue()),
        ),
        async (senderName, mutated) => {
          run += 1;
          const data = Object.fromEntries(
            Object.entries(mutated).map(([key, value]) => [
              key,
              value === 'REQUEST' ? `fuzz-stamp-${run}-xxxxxxxx` : value,
            ]),
          );
          const sender = { ...taro, name: senderName };
          const before = await fingerprint();
          const stampsBefore = await count('stamps');
          const outcome = await handler(incoming(sender, { kind: 'cardAction', verb: 'stamp.send', data }));
          expectAnswered(outcome);
          if ((await count('stamps')) === stampsBefore) {
            expect(await fingerprint()).toBe(before);
            return;
          }
          const stamps = await queryRows<{
            message: string | null;
            sender: string;
            payload: { card: AdaptiveCard };
          }>(
            ctx.db,
            sql`select s.message, u.display_name as sender, d.payload
                from stamps s join users u on u.id = s.sender_id
                join notification_deliveries d on d.dedupe_key = 'stamp:' || s.id
                where s.request_id = ${data.requestId as string}`,
          );
          expect(stamps.length).toBeGreaterThan(0);
          for (const stamp of stamps) {
            if (typeof data.message === 'string' && storedForm(data.message))
              expect(stamp.message).toBe(storedForm(data.message));
            expectPlain(stamp.payload.card, [stamp.message ?? '', stamp.sender]);
            // Actions on someone else's card carry ids only: nothing the sender typed ends up in a URL.
            for (const node of nodesOf(stamp.payload.card)) {
              if (typeof node.url === 'string' && stamp.message)
                expect(node.url).not.toContain(stamp.message);
            }
          }
        },
      ),
      {
        ...fuzzRuns(50),
        // Found by this property: a display name with a lone surrogate or a NUL failed every turn of
        // that person.
        examples: [
          // …and a name of thousands of characters overflowed the recipient's notification.
          [
            'あ'.repeat(20_000),
            { requestId: 'REQUEST', recipientIds: hanako.aadObjectId, kindCode: 'thanks' },
          ],
          [
            '\u0000',
            { requestId: 'REQUEST', recipientIds: hanako.aadObjectId, kindCode: 'thanks', message: '' },
          ],
          [
            '\udfff <script>alert(1)</script>',
            {
              requestId: 'REQUEST',
              recipientIds: hanako.aadObjectId,
              kindCode: 'thanks',
              message: 'ありがとう',
            },
          ],
        ],
      },
    );
  });

  it('any verb with any data: an answer card, never a failed turn, nothing written by reading verbs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(
            'proposal.check',
            'proposal.mine',
            'proposal.form',
            'stamp.form',
            'stamp.reply',
            'help.show',
            'user.setDivision',
          ),
          hostileString(40),
        ),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom('requestId', 'page', 'divisionId', 'kindCode', 'title', 'body', 'verb'),
            fc.string({ maxLength: 8 }),
          ),
          hostileValue(200),
          { maxKeys: 5 },
        ),
        async (verb, data) => {
          const before = await fingerprint();
          const outcome = await handler(incoming(taro, { kind: 'cardAction', verb, data }));
          expectAnswered(outcome);
          expect(await fingerprint()).toBe(before);
        },
      ),
      // Found by this property: "toString" reached Object.prototype through the dispatch table.
      {
        ...fuzzRuns(60),
        examples: [
          // Found by this property: a NUL in a draft's title reached PostgreSQL (the similar-proposals query).
          ['proposal.check', { title: '\u0000' }],
          // Found by this property: a huge page number overflowed the list's offset (bigint).
          ['proposal.mine', { page: 1844674407370955300 }],
          ['proposal.mine', { page: '1e300' }],
          ['toString', {}],
          ['__proto__', {}],
          ['constructor', {}],
        ],
      },
    );
  });

  describe('through /api/messages (signed tokens, raw activity shapes)', () => {
    let stub: BotFrameworkStub;
    let app: FastifyInstance;
    beforeAll(async () => {
      stub = await startBotFrameworkStub();
      const database = await getTestDatabase();
      ({ app } = await createTeamsTestApp({
        database,
        stub,
        handler: createConversationHandler({
          db: database.db,
          notifications,
          links: { teamsAppId: 'app-id-1', publicUrl: 'https://proposals.example.jp' },
          newRequestId: () => `fuzz-${(requestCounter += 1).toString().padStart(8, '0')}`,
        }),
      }));
    });
    afterAll(async () => {
      await app?.close();
      await stub?.close();
    });

    it('answers malformed invokes and messages without failing the turn', async () => {
      // botbuilder reports turn errors on the console; a failure here is a failed property anyway.
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const who = teamsPerson(990, taro.name);
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              hostileValue(200),
              fc.record({ action: hostileValue(100), trigger: fc.constant('manual') }),
              fc.record({
                action: fc.record({
                  type: fc.constant('Action.Execute'),
                  verb: hostileValue(40),
                  data: hostileValue(200),
                }),
              }),
            ),
            hostileString(300),
            async (value, text) => {
              run += 1;
              const before = await fingerprint();
              const sentBefore = stub.sentActivities().length;
              const invoke = {
                ...cardActionFrom(who, 'x', {}, { serviceUrl: stub.serviceUrl, id: `f:fz-i${run}` }),
                value,
              };
              const answered = await postSignedActivity(app, stub, invoke);
              expect([200, 400], answered.body.slice(0, 300)).toContain(answered.statusCode);
              const message = activityFrom(who, 'message-personal', {
                serviceUrl: stub.serviceUrl,
                id: `f:fz-m${run}`,
                text,
                value,
              });
              const replied = await postSignedActivity(app, stub, message);
              expect([200, 400], replied.body.slice(0, 300)).toContain(replied.statusCode);
              // This run's replies only, so that a shrunk counterexample is one that fails by itself.
              expect(
                stub
                  .sentActivities()
                  .slice(sentBefore)
                  .some((sent) => String(sent.text ?? '').startsWith('申し訳ありません')),
              ).toBe(false);
              expect(await fingerprint()).toBe(before);
            },
          ),
          // Found by this property: a message "__proto__" reached Object.prototype through the commands.
          {
            ...fuzzRuns(25),
            examples: [
              [{}, '__proto__'],
              [{}, 'constructor'],
              [{}, 'toString'],
            ],
          },
        );
      } finally {
        vi.restoreAllMocks();
      }
    });
  });
});
