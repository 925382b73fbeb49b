import { proposalLimits } from '#shared';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, doneLine, executeAction, heading, textBlock } from './elements';
import {
  choiceSetInput,
  errorMap,
  errorSummary,
  fieldError,
  textInput,
  type FieldErrors,
  type FormValues,
} from './form-elements';

/** The proposal a correction or withdrawal card is about, as the proposer last saw it. */
export interface CorrectedProposal {
  id: string;
  version: number;
  number: string;
  title: string;
}

const backToList = executeAction('自分の提案に戻る', 'proposal.mine');
/** The same on a card with inputs: every action of such a card sends them (the list ignores them). */
const backFromForm = executeAction('自分の提案に戻る', 'proposal.mine', undefined, { submitsInputs: true });

/** 「修正」: title, body and category of the proposer's own proposal, while it is 受付. */
export const proposalEditCard = (input: {
  proposal: CorrectedProposal;
  values: FormValues;
  errors?: FieldErrors;
  categories: readonly { value: string; label: string }[];
}): AdaptiveCard => {
  const errors = errorMap(input.errors);
  const field = (id: string, element: CardElement) => [element, ...fieldError(errors.get(id))];
  return adaptiveCard(
    [
      heading('✏️ 提案を修正'),
      textBlock(`${input.proposal.number}：推進室が検討を始める前（受付の間）だけ修正できます。`, {
        isSubtle: true,
        spacing: 'Small',
      }),
      ...errorSummary(errors),
      ...field(
        'title',
        textInput({
          id: 'title',
          label: '件名',
          value: input.values.title,
          isRequired: true,
          maxLength: proposalLimits.title,
          errorMessage: `件名を${proposalLimits.title}文字以内で入力してください。`,
        }),
      ),
      ...field(
        'body',
        textInput({
          id: 'body',
          label: '提案内容',
          value: input.values.body,
          isRequired: true,
          isMultiline: true,
          maxLength: proposalLimits.body,
          errorMessage: `提案内容を${proposalLimits.body}文字以内で入力してください。`,
        }),
      ),
      ...field(
        'category',
        choiceSetInput({
          id: 'category',
          label: '分類',
          value: input.values.category,
          isRequired: true,
          errorMessage: '分類を選んでください。',
          choices: input.categories.map((category) => ({ title: category.label, value: category.value })),
        }),
      ),
    ],
    {
      actions: [
        executeAction(
          '修正を保存',
          'proposal.edit',
          { id: input.proposal.id, version: input.proposal.version },
          { style: 'positive', submitsInputs: true },
        ),
        backFromForm,
      ],
      fullWidth: true,
    },
  );
};

/** 「取下げ」: asks once more, with an optional comment for the office. */
export const proposalWithdrawCard = (proposal: CorrectedProposal): AdaptiveCard =>
  adaptiveCard(
    [
      heading('↩️ 提案を取り下げますか？'),
      textBlock(proposal.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(proposal.title, { weight: 'Bolder', spacing: 'None' }),
      textBlock('取り下げた提案は元に戻せません。推進室に通知されます。', { spacing: 'Small' }),
      textInput({
        id: 'comment',
        label: 'コメント（任意）',
        isMultiline: true,
        maxLength: 1000,
      }),
    ],
    {
      actions: [
        executeAction(
          '取り下げる',
          'proposal.withdraw',
          { id: proposal.id, version: proposal.version },
          { style: 'destructive', submitsInputs: true },
        ),
        backFromForm,
      ],
      fullWidth: true,
    },
  );

/** What replaces the correction or withdrawal card once it is done. */
export const proposalCorrectedCard = (input: { number: string; title: string; done: string }): AdaptiveCard =>
  adaptiveCard(
    [
      heading('📋 自分の提案'),
      textBlock(input.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(input.title, { weight: 'Bolder', spacing: 'None' }),
      doneLine(input.done),
    ],
    { actions: [backToList], fullWidth: true },
  );
