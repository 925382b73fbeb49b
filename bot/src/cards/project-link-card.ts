import type { AdaptiveCard, CardAction } from './adaptive-card';
import {
  adaptiveCard,
  container,
  doneLine,
  executeAction,
  noticeData,
  heading,
  openUrlAction,
  subheading,
  textBlock,
} from './elements';

export interface ProjectLinkView {
  linked: boolean;
  number: string;
  title: string;
  /** `R6-1-2` */
  projectCode: string;
  projectTitle: string;
  deepLink?: string | undefined;
}

/**
 * Sent to the proposer (and co-proposers) when the office links their proposal to a 重点案件 or
 * removes the link: being taken up by a priority project is news about the proposal's progress.
 * Like the status card, 「自分の提案」 carries the view so the click can leave the card in its done state.
 */
export const projectLinkCard = (input: ProjectLinkView & { done?: string | undefined }): AdaptiveCard => {
  const notice = {
    kind: 'projectLink',
    linked: input.linked,
    number: input.number,
    title: input.title,
    projectCode: input.projectCode,
    projectTitle: input.projectTitle,
    ...(input.deepLink ? { deepLink: input.deepLink } : {}),
  };
  const actions: CardAction[] = [
    ...(input.deepLink ? [openUrlAction('詳細を見る', input.deepLink)] : []),
    ...(input.done ? [] : [executeAction('自分の提案', 'proposal.mine', { notice: noticeData(notice) })]),
  ];
  return adaptiveCard(
    [
      heading(
        input.linked ? '📌 提案が重点案件に関連付けられました' : '重点案件との関連付けが解除されました',
      ),
      textBlock(input.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(input.title, { weight: 'Bolder', size: 'Medium', spacing: 'None' }),
      container(
        [
          subheading(input.linked ? '関連する重点案件' : '関連付けが解除された重点案件', { spacing: 'None' }),
          textBlock(`${input.projectCode} ${input.projectTitle}`, { spacing: 'Small' }),
        ],
        { style: 'emphasis', spacing: 'Medium' },
      ),
      ...(input.done ? [doneLine(input.done)] : []),
    ],
    { actions, fullWidth: true },
  );
};

/** The notification's one-line summary (Teams shows it in the activity feed and notifications). */
export const projectLinkSummary = (input: {
  linked: boolean;
  number: string;
  projectCode: string;
  projectTitle: string;
}): string =>
  input.linked
    ? `提案 ${input.number} が重点案件「${input.projectCode} ${input.projectTitle}」に関連付けられました`
    : `提案 ${input.number} と重点案件「${input.projectCode} ${input.projectTitle}」の関連付けが解除されました`;
