import type { AdaptiveCard, CardAction } from './adaptive-card';
import { adaptiveCard, container, factSet, heading, openUrlAction, textBlock } from './elements';
import { formatDate, oneLine, truncate } from './text';

/** What a proposal card in a conversation shows: a `ProposalDto` with its labels fits. */
export interface ProposalResultView {
  number: string;
  title: string;
  statusLabel: string;
  categoryLabel: string;
  submittedAt: string | Date;
  /** The office's answer, shown shortened. */
  answer: string | null;
  isPublished: boolean;
  deepLink?: string | undefined;
}

const answerLength = 140;

/**
 * A proposal put into a chat or channel by the search command 「提案を検索」 or a pasted link of the
 * tab. Everyone in that conversation sees it, so it has no buttons that act (only a link to the tab,
 * which applies the visibility rule again for whoever opens it), and an unpublished proposal says so.
 */
export const proposalResultCard = (view: ProposalResultView): AdaptiveCard => {
  const actions: CardAction[] = view.deepLink ? [openUrlAction('詳細を見る', view.deepLink)] : [];
  return adaptiveCard(
    [
      textBlock(`職員提案 ${view.number}`, { isSubtle: true, size: 'Small' }),
      heading(view.title, { size: 'Medium', spacing: 'None' }),
      factSet(
        [
          ['状況', view.statusLabel],
          ['分類', view.categoryLabel],
          ['提出日', formatDate(view.submittedAt)],
        ],
        { spacing: 'Small' },
      ),
      ...(view.answer
        ? [
            container([textBlock(`推進室からの回答：${truncate(oneLine(view.answer), answerLength)}`)], {
              style: 'emphasis',
              spacing: 'Small',
            }),
          ]
        : []),
      ...(view.isPublished
        ? []
        : [
            textBlock('非公開の提案です（提案者・推進室・所管課のみ閲覧できます）。', {
              color: 'Warning',
              size: 'Small',
              spacing: 'Small',
            }),
          ]),
    ],
    { actions },
  );
};

/** The one line Teams shows for a result before it is inserted. */
export const proposalResultPreview = (view: ProposalResultView): { title: string; text: string } => ({
  title: `${view.number} ${view.title}`,
  text: view.isPublished ? view.statusLabel : `${view.statusLabel}（非公開）`,
});
