import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, container, heading, openUrlAction, subheading, textBlock } from './elements';

export interface ProposalWithdrawnView {
  number: string;
  title: string;
  proposerName: string;
  /** The proposer's comment on withdrawing, if any. */
  comment: string | null;
  deepLink?: string | undefined;
}

/** To the office: a proposer took their proposal back (from the bot or the tab). */
export const proposalWithdrawnCard = (view: ProposalWithdrawnView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('↩️ 提案が取り下げられました'),
      textBlock(view.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(view.title, { weight: 'Bolder', size: 'Medium', spacing: 'None' }),
      textBlock(`提案者：${view.proposerName}`, { spacing: 'Small' }),
      ...(view.comment
        ? [
            container([subheading('提案者のコメント', { spacing: 'None' }), textBlock(view.comment)], {
              style: 'emphasis',
              spacing: 'Medium',
            }),
          ]
        : []),
    ],
    { actions: view.deepLink ? [openUrlAction('詳細を見る', view.deepLink)] : [], fullWidth: true },
  );
