import { Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { masterDataLimits, type ProposalCategoryDto } from '#shared/master-data';
import { createCategory, updateCategory } from '../../api/master-data';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';

/** 分類を追加 (code and name) or rename one (its code stays: proposals keep it). */
export const CategoryDialog = ({
  editing,
  onClose,
  onSaved,
}: {
  editing: ProposalCategoryDto | undefined;
  onClose(): void;
  onSaved(category: ProposalCategoryDto): void;
}) => {
  const [code, setCode] = useState(editing?.code ?? '');
  const [label, setLabel] = useState(editing?.label ?? '');
  const save = useAction((api) =>
    editing ? updateCategory(api, editing.code, { label }) : createCategory(api, { code, label }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (saved) onSaved(saved);
  };
  return (
    <FormDialog
      title={editing ? `分類「${editing.label}」を編集` : '分類を追加'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="保存"
      busyLabel="保存しています…"
      busy={save.running}
    >
      <Field
        label="分類名"
        required
        hint={`${masterDataLimits.categoryLabel}文字以内。提案の画面や集計に表示されます。`}
      >
        <Input
          value={label}
          maxLength={masterDataLimits.categoryLabel}
          onChange={(_e, data) => setLabel(data.value)}
        />
      </Field>
      <Field
        label="コード"
        required={!editing}
        hint={
          editing
            ? 'コードは変更できません（登録済みの提案が使っています）。'
            : '半角英小文字・数字・-・_（例: telework）。後から変更できません。'
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
