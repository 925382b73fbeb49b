import type { StampKind } from '#shared';
import type { AdaptiveCard } from './adaptive-card';
import type { PickedPerson } from './form-elements';
import { stampFormCard } from './stamp-form-card';
import { truncate } from './text';

export interface ThanksInvitationView {
  /** The form's idempotency key (one per realisation and proposer). */
  requestId: string;
  number: string;
  title: string;
  /** The 所管課, when the proposal has one. */
  divisionName: string | null;
  /** Its liaisons (所管課担当), preselected as recipients (Entra object ids and names). */
  recipients: readonly PickedPerson[];
  kinds: readonly StampKind[];
  /** The kind preselected (the organisation's thanks kind). */
  kindCode: string | undefined;
}

/**
 * Sent to the proposers when their proposal becomes 実現完了: an invitation to thank the people who
 * made it happen, as the stamp form itself — the 所管課's liaisons preselected (or nobody, to choose
 * colleagues), the thanks stamp chosen, 「この提案について」 filled with the proposal's number.
 * Sending it is the usual 「送る」 (`stamp.send`), so it runs the same service and limits.
 */
export const thanksInvitationCard = (view: ThanksInvitationView): AdaptiveCard =>
  stampFormCard({
    requestId: view.requestId,
    kinds: view.kinds,
    peoplePicker: true,
    recipients: view.recipients,
    values: {
      recipientIds: view.recipients.map((person) => person.id).join(','),
      ...(view.kindCode ? { kindCode: view.kindCode } : {}),
      about: view.number,
    },
    intro: {
      heading: '🎉 提案が実現しました。お礼を伝えませんか',
      lines: [
        `${view.number}「${truncate(view.title, 80)}」が実現完了になりました。`,
        view.divisionName && view.recipients.length > 0
          ? `実現に取り組んだ${view.divisionName}の担当者を宛先に入れてあります。ほかの同僚も選べます。`
          : '実現に取り組んだ同僚を選んで、お礼のスタンプを贈りましょう。',
      ],
    },
  });

export const thanksInvitationSummary = (number: string): string =>
  `提案 ${number} が実現しました。お礼のスタンプを贈りませんか`;
