import { stampLimits, type StampKind } from '#shared';
import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { adaptiveCard, container, executeAction, heading, noticeData, textBlock } from './elements';
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
import { truncate } from './text';

/** Input ids; the keys of `StampSendSchema`. */
export const stampFormFields = ['recipientIds', 'kindCode', 'message', 'about'] as const;
export type StampFormField = (typeof stampFormFields)[number];

/** Up to this many kinds show as radio buttons; more become a drop-down. */
const maxExpandedKinds = 6;

export interface StampFormCardInput {
  /** Idempotency key: a retried or double-clicked 送る sends once. */
  requestId: string;
  /** The active kinds, in display order. */
  kinds: readonly StampKind[];
  values?: FormValues;
  errors?: FieldErrors;
  /** Teams' people picker (directory search). Without it, `fallbackRecipients` are offered. */
  peoplePicker: boolean;
  /** Known colleagues (id = the value the bot expects back) when the people picker is unavailable. */
  fallbackRecipients?: readonly { id: string; label: string }[];
  /** Names of already chosen recipients, so the picker shows them when the form comes back. */
  recipients?: readonly PickedPerson[];
  /**
   * The post a message action 「この投稿にスタンプを贈る」 was used on (its text), shown above the form
   * and carried by 送る (`quote`, base64url) so a form shown again keeps it.
   */
  quote?: string | undefined;
  /**
   * A heading and lines in place of the usual ones (the thank-you invitation when a proposal is
   * realised: 「所管課にお礼を伝えませんか」).
   */
  intro?: { heading: string; lines: readonly string[] } | undefined;
}

const quoteLength = 200;

const recipientsField = (input: StampFormCardInput, value: string | undefined): CardElement[] => {
  const common = {
    id: 'recipientIds',
    label: '宛先',
    value,
    isRequired: true,
    isMultiSelect: true,
    errorMessage: '宛先を選んでください。',
  };
  if (input.peoplePicker) {
    return [
      peoplePickerInput({
        ...common,
        placeholder: `名前で検索（${stampLimits.recipients}人まで）`,
        ...(input.recipients ? { people: input.recipients } : {}),
      }),
    ];
  }
  const colleagues = input.fallbackRecipients ?? [];
  if (colleagues.length === 0) {
    return [
      textBlock('宛先', { weight: 'Bolder', spacing: 'Medium' }),
      textBlock('選べる宛先がまだありません。相手がこのアプリを使い始めると選べるようになります。', {
        isSubtle: true,
        spacing: 'Small',
      }),
    ];
  }
  return [
    choiceSetInput({
      ...common,
      style: 'filtered',
      placeholder: '名前で絞り込み',
      choices: colleagues.map((colleague) => ({ title: colleague.label, value: colleague.id })),
    }),
  ];
};

/** The message a stamp from a message action is about. */
const quoteBlock = (quote: string | undefined): CardElement[] =>
  quote
    ? [
        container(
          [
            textBlock('この投稿へのスタンプです', { isSubtle: true, size: 'Small' }),
            textBlock(truncate(quote, quoteLength), { spacing: 'Small' }),
          ],
          { style: 'emphasis', spacing: 'Medium' },
        ),
      ]
    : [];

/** The stamp choice, or a notice when the organisation has no active kind. */
const kindField = (kinds: StampFormCardInput['kinds'], value: string | undefined): CardElement[] =>
  kinds.length > 0
    ? [
        choiceSetInput({
          id: 'kindCode',
          label: 'スタンプ',
          value,
          isRequired: true,
          errorMessage: 'スタンプを選んでください。',
          style: kinds.length <= maxExpandedKinds ? 'expanded' : 'compact',
          choices: kinds.map((kind) => ({ title: `${kind.emoji} ${kind.label}`, value: kind.code })),
        }),
      ]
    : [textBlock('いま送れるスタンプがありません。推進室にお問い合わせください。', { color: 'Attention' })];

/** アクションスタンプを送る: recipients, a stamp and an optional short message. */
export const stampFormCard = (input: StampFormCardInput): AdaptiveCard => {
  const values: FormValues = input.values ?? {};
  const errors = errorMap(input.errors);
  const kinds = input.kinds;
  const hasOneOnOne = kinds.some((kind) => kind.purpose === 'one_on_one');
  const kindValue =
    values.kindCode && kinds.some((kind) => kind.code === values.kindCode) ? values.kindCode : kinds[0]?.code;

  const intro = input.intro ?? {
    heading: '👏 アクションスタンプを送る',
    lines: ['同僚に感謝やねぎらいを伝えましょう。ひとことメッセージも添えられます。'],
  };
  const body: CardElement[] = [
    heading(intro.heading),
    ...intro.lines.map((line) => textBlock(line, { isSubtle: true, spacing: 'Small' })),
    ...quoteBlock(input.quote),
    ...errorSummary(errors),
    ...recipientsField(input, values.recipientIds),
    ...fieldError(errors.get('recipientIds')),
    ...kindField(kinds, kindValue),
    ...fieldError(errors.get('kindCode')),
    ...(hasOneOnOne
      ? [
          textBlock('「1on1」のスタンプを受け取った相手には、会議の日程を作るボタンが表示されます。', {
            isSubtle: true,
            size: 'Small',
            spacing: 'Small',
          }),
        ]
      : []),
    textInput({
      id: 'message',
      label: 'メッセージ（任意）',
      value: values.message,
      isMultiline: true,
      maxLength: stampLimits.message,
      placeholder: `例：資料作成を手伝ってくれてありがとうございました！（${stampLimits.message}文字以内）`,
      errorMessage: `メッセージは${stampLimits.message}文字以内で入力してください。`,
    }),
    ...fieldError(errors.get('message')),
    textInput({
      id: 'about',
      label: 'この提案・重点案件について（任意）',
      value: values.about,
      maxLength: 20,
      placeholder: '提案番号（例：R6-0012）または重点案件の番号（例：R6-1-2）',
    }),
    ...fieldError(errors.get('about')),
    textBlock(
      '提案や重点案件を入れたスタンプは、その提案のページにお礼として載ります（メッセージは相手とあなただけに表示されます）。',
      { isSubtle: true, size: 'Small', spacing: 'Small' },
    ),
  ];

  // Without a stamp or anyone to choose there is nothing to send: no button rather than a failing one.
  const canSend = kinds.length > 0 && (input.peoplePicker || (input.fallbackRecipients ?? []).length > 0);
  const actions: CardAction[] = canSend
    ? [
        executeAction(
          '送る',
          'stamp.send',
          {
            requestId: input.requestId,
            ...(input.quote ? { quote: noticeData({ text: input.quote }) } : {}),
          },
          { style: 'positive', submitsInputs: true },
        ),
      ]
    : [];
  return adaptiveCard(body, { actions, fullWidth: true });
};
