import { Checkbox, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AdminUserDto, LiaisonDivisionsDto } from '#shared/role-admin';
import { setLiaisonDivisions } from '../../api/role-admin';
import { useAction } from '../../hooks/useAction';
import { useDivisionName, useDivisions } from '../../hooks/useReferenceData';
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
 * What Entra groups decide instead: their divisions cannot be taken away here. One also assigned here
 * can be unassigned, as a role Entra also grants can (the group keeps the person its liaison).
 */
const EntraLiaisonNote = ({
  user,
  divisionName,
}: {
  user: AdminUserDto;
  divisionName(id: string): string;
}) => {
  const entra = user.entraLiaisonDivisionIds;
  if (entra.length === 0) return null;
  const alsoAssigned = entra.filter((id) => user.liaisonDivisionIds.includes(id));
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        {`Entra のグループで担当している課（この画面では外せません）: ${entra.map(divisionName).join('、')}。` +
          '外すには情報システムの担当者にグループの変更を依頼してください。' +
          (alsoAssigned.length > 0
            ? `${alsoAssigned.map(divisionName).join('、')}はこの画面でも担当に設定されています。` +
              'この画面で外しても、グループに属している間は担当のままです。'
            : '')}
      </MessageBarBody>
    </MessageBar>
  );
};

/**
 * 「所管課担当」: the divisions a person is the liaison of. A liaison sees every proposal assigned to
 * those divisions with its internal notes, adds notes and drafts answers that the office approves.
 * Divisions only an Entra group grants are shown checked and locked; saving sends only those assigned
 * here.
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
  const divisionName = useDivisionName();
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
        {(divisions.data?.items ?? []).map((division) => {
          const byEntra = user.entraLiaisonDivisionIds.includes(division.id);
          // Locked only when the group alone grants it: an assignment here can still be taken away.
          const onlyByEntra = byEntra && !user.liaisonDivisionIds.includes(division.id);
          return (
            <Checkbox
              key={division.id}
              label={byEntra ? `${division.name}（Entra）` : division.name}
              checked={onlyByEntra || selected.includes(division.id)}
              disabled={onlyByEntra}
              onChange={(_event, data) => toggle(division.id, data.checked === true)}
            />
          );
        })}
      </div>
      <EntraLiaisonNote user={user} divisionName={divisionName} />
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
            : shown.entraLiaisonDivisionIds.length > 0
              ? `${shown.displayName}さんの権限管理での所管課担当をなくしました（Entra のグループによる担当は残ります）。`
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
