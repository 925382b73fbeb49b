import {
  isAppError,
  notificationPreferenceLabels,
  notificationPreferences,
  type NotificationPreference,
} from '#shared';
import { notificationSettingsCard } from '../../cards/index';
import {
  getNotificationPreference,
  setNotificationPreference,
} from '../../services/engagement/notification-preference';
import type { TurnOutcome } from '../activity';
import { stringField } from '../card-data';
import type { Turn } from '../conversation-context';
import { respond } from '../respond';

const descriptions: Record<NotificationPreference, string> = {
  immediate: '動きがあるたびにお知らせします',
  daily: '毎朝8時に1通にまとめてお知らせします',
  none: 'お知らせしません',
};

const choices = notificationPreferences.map((value) => ({
  value,
  label: notificationPreferenceLabels[value],
  description: descriptions[value],
}));

const card = (preference: NotificationPreference, done?: string) =>
  notificationSettingsCard({ currentLabel: notificationPreferenceLabels[preference], choices, done });

/** 「通知設定」: the person's current choice and the buttons to change it. */
export const showNotificationSettings = async (turn: Turn): Promise<TurnOutcome> => {
  const { preference } = await getNotificationPreference(turn.deps.db, turn.actor);
  return respond(turn, card(preference));
};

/** A choice from the card: the same service as the tab's 通知設定; the answer is the card updated. */
export const chooseNotificationPreference = async (
  turn: Turn,
  data: Record<string, unknown>,
): Promise<TurnOutcome> => {
  try {
    const { preference } = await setNotificationPreference(turn.deps.db, turn.actor, {
      preference: stringField(data, 'preference'),
    });
    return respond(
      turn,
      card(preference, `通知の受け取り方を「${notificationPreferenceLabels[preference]}」にしました`),
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION') return showNotificationSettings(turn);
    throw error;
  }
};
