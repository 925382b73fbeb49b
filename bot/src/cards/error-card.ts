import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, container, executeAction, textBlock, type CardData } from './elements';
import type { CardVerb } from './verbs';

/**
 * A problem the user can understand (an AppError's Japanese `userMessage`), with a retry button when
 * the caller knows what to retry. Never shows technical details.
 */
export const errorCard = ({
  message,
  retryVerb,
  data,
}: {
  message: string;
  retryVerb?: CardVerb | undefined;
  data?: CardData | undefined;
}): AdaptiveCard =>
  adaptiveCard(
    [
      container(
        [
          textBlock('⚠️ 処理できませんでした', { weight: 'Bolder', size: 'Medium', color: 'Attention' }),
          textBlock(message, { spacing: 'Small' }),
        ],
        { style: 'attention' },
      ),
    ],
    retryVerb ? { actions: [executeAction('もう一度試す', retryVerb, data)] } : {},
  );
