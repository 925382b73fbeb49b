import {
  AppError,
  NotificationPreferenceDtoSchema,
  parseWith,
  type Actor,
  type NotificationPreferenceDto,
} from '#shared';
import type { Database } from '../../data/database';
import {
  findNotificationPreference,
  updateNotificationPreference,
} from '../../data/repositories/engagement-repository';

const unknownUser = (userId: string) =>
  new AppError('NOT_FOUND', { message: `User ${userId} not found`, userMessage: '利用者が見つかりません。' });

/**
 * How the person hears of the proposals they follow (すぐに / 1日1回まとめて / 通知しない). Each person
 * reads and sets only their own; their own proposals' status cards are not governed by it.
 */
export const getNotificationPreference = async (
  db: Database,
  actor: Actor,
): Promise<NotificationPreferenceDto> => {
  const preference = await findNotificationPreference(db, actor.userId);
  if (!preference) throw unknownUser(actor.userId);
  return { preference };
};

export const setNotificationPreference = async (
  db: Database,
  actor: Actor,
  input: unknown,
): Promise<NotificationPreferenceDto> => {
  const { preference } = parseWith(NotificationPreferenceDtoSchema, input);
  if (!(await updateNotificationPreference(db, actor.userId, preference))) throw unknownUser(actor.userId);
  return { preference };
};
