import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, doneLine, executeAction, heading, textBlock } from './elements';

export interface NotificationSettingsView {
  /** The person's current choice, as its label (すぐに / 1日1回まとめて / 通知しない). */
  currentLabel: string;
  /** The choices in order: value and label. */
  choices: readonly { value: string; label: string; description: string }[];
  /** After a choice: 「…にしました」. */
  done?: string | undefined;
}

/**
 * 「通知設定」: how the person hears of the proposals they follow (賛同・共同提案・フォロー), one
 * button per choice; the answer is this card with the new choice. Their own proposals' status cards
 * always arrive, which the card says.
 */
export const notificationSettingsCard = (view: NotificationSettingsView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('🔔 通知設定'),
      textBlock(
        '賛同した提案・共同提案した提案・フォローしている提案の動き（状況の変更、回答、重点案件の進捗）の受け取り方を選べます。ご自身の提案の状況の変更は、この設定にかかわらず毎回お知らせします。',
        { spacing: 'Small' },
      ),
      textBlock(`現在の設定：${view.currentLabel}`, { weight: 'Bolder', spacing: 'Medium' }),
      ...view.choices.map((choice) =>
        textBlock(`・${choice.label}：${choice.description}`, { spacing: 'None' }),
      ),
      ...(view.done ? [doneLine(view.done)] : []),
    ],
    {
      actions: view.choices.map((choice) =>
        executeAction(choice.label, 'user.setNotificationPreference', { preference: choice.value }),
      ),
    },
  );
