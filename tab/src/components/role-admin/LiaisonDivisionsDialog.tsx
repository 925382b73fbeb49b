import { Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AdminUserDto, LiaisonDivisionsDto } from '#shared/role-admin';
import { setLiaisonDivisions } from '../../api/role-admin';
import { useAction } from '../../hooks/useAction';
import { useDivisions } from '../../hooks/useReferenceData';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';

const useStyles = makeStyles({
  surface: { maxWidth: '560px' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    maxHeight: '320px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * 「所管課担当」: the divisions a person is the liaison of. A liaison sees every proposal assigned to
 * those divisions with its internal notes, adds notes and drafts answers that the office approves.
 */
export const LiaisonDivisionsDialog = ({
  open,
  user,
  onClose,
  onDone,
}: {
  open: boolean;
  user: AdminUserDto;
  onClose(): void;
  onDone(result: LiaisonDivisionsDto): void;
}) => {
  const styles = useStyles();
  const divisions = useDivisions();
  const [selected, setSelected] = useState<string[]>(user.liaisonDivisionIds);
  const save = useAction((api, divisionIds: string[]) => setLiaisonDivisions(api, user.id, { divisionIds }));
  const { reset } = save;
  useEffect(() => {
    if (!open) return;
    setSelected(user.liaisonDivisionIds);
    reset();
  }, [open, user, reset]);
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((value) => value !== id)));
  const submit = async () => {
    const result = await save.run(selected);
    if (result) onDone(result);
  };
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={`所管課担当（${user.displayName}さん）`}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="保存"
      busyLabel="保存しています…"
      busy={save.running}
    >
      <Text className={styles.muted}>
        選んだ課に割り当てられた提案を、非公開のものや内部メモも含めて見られるようになります。回答案は推進室が承認してから提案者に伝わります。
      </Text>
      <div role="group" aria-label="担当する課" className={styles.list}>
        {(divisions.data?.items ?? []).map((division) => (
          <Checkbox
            key={division.id}
            label={division.name}
            checked={selected.includes(division.id)}
            onChange={(_event, data) => toggle(division.id, data.checked === true)}
          />
        ))}
      </div>
      {save.error !== undefined && <ActionError error={save.error} title="保存できませんでした" />}
    </FormDialog>
  );
};

/**
 * The dialog with its state, for the page: `open(user)` shows it; after saving it reports a Japanese
 * confirmation through `onSaved` and closes.
 */
export const useLiaisonDialog = (onSaved: (message: string) => void) => {
  const [editing, setEditing] = useState<AdminUserDto>();
  // Kept after closing, so the dialog stays mounted and closes the way Fluent expects.
  const [shown, setShown] = useState<AdminUserDto>();
  const element = shown ? (
    <LiaisonDivisionsDialog
      open={editing !== undefined}
      user={shown}
      onClose={() => setEditing(undefined)}
      onDone={(result) => {
        setEditing(undefined);
        onSaved(
          result.divisions.length > 0
            ? `${shown.displayName}さんを${result.divisions.map((division) => division.name).join('、')}の所管課担当にしました。`
            : `${shown.displayName}さんは所管課担当ではなくなりました。`,
        );
      }}
    />
  ) : null;
  return {
    open: (user: AdminUserDto) => {
      setEditing(user);
      setShown(user);
    },
    element,
  };
};
