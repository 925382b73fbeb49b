import { Field, Input, makeStyles, Select, Switch } from '@fluentui/react-components';
import { useState } from 'react';
import {
  divisionCodeMaxLength,
  divisionKindLabels,
  divisionKinds,
  divisionNameMaxLength,
  masterDataReasonMaxLength,
  type DivisionKind,
  type OrgDivisionDto,
} from '#shared/organisation';
import { createDivision, updateDivision } from '../../api/org';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { divisionPath } from './org-tree';

const useStyles = makeStyles({ surface: { maxWidth: '560px' } });

interface DivisionForm {
  code: string;
  name: string;
  kind: DivisionKind;
  parentId: string;
  sortOrder: string;
  isActive: boolean;
  reason: string;
}

const formOf = (division: OrgDivisionDto | undefined): DivisionForm => ({
  code: division?.code ?? '',
  name: division?.name ?? '',
  kind: division?.kind ?? 'division',
  parentId: division?.parent?.id ?? '',
  sortOrder: String(division?.sortOrder ?? 0),
  isActive: division?.isActive ?? true,
  reason: '',
});

/** The request: a new division whole, an existing one only what changed (the server records that). */
const bodyOf = (form: DivisionForm, division: OrgDivisionDto | undefined) => {
  const fields = {
    code: form.code,
    name: form.name,
    kind: form.kind,
    parentId: form.parentId || null,
    sortOrder: Number(form.sortOrder),
  };
  const reason = form.reason.trim() ? { reason: form.reason } : {};
  if (!division) return { ...fields, ...reason };
  const before = {
    ...formOf(division),
    parentId: division.parent?.id ?? null,
    sortOrder: division.sortOrder,
  };
  const changed = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => before[key as keyof typeof before] !== value),
  );
  return {
    ...changed,
    ...(form.isActive !== division.isActive ? { isActive: form.isActive } : {}),
    ...reason,
  };
};

type SetField = <K extends keyof DivisionForm>(key: K, value: DivisionForm[K]) => void;

/** The division's own fields; the parent is any active division other than itself. */
const DivisionFields = ({
  form,
  set,
  division,
  divisions,
}: {
  form: DivisionForm;
  set: SetField;
  division: OrgDivisionDto | undefined;
  divisions: OrgDivisionDto[];
}) => {
  const parents = divisions.filter((candidate) => candidate.isActive && candidate.id !== division?.id);
  return (
    <>
      <Field
        label="組織名"
        required
        hint="名称を変えても、過去の提案やスタンプの集計はこの組織のまま新しい名称で表示されます。"
      >
        <Input
          value={form.name}
          maxLength={divisionNameMaxLength}
          onChange={(_e, data) => set('name', data.value)}
        />
      </Field>
      <Field label="組織コード" required hint="人事システムのコードなど（半角英数字）">
        <Input
          value={form.code}
          maxLength={divisionCodeMaxLength}
          onChange={(_e, data) => set('code', data.value)}
        />
      </Field>
      <Field label="種類">
        <Select value={form.kind} onChange={(_e, data) => set('kind', data.value as DivisionKind)}>
          {divisionKinds.map((kind) => (
            <option key={kind} value={kind}>
              {divisionKindLabels[kind]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="上位組織">
        <Select value={form.parentId} onChange={(_e, data) => set('parentId', data.value)}>
          <option value="">なし（最上位）</option>
          {parents.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {divisionPath(candidate, divisions)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="表示順" hint="小さいほど上に表示されます。">
        <Input
          type="number"
          min={0}
          value={form.sortOrder}
          onChange={(_e, data) => set('sortOrder', data.value)}
        />
      </Field>
      {division && (
        <Field
          label="状態"
          hint="廃止すると新しい所属や所管課には選べなくなります。これまでの提案・スタンプと集計はそのまま残ります。"
        >
          <Switch
            checked={form.isActive}
            label={form.isActive ? '有効' : '廃止'}
            onChange={(_e, data) => set('isActive', data.checked)}
          />
        </Field>
      )}
    </>
  );
};

/**
 * 組織の追加・編集 (admins): code, name, kind, parent (active divisions other than itself), display
 * order, and for an existing one 有効／廃止. A rename keeps the division (its statistics show under
 * the new name); retiring keeps what it had and offers it for nothing new.
 */
export const DivisionDialog = ({
  division,
  divisions,
  onClose,
  onDone,
}: {
  /** Undefined to add a new division. */
  division: OrgDivisionDto | undefined;
  divisions: OrgDivisionDto[];
  onClose(): void;
  onDone(saved: OrgDivisionDto): void;
}) => {
  const styles = useStyles();
  const [form, setForm] = useState(() => formOf(division));
  const save = useAction((api, body: ReturnType<typeof bodyOf>) =>
    division ? updateDivision(api, division.id, body) : createDivision(api, body as never),
  );
  const set = <K extends keyof DivisionForm>(key: K, value: DivisionForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  return (
    <FormDialog
      className={styles.surface}
      title={division ? `組織の編集: ${division.name}` : '組織の追加'}
      onClose={onClose}
      onSubmit={async () => {
        const saved = await save.run(bodyOf(form, division));
        if (saved) onDone(saved);
      }}
      submitLabel={division ? '保存する' : '追加する'}
      busyLabel="保存しています…"
      busy={save.running}
    >
      <DivisionFields form={form} set={set} division={division} divisions={divisions} />
      <Field label="理由" hint={`任意。${masterDataReasonMaxLength}文字以内。変更履歴に残ります。`}>
        <Input
          value={form.reason}
          maxLength={masterDataReasonMaxLength}
          onChange={(_e, data) => set('reason', data.value)}
        />
      </Field>
      {save.error !== undefined && <ActionError error={save.error} title="保存できませんでした" />}
    </FormDialog>
  );
};
