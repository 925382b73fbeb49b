import type { IncomingActivity } from '../../bot/src/conversation/activity';

const tenantId = '9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30';

export interface TestPerson {
  aadObjectId: string;
  name: string;
  email?: string;
}

let activityCounter = 0;

/** An SDK-free activity as the Teams adapter produces it, for driving the conversation logic directly. */
export const incoming = (
  person: TestPerson,
  body:
    | { kind: 'installed' | 'uninstalled' | 'botAdded' }
    | { kind: 'message'; text: string }
    | { kind: 'cardAction' | 'submit'; verb: string; data?: Record<string, unknown> },
  options: {
    conversationType?: 'personal' | 'groupChat' | 'channel';
    conversationId?: string;
    channelId?: string;
  } = {},
): IncomingActivity => {
  activityCounter += 1;
  const conversationType = options.conversationType ?? 'personal';
  const conversationId = options.conversationId ?? `a:personal-${person.aadObjectId}`;
  const base = {
    activityId: `activity-${activityCounter}`,
    from: {
      aadObjectId: person.aadObjectId,
      teamsId: `29:${person.aadObjectId}`,
      name: person.name,
      email: person.email ?? null,
      userPrincipalName: person.email ?? null,
    },
    conversation: { id: conversationId, type: conversationType, tenantId },
    locale: 'ja-JP',
    reference: {
      activityId: `activity-${activityCounter}`,
      user: { id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
      bot: { id: '28:bot', name: '職員提案' },
      conversation: { id: conversationId, conversationType, tenantId },
      channelId: options.channelId ?? 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/jp/',
    },
  };
  if (body.kind === 'cardAction' || body.kind === 'submit')
    return { ...base, ...body, data: body.data ?? {} };
  return { ...base, ...body } as IncomingActivity;
};
