import { proposalLimits } from '#shared';
import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { actionSet, adaptiveCard, columnSet, container, executeAction, heading, textBlock } from './elements';
import {
  choiceSetInput,
  errorMap,
  errorSummary,
  fieldError,
  peoplePickerInput,
  textInput,
  type FieldErrors,
  type FormValues,
  type PickedPerson,
} from './form-elements';

/** Input ids; they are the keys of `ProposalInputSchema`, so the card's data parses as it comes. */
export const proposalFormFields = [
  'title',
  'body',
  'category',
  'expectedEffect',
  'coProposerIds',
  'priorityProjectIds',
] as const;
export type ProposalFormField = (typeof proposalFormFields)[number];

export interface SimilarProposal {
  number: string;
  title: string;
  statusLabel: string;
  /**
   * 賛同 on a published look-alike (rather than proposing it again): its id, the count, whether the
   * user supports it and may. Without it, the item has no button.
   */
  support?: { proposalId: string; count: number; supportedByMe: boolean; canSupport: boolean } | undefined;
}

export interface ProposalFormCardInput {
  /** Idempotency key of this draft: every submit from this card carries it. */
  requestId: string;
  /** What the user typed, as the card sent it (strings); put back verbatim. */
  values?: FormValues;
  errors?: FieldErrors;
  categories: readonly { value: string; label: string }[];
  /** The fiscal year's priority projects; the field is left out when there are none. */
  projects: readonly { id: string; label: string }[];
  /** `令和6年度`, the year the projects belong to. */
  fiscalYearLabel: string;
  /** Teams' people picker for co-proposers (needs the directory); without it the field is left out. */
  peoplePicker: boolean;
  /** Names of already chosen co-proposers, so the picker shows them when the form comes back. */
  coProposers?: readonly PickedPerson[];
  /** Proposals that look alike: when present the user confirms before submitting. */
  similar?: readonly SimilarProposal[];
  /** Further proposals that look alike but the user may not see: a count, never their titles. */
  hiddenSimilarCount?: number;
}

const maxSimilarShown = 3;

/** The similar-proposals block: the look-alikes the user may see, and a count of those they may not. */
/** 「賛同する（3人）」 or 「賛同を取り消す（3人）」: the form comes back as it was, the count updated. */
const supportButton = (item: SimilarProposal, requestId: string): CardElement[] => {
  const support = item.support;
  if (!support) return [];
  if (!support.canSupport)
    return [textBlock(`👍 賛同 ${support.count}人`, { isSubtle: true, spacing: 'None' })];
  return [
    actionSet(
      [
        executeAction(
          support.supportedByMe
            ? `賛同を取り消す（${support.count}人）`
            : `👍 賛同する（${support.count}人）`,
          'proposal.support',
          { requestId, proposalId: support.proposalId, support: support.supportedByMe ? 'false' : 'true' },
          // The typed draft comes along, so the form comes back as it was.
          { submitsInputs: true },
        ),
      ],
      { spacing: 'None' },
    ),
  ];
};

const similarBox = (
  similar: readonly SimilarProposal[],
  hiddenCount: number,
  requestId: string,
): CardElement =>
  container(
    [
      textBlock('🔎 似ている提案があります', { weight: 'Bolder', size: 'Medium' }),
      textBlock(
        '同じ趣旨の提案がすでに出ているかもしれません。内容を確認し、このまま提出するか、入力を修正してもう一度確認してください。',
        { spacing: 'Small' },
      ),
      ...similar
        .slice(0, maxSimilarShown)
        .flatMap((item, index) => [
          columnSet(
            [
              { width: 'auto', items: [textBlock(item.number, { isSubtle: true })] },
              { items: [textBlock(item.title, { weight: 'Bolder' })] },
              { width: 'auto', items: [textBlock(item.statusLabel, { color: 'Accent' })] },
            ],
            index === 0 ? { spacing: 'Medium' } : { spacing: 'Small', separator: true },
          ),
          ...supportButton(item, requestId),
        ]),
      ...(hiddenCount > 0
        ? [
            textBlock(
              similar.length > 0
                ? `ほかに類似の提案が${hiddenCount}件あります（非公開）`
                : `類似の提案が${hiddenCount}件あります（非公開）`,
              { isSubtle: true, spacing: 'Small' },
            ),
          ]
        : []),
    ],
    { style: 'warning', spacing: 'Medium' },
  );

/** An input followed by its error message, if the last submit had one. */
type FieldOf = (id: ProposalFormField, element: CardElement) => CardElement[];

