import { z } from 'zod';
import { proposalStatuses } from '#shared';
import {
  projectLinkCard,
  proposalConfirmationCard,
  statusChangedCard,
  type AdaptiveCard,
} from '../cards/index';

/**
 * Cards people keep (a status notification, a 重点案件 notification, a confirmation) carry what they
 * show in the data of their 「自分の提案」 button (`notice`). A click answers with the same card in its
 * done state (Teams replaces the card a button is on with the answer) and posts the list as a new
 * message, so the message people were reading stays. Card data is not trusted: it is decoded and
 * parsed here with bounds, the builders escape every text as always, and a card rebuilt from it only
 * ever replaces the clicking user's own card (card actions are answered in 1:1 chats only).
 */
const text = (max: number) => z.string().max(max);
const link = z
  .string()
  .max(2000)
  .regex(/^https:\/\//)
  .optional();

const NoticeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    number: text(20),
    title: text(200),
    previousStatusLabel: text(40),
    statusLabel: text(40),
    answer: text(4000).nullable(),
    blockReasonLabel: text(100).optional(),
    deepLink: link,
  }),
  z.object({
    kind: z.literal('projectLink'),
    linked: z.boolean(),
    number: text(20),
    title: text(200),
    projectCode: text(40),
    projectTitle: text(400),
    deepLink: link,
  }),
  z.object({
    kind: z.literal('submitted'),
    number: text(20),
    title: text(200),
    status: z.enum(proposalStatuses),
    submittedAt: text(40),
    categoryLabel: text(60).optional(),
    coProposers: z
      .array(z.object({ displayName: text(200) }))
      .max(20)
      .optional(),
    deepLink: link,
  }),
]);

/** A view in a button's data (base64url JSON, see `noticeData` in cards/), or undefined. */
export const decodeCardView = (value: unknown): unknown => {
  if (typeof value !== 'string' || value.length > 24_000 || !/^[\w-]*$/.test(value)) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

/** The card the button was on, rebuilt in its done state; undefined when the data carries none. */
export const noticeCardDone = (data: Record<string, unknown>, done: string): AdaptiveCard | undefined => {
  const parsed = NoticeSchema.safeParse(decodeCardView(data.notice));
  if (!parsed.success) return undefined;
  const notice = parsed.data;
  switch (notice.kind) {
    case 'status': {
      const { kind: _, ...view } = notice;
      return statusChangedCard({ ...view, done });
    }
    case 'projectLink': {
      const { kind: _, ...view } = notice;
      return projectLinkCard({ ...view, done });
    }
    case 'submitted': {
      const { kind: _, deepLink, ...proposal } = notice;
      return proposalConfirmationCard({ proposal, deepLink, done });
    }
  }
};
