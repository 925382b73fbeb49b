import type { AdaptiveCard, CardAction } from './adaptive-card';
import {
  adaptiveCard,
  container,
  executeAction,
  heading,
  openUrlAction,
  subheading,
  textBlock,
} from './elements';

/**
 * Sent to the proposer (and co-proposers) when the office links their proposal to a 重点案件 or
 * removes the link: being taken up by a priority project is news about the proposal's progress.
 */
export const projectLinkCard = (input: {
  linked: boolean;
  number: string;
  title: string;
  /** `R6-1-2` */
  projectCode: string;
  projectTitle: string;
  deepLink?: string | undefined;
}): AdaptiveCard => {
  const actions: CardAction[] = [
    ...(input.deepLink ? [openUrlAction('詳細を見る', input.deepLink)] : []),
    executeAction('自分の提案', 'proposal.mine'),
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