/** What the proposal says: title, body, category and expected effect. */
const proposalFields = (input: ProposalFormCardInput, values: FormValues, field: FieldOf): CardElement[] => [
  ...field(
    'title',
    textInput({
      id: 'title',
      label: '件名',
      value: values.title,
      isRequired: true,
      maxLength: proposalLimits.title,
      placeholder: `例：会議資料のペーパーレス化（${proposalLimits.title}文字以内）`,
      errorMessage: `件名を${proposalLimits.title}文字以内で入力してください。`,
    }),
  ),
  ...field(
    'body',
    textInput({
      id: 'body',
      label: '提案内容',
      value: values.body,
      isRequired: true,
      isMultiline: true,
      maxLength: proposalLimits.body,
      placeholder: `現状の課題と、どのように改善したいかを具体的に書いてください（${proposalLimits.body}文字以内）。`,
      errorMessage: `提案内容を${proposalLimits.body}文字以内で入力してください。`,
    }),
  ),
  ...field(
    'category',
    choiceSetInput({
      id: 'category',
      label: '分類',
      value: values.category,
      isRequired: true,
      placeholder: '分類を選んでください',
      errorMessage: '分類を選んでください。',
      choices: input.categories.map((category) => ({ title: category.label, value: category.value })),
    }),
  ),
  ...field(
    'expectedEffect',
    textInput({
      id: 'expectedEffect',
      label: '期待される効果（任意）',
      value: values.expectedEffect,
      isMultiline: true,
      maxLength: proposalLimits.expectedEffect,
      placeholder: '例：印刷と配布の時間が月10時間ほど減ります。',
      errorMessage: `期待される効果は${proposalLimits.expectedEffect}文字以内で入力してください。`,
    }),
  ),
];

/**
 * Who else proposes and which priority projects it serves; each is left out when it cannot be filled
 * (no people picker without the directory, no projects chosen for the year).
 */
const peopleAndProjectFields = (
  input: ProposalFormCardInput,
  values: FormValues,
  field: FieldOf,
): CardElement[] => [
  ...(input.peoplePicker
    ? field(
        'coProposerIds',
        peoplePickerInput({
          id: 'coProposerIds',
          label: `共同提案者（任意・${proposalLimits.coProposers}人まで）`,
          value: values.coProposerIds,
          isMultiSelect: true,
          placeholder: '名前で検索',
          ...(input.coProposers ? { people: input.coProposers } : {}),
        }),
      )
    : []),
  ...(input.projects.length > 0
    ? field(
        'priorityProjectIds',
        choiceSetInput({
          id: 'priorityProjectIds',
          label: `関連する重点案件（${input.fiscalYearLabel}・任意）`,
          value: values.priorityProjectIds,
          placeholder: '関連する案件があれば選んでください',
          choices: input.projects.map((project) => ({ title: project.label, value: project.id })),
        }),
      )
    : []),
];

/** Submit and check; once similar proposals were shown, submitting confirms the user has seen them. */
const formActions = (requestId: string, similarShown: boolean): CardAction[] =>
  similarShown
    ? [
        executeAction(
          'このまま提出する',
          'proposal.submit',
          { requestId, confirmSimilar: 'true' },
          { style: 'positive', submitsInputs: true },
        ),
        executeAction('修正して再確認', 'proposal.check', { requestId }, { submitsInputs: true }),
      ]
    : [
        executeAction(
          '提出する',
          'proposal.submit',
          { requestId },
          { style: 'positive', submitsInputs: true },
        ),
        executeAction('類似の提案を確認', 'proposal.check', { requestId }, { submitsInputs: true }),
      ];

/**
 * The proposal form. Errors appear at the top and under their fields, every value typed is kept, and
 * when similar proposals were found the user either submits anyway or edits and checks again.
 */
export const proposalFormCard = (input: ProposalFormCardInput): AdaptiveCard => {
  const values: FormValues = input.values ?? {};
  const errors = errorMap(input.errors);
  const similar = input.similar ?? [];
  const hiddenSimilarCount = input.hiddenSimilarCount ?? 0;
  const anySimilar = similar.length > 0 || hiddenSimilarCount > 0;
  const field: FieldOf = (id, element) => [element, ...fieldError(errors.get(id))];

  const body: CardElement[] = [
    heading('💡 職員提案'),
    textBlock(
      '業務の見直しや働き方のアイデアを推進室に届けます。提出後の状況と回答は「自分の提案」で確認できます。',
      { isSubtle: true, spacing: 'Small' },
    ),
    ...errorSummary(errors),
    ...(anySimilar ? [similarBox(similar, hiddenSimilarCount, input.requestId)] : []),
    ...proposalFields(input, values, field),
    ...peopleAndProjectFields(input, values, field),
  ];
  return adaptiveCard(body, { actions: formActions(input.requestId, anySimilar), fullWidth: true });
};
