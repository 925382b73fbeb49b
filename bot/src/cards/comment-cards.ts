import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, container, heading, openUrlAction, subheading, textBlock } from './elements';
import { truncate } from './text';

export interface CommentReportedView {
  number: string;
  title: string;
  reason: string;
  deepLink?: string | undefined;
}

/** To the office: a comment was reported (通報); the tab's queue lists the reports. */
export const commentReportedCard = (view: CommentReportedView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('🚩 コメントが通報されました'),
      textBlock(view.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(view.title, { weight: 'Bolder', size: 'Medium', spacing: 'None' }),
      container([subheading('通報の理由', { spacing: 'None' }), textBlock(truncate(view.reason, 200))], {
        style: 'emphasis',
        spacing: 'Medium',
      }),
      textBlock('提案一覧の「通報されたコメント」から対応してください。', {
        isSubtle: true,
        spacing: 'Small',
      }),
    ],
    { actions: view.deepLink ? [openUrlAction('提案を開く', view.deepLink)] : [], fullWidth: true },
  );

export const commentReportedSummary = (view: Pick<CommentReportedView, 'number'>): string =>
  `提案 ${view.number} のコメントが通報されました`;
