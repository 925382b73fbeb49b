import { splitCommaList } from '#shared';
import type { CardElement } from './adaptive-card';
import { container, textBlock } from './elements';

/**
 * Inputs of the form cards. Values come back as strings and are put back verbatim (never escaped:
 * an input shows its value literally), so a re-rendered form keeps everything the user typed.
 */

/** Field → Japanese message, as a record or as a list (the first message per field wins). */
export type FieldErrors =
  | Readonly<Record<string, string | undefined>>
  | readonly { readonly field: string; readonly message: string }[];

export type FormValues = Readonly<Record<string, string | undefined>>;

export interface Choice {
  title: string;
  value: string;
}

/** Normalises both error shapes into an ordered map; empty messages are dropped. */
export const errorMap = (errors: FieldErrors | undefined): Map<string, string> => {
  const entries = Array.isArray(errors)
    ? (errors as readonly { field: string; message: string }[]).map(
        (error) => [error.field, error.message] as const,
      )
    : Object.entries((errors ?? {}) as Record<string, string | undefined>);
  const map = new Map<string, string>();
  for (const [field, message] of entries) {
    if (message && !map.has(field)) map.set(field, message);
  }
  return map;
};

/** The red box at the top of a form that failed validation. */
export const errorSummary = (errors: Map<string, string>): CardElement[] =>
  errors.size === 0
    ? []
    : [
        container(
          [
            textBlock('⚠️ 入力内容を確認してください', { weight: 'Bolder', color: 'Attention' }),
            ...[...new Set(errors.values())].map((message) =>
              textBlock(`・${message}`, { color: 'Attention', spacing: 'Small' }),
            ),
          ],
          { style: 'attention', spacing: 'Medium' },
        ),
      ];

/** The message under a field, in red; nothing when the field is fine. */
export const fieldError = (message: string | undefined): CardElement[] =>
  message ? [textBlock(message, { color: 'Attention', size: 'Small', spacing: 'Small' })] : [];

interface InputBase {
  id: string;
  label: string;
  value?: string | undefined;
  isRequired?: boolean;
  /** Shown by Teams when its own validation (required, length) fails before sending. */
  errorMessage?: string;
  spacing?: 'Small' | 'Medium' | 'Large';
}

const base = (input: InputBase) => ({
  id: input.id,
  label: input.label,
  ...(input.isRequired ? { isRequired: true } : {}),
  ...(input.errorMessage ? { errorMessage: input.errorMessage } : {}),
  ...(input.value ? { value: input.value } : {}),
  spacing: input.spacing ?? 'Medium',
});

export const textInput = (
  input: InputBase & { maxLength: number; isMultiline?: boolean; placeholder?: string },
): CardElement => ({
  type: 'Input.Text',
  ...base(input),
  maxLength: input.maxLength,
  ...(input.isMultiline ? { isMultiline: true } : {}),
  ...(input.placeholder ? { placeholder: input.placeholder } : {}),
});

export const choiceSetInput = (
  input: InputBase & {
    choices: readonly Choice[];
    style?: 'compact' | 'expanded' | 'filtered';
    isMultiSelect?: boolean;
    placeholder?: string;
  },
): CardElement => ({
  type: 'Input.ChoiceSet',
  ...base(input),
  choices: input.choices.map((choice) => ({ title: choice.title, value: choice.value })),
  ...(input.style && input.style !== 'compact' ? { style: input.style } : {}),
  ...(input.isMultiSelect ? { isMultiSelect: true } : {}),
  ...(input.placeholder ? { placeholder: input.placeholder } : {}),
});

/** Someone already picked in a people picker; Teams needs a title to show the preselected person. */
export interface PickedPerson {
  id: string;
  name: string;
}

/**
 * Teams' people picker: an Input.ChoiceSet searching the organisation's directory; the value is the
 * chosen users' Entra object ids, comma-joined. Preselected ids are offered as choices so Teams can
 * show their names (a placeholder name when the caller does not know it) and nothing is lost.
 */
export const peoplePickerInput = (
  input: InputBase & { isMultiSelect?: boolean; placeholder?: string; people?: readonly PickedPerson[] },
): CardElement => {
  const ids = splitCommaList(input.value);
  const names = new Map((input.people ?? []).map((person) => [person.id, person.name]));
  return {
    type: 'Input.ChoiceSet',
    ...base({ ...input, value: ids.join(',') }),
    choices: ids.map((id) => ({ title: names.get(id) ?? '選択済みのユーザー', value: id })),
    'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    ...(input.isMultiSelect ? { isMultiSelect: true } : {}),
    ...(input.placeholder ? { placeholder: input.placeholder } : {}),
  };
};
