import { z } from 'zod';
import { proposalStatuses } from './proposal-status';

/**
 * 賛同 (support), フォロー (follow) and what followers are told: the shapes the tab API and the bot
 * share. The rules (who may support, who hears what) live in bot/src/services/engagement/.
 */

/**
 * How a person wants the non-essential notifications (a followed proposal changed): at once, in one
 * card a day, or not at all. The proposer's own status changes always arrive, whatever this says.
 */
export const notificationPreferences = ['immediate', 'daily', 'none'] as const;
export type NotificationPreference = (typeof notificationPreferences)[number];
export const defaultNotificationPreference: NotificationPreference = 'daily';

export const notificationPreferenceLabels: Record<NotificationPreference, string> = {
  immediate: 'すぐに',
  daily: '1日1回まとめて',
  none: '通知しない',
};

export const NotificationPreferenceSchema = z.enum(notificationPreferences, {
  error: '通知の受け取り方は「すぐに」「1日1回まとめて」「通知しない」から選んでください。',
});

/** `GET /api/me/notification-preference` and the body of `PUT`. */
export const NotificationPreferenceDtoSchema = z.object({ preference: NotificationPreferenceSchema });
export type NotificationPreferenceDto = z.infer<typeof NotificationPreferenceDtoSchema>;

/** Why someone follows a proposal: they support it, they co-proposed it, or they chose to. */
export const followSources = ['support', 'co_proposer', 'manual'] as const;
export type FollowSource = (typeof followSources)[number];

/**
 * What a follower is told about. Other features add their kinds here (a comment, an adoption 横展開);
 * the database column is plain text, so a new kind needs no migration.
 */
export const followerUpdateKinds = ['status', 'answer', 'project_progress', 'comment', 'adoption'] as const;
export type FollowerUpdateKind = (typeof followerUpdateKinds)[number];

export const followerUpdateKindLabels: Record<FollowerUpdateKind, string> = {
  status: '状況の変更',
  answer: '回答',
  project_progress: '重点案件の進捗',
  comment: 'コメント',
  adoption: '横展開',
};

/** `PUT|DELETE /api/proposals/:id/support` and `…/follow`: the proposal's engagement as the asker sees it. */
export const ProposalEngagementDtoSchema = z.object({
  proposalId: z.string(),
  supportCount: z.number(),
  supportedByMe: z.boolean(),
  followedByMe: z.boolean(),
});
export type ProposalEngagementDto = z.infer<typeof ProposalEngagementDtoSchema>;

/** The dashboard's 「賛同の多い検討中の提案」 (office and admins). */
export const TopSupportedProposalDtoSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.enum(proposalStatuses),
  supportCount: z.number(),
  responsibleDivision: z.string().nullable(),
});
export type TopSupportedProposalDto = z.infer<typeof TopSupportedProposalDtoSchema>;

export const TopSupportedProposalsDtoSchema = z.object({ items: z.array(TopSupportedProposalDtoSchema) });
export type TopSupportedProposalsDto = z.infer<typeof TopSupportedProposalsDtoSchema>;

/** How many the dashboard lists. */
export const topSupportedLimit = 10;
