import { Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { masterDataLimits } from '#shared/master-data';
import type { StampKind, StampPurpose } from '#shared/stamp-kind';
import { createStampKind, updateStampKind } from '../../api/master-data';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { stampPurposeLabels } from './master-data-format';

/** スタンプを追加 or edit one: name, emoji and whether it is praise or the 1on1 invitation. */
export const StampKindDialog = ({
  editing,
  onClose,
  onSaved,
}: {
  editing: StampKind | undefined;
  onClose(): void;
  onSaved(kind: StampKind): void;
}) => {
  const [code, setCode] = useState(editing?.code ?? '');
  const [label, setLabel] = useState(editing?.label ?? '');
  const [emoji, setEmoji] = useState(editing?.emoji ?? '');
  const [purpose, setPurpose] = useState<StampPurpose>(editing?.purpose ?? 'appreciation');
  const save = useAction((api) =>
    editing
      ? updateStampKind(api, editing.code, { label, emoji, purpose })
      : createStampKind(api, { code, label, emoji, purpose }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (saved) onSaved(saved);
  };
  return (
    <FormDialog
      title={editing ? `スタンプ「${editing.label}」を編集` : 'スタンプを追加'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="保存"
      busyLabel="保存しています…"
      busy={save.running}
    >
      <Field label="スタンプ名" required hint={`${masterDataLimits.stampLabel}文字以内（例: ありがとう）`}>
        <Input
          value={label}
          maxLength={masterDataLimits.stampLabel}
          onChange={(_e, data) => setLabel(data.value)}
        />
      </Field>
      <Field label="絵文字" required hint="カードとダッシュボードに表示されます（例: 🙏）">
        <Input
          value={emoji}
          maxLength={masterDataLimits.emoji}
          onChange={(_e, data) => setEmoji(data.value)}
        />
      </Field>
      <Field label="用途" hint="「1on1のお誘い」にすると、受け取った人に1on1の案内として届きます。">
        <Select value={purpose} onChange={(_e, data) => setPurpose(data.value as StampPurpose)}>
          {(Object.keys(stampPurposeLabels) as StampPurpose[]).map((value) => (
            <option key={value} value={value}>
              {stampPurposeLabels[value]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="コード"
        required={!editing}
        hint={
          editing
            ? 'コードは変更できません（送信済みのスタンプが使っています）。'
            : '半角英小文字・数字・-・_（例: lunch-1on1）。後から変更できません。'
        }
      >
        <Input
          value={code}
          disabled={!!editing}
          maxLength={32}
          onChange={(_e, data) => setCode(data.value)}
        />
      </Field>
      {save.error !== undefined && <ActionError error={save.error} title="保存できませんでした" />}
    </FormDialog>
  );
};
