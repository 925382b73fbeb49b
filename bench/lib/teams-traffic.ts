import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../bot/src/data/database';
import {
  fixtureBotAppId,
  fixtureTenantId,
  teamsFixture,
  unlimitedUserActionsEnv,
} from '../../tests/helpers/teams-http';

/**
 * Teams traffic for the bench: the recorded `adaptiveCard/action` invoke of the tests' fixtures, sent
 * by bench staff from their 1:1 chats, with the card data a real form sends. Every request carries a
 * fresh request id (the idempotency key), so each one is a new proposal or a new stamp.
 */
export { fixtureBotAppId, fixtureTenantId, unlimitedUserActionsEnv };

export interface BenchPerson {
  aadObjectId: string;
  teamsId: string;
  name: string;
  conversationId: string;
}

export const benchPerson = (n: number): BenchPerson => ({
  aadObjectId: `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`,
  teamsId: `29:bench-person-${n}`,
  name: `ベンチ 職員${n}`,
  conversationId: `a:bench-personal-${n}`,
});

/**
 * The bench staff as the organisation knows them before they use the bot: users with a division
 * (their proposals count for it), as the directory or their first choice would have set.
 */
export const insertBenchPeople = async (
  database: DatabaseHandle,
  count: number,
  divisions = 20,
): Promise<void> => {
  await database.db.execute(sql`
    insert into divisions (code, name, sort_order)
    select 'B' || lpad(n::text, 3, '0'), 'ベンチ第' || n || '課', 1000 + n from generate_series(1, ${divisions}) n
    on conflict do nothing`);
  const people = Array.from({ length: count }, (_, i) => benchPerson(i + 1));
  await database.db.execute(sql`
    insert into users (aad_object_id, tenant_id, display_name, division_id)
    select p.aad, ${fixtureTenantId}, p.name,
           (select id from divisions where code = 'B' || lpad((1 + p.n % ${divisions})::text, 3, '0'))
    from json_to_recordset(${JSON.stringify(
      people.map((person, i) => ({ aad: person.aadObjectId, name: person.name, n: i })),
    )}::json) as p(aad text, name text, n int)
    on conflict (aad_object_id) do nothing`);
};

const base = teamsFixture('invoke-adaptive-card-action', { serviceUrl: 'https://placeholder/' });

/** An Action.Execute invoke from `person` with the card's `data`, as JSON text. */
export const cardActionBody = (
  serviceUrl: string,
  person: BenchPerson,
  verb: string,
  data: Record<string, unknown>,
  activityId: string,
): string =>
  JSON.stringify({
    ...base,
    id: activityId,
    serviceUrl,
    from: { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId },
    conversation: {
      ...(base.conversation as Record<string, unknown>),
      id: person.conversationId,
      conversationType: 'personal',
    },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

const topics = [
  '会議資料',
  '出張旅費',
  '文書決裁',
  '庁内照会',
  '研修受講',
  '窓口申請',
  '電話応対',
  '統計調査',
];

/** What the proposal form sends when 提出する is pressed after the similar proposals were shown. */
export const proposalFormData = (requestId: string, i: number): Record<string, string> => {
  const topic = topics[i % topics.length]!;
  return {
    requestId,
    title: `${topic}の手続を見直す提案 ${i}`,
    body: `${topic}の手続に時間がかかっています。様式を統一し、電子で回付すれば、担当者の確認作業が減り、県民への回答も早くなります。（${i}）`,
    category: 'efficiency',
    expectedEffect: '担当者一人あたり月に数時間の削減',
    confirmSimilar: 'true',
  };
};

/** What the stamp form sends: three colleagues picked in the people picker, a kind and a message. */
export const stampFormData = (requestId: string, recipients: BenchPerson[]): Record<string, string> => ({
  requestId,
  recipientIds: recipients.map((person) => person.aadObjectId).join(','),
  kindCode: 'thanks',
  message: '資料の取りまとめ、ありがとうございました。',
});

export const proposalAccepted = (status: number, body: string): string | undefined =>
  status === 200 && body.includes('提案を受け付けました') && /R\d+-\d{4,}/.test(body)
    ? undefined
    : `not a confirmation: ${status} ${body.slice(0, 200)}`;

export const stampSent = (status: number, body: string): string | undefined =>
  status === 200 && body.includes('スタンプを送りました')
    ? undefined
    : `not sent: ${status} ${body.slice(0, 200)}`;
