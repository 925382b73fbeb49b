import {
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import {
  assignableRoles,
  effectiveRolesOf,
  normalizeAssignableRoles,
  roleChangeReasonMaxLength,
  roleLabels,
  type AdminUserDto,
  type AssignableRole,
  type UserRolesUpdateRequest,
  type UserRolesUpdateResultDto,
} from '#shared/role-admin';
import { setUserRoles } from '../../api/role-admin';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { roleChangeSummary, rolesText } from './role-format';

const useStyles = makeStyles({
  surface: { maxWidth: '560px' },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  hint: { margin: `0 0 0 ${tokens.spacingHorizontalXXL}`, color: tokens.colorNeutralForeground3 },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  value: { margin: 0, overflowWrap: 'anywhere' },
  changes: { margin: 0, paddingLeft: '1.2em' },
});

const roleDescriptions: Record<AssignableRole, string> = {
  office: '提案の整理・回答、一括変更、統合、CSV の取込と出力、重点案件の管理ができます。',
  admin: '推進室の操作に加えて、この画面で権限を管理できます。',
};

/**
 * The dialog's state: the roles chosen (from the user's database roles at each opening), the reason,
 * the confirmation step and the request, sent with the roles the admin saw.
 */
const useRoleChange = (
  open: boolean,
  user: AdminUserDto,
  onDone: (result: UserRolesUpdateResultDto) => void,
) => {
  const [selected, setSelected] = useState<AssignableRole[]>(user.databaseRoles);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const update = useAction((api, body: UserRolesUpdateRequest) => setUserRoles(api, user.id, body));
  const { reset } = update;

  useEffect(() => {
    if (!open) return;
    setSelected(user.databaseRoles);
    setReason('');
    setConfirming(false);
    reset();
  }, [open, user, reset]);

  const submit = async () => {
    const result = await update.run({
      roles: selected,
      expectedRoles: user.databaseRoles,
      ...(reason.trim() ? { reason } : {}),
    });
    if (result) onDone(result);
  };

  return {
    selected,
    toggle: (role: AssignableRole, checked: boolean) =>
      setSelected((current) =>
        normalizeAssignableRoles(checked ? [...current, role] : current.filter((item) => item !== role)),
      ),
    changes: roleChangeSummary(user.databaseRoles, selected),
    /** The roles in effect after the change (Entra's included), staff left out. */
    afterwards: effectiveRolesOf(selected, user.entraRoles).filter(
      (role): role is AssignableRole => role !== 'staff',
    ),
    reason,
    setReason,
    confirming,
    confirm: () => setConfirming(true),
    back: () => {
      setConfirming(false);
      reset();
    },
    submit,
    running: update.running,
    error: update.error,
  };
};

type RoleChange = ReturnType<typeof useRoleChange>;

/** Roles granted in Entra cannot be taken away here; an account not yet linked gets them later. */
const AccountNotes = ({ user }: { user: AdminUserDto }) => (
  <>
    {user.entraRoles.length > 0 && (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          {`Entra で付与されている権限（${rolesText(user.entraRoles)}）はこの画面では外せません。` +
            'ここで外しても、Entra の割り当てが残る限りその権限は有効です。外すには、情報システムの担当者に' +
            ' Entra（エンタープライズ アプリケーションの「ユーザーとグループ」、または推進室のグループ）での変更を依頼してください。'}
        </MessageBarBody>
      </MessageBar>
    )}
    {!user.hasEntraAccount && (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          この人はまだ Teams でアプリを使っていないため、Entra
          のアカウントと結び付いていません。権限は、初めてアプリを使ったときから有効になります。
        </MessageBarBody>
      </MessageBar>
    )}
  </>
);

/** The first step: who, the assignable roles as check boxes, and what Entra decides instead. */
const RoleChoice = ({
  user,
  isSelf,
  change,
}: {
  user: AdminUserDto;
  isSelf: boolean;
  change: RoleChange;
}) => {
  const styles = useStyles();
  const hintIdPrefix = useId();
  const ownAdminLocked = isSelf && user.databaseRoles.includes('admin') && !user.entraRoles.includes('admin');
  return (
    <>
      <Text>
        {user.displayName}
        {user.email ? `（${user.email}）` : ''}
        {user.division ? ` ${user.division.name}` : ''}
      </Text>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>権限管理で割り当てる権限</legend>
        {assignableRoles.map((role) => {
          const locked = role === 'admin' && ownAdminLocked;
          const hintId = `${hintIdPrefix}-${role}`;
          return (
            <div key={role}>
              <Checkbox
                label={roleLabels[role]}
                checked={change.selected.includes(role)}
                disabled={locked}
                aria-describedby={hintId}
                onChange={(_event, data) => change.toggle(role, data.checked === true)}
              />
              <Text as="p" block size={200} id={hintId} className={styles.hint}>
                {locked
                  ? '自分自身の管理者権限は外せません。管理者をやめる場合は、ほかの管理者に外してもらってください。'
                  : roleDescriptions[role]}
              </Text>
            </div>
          );
        })}
      </fieldset>
      <AccountNotes user={user} />
    </>
  );
};

/** The second step: the change spelled out, an optional reason, and the failure if any. */
const RoleChangeConfirmation = ({
  user,
  change,
  onReload,
}: {
  user: AdminUserDto;
  change: RoleChange;
  onReload(): void;
}) => {
  const styles = useStyles();
  return (
    <>
      <dl className={styles.pair}>
        <dt className={styles.term}>対象者</dt>
        <dd className={styles.value}>{user.displayName}</dd>
        <dt className={styles.term}>変更内容</dt>
        <dd className={styles.value}>
          <ul className={styles.changes}>
            {change.changes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </dd>
        <dt className={styles.term}>変更後の権限</dt>
        <dd className={styles.value}>
          {rolesText(change.afterwards)}
          {user.entraRoles.length > 0 && `（うち Entra で付与: ${rolesText(user.entraRoles)}）`}
        </dd>
      </dl>
      <Text>
        変更は次の操作からすぐに反映され、変更した人と日時が権限の変更履歴に残ります（履歴は変更・削除できません）。
      </Text>
      <Field label="理由" hint={`任意。${roleChangeReasonMaxLength}文字以内。変更履歴に残ります。`}>
        <Input
          value={change.reason}
          maxLength={roleChangeReasonMaxLength}
          onChange={(_event, data) => change.setReason(data.value)}
        />
      </Field>
      {change.error !== undefined && (
        <ActionError error={change.error} title="権限を変更できませんでした" onReload={onReload} />
      )}
    </>
  );
};

/**
 * 権限の変更 (admins): the roles assigned here, chosen with check boxes, then confirmed. Roles from
 * Entra are shown but cannot be taken away here, and an admin cannot take away their own admin role
 * (the server refuses it too). Sent with the roles the admin saw, so a change made meanwhile by
 * another admin is not overwritten (409, with 「再読み込み」).
 */
export const RoleChangeDialog = ({
  open,
  user,
  isSelf,
  onClose,
  onDone,
}: {
  open: boolean;
  user: AdminUserDto;
  /** The signed-in admin themselves. */
  isSelf: boolean;
  onClose(): void;
  /** Changed (with the result), or a reload after a conflict (without). */
  onDone(result?: UserRolesUpdateResultDto): void;
}) => {
  const styles = useStyles();
  const change = useRoleChange(open, user, onDone);
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={change.confirming ? '権限の変更を確認' : '権限の変更'}
      onClose={onClose}
      // Only the button moves on or changes the roles: Enter in the reason box must not.
      form={false}
      {...(change.confirming
        ? {
            onSubmit: change.submit,
            submitLabel: '変更する',
            busyLabel: '変更しています…',
            busy: change.running,
            cancelLabel: '戻る',
            onCancel: change.back,
          }
        : { onSubmit: change.confirm, submitLabel: '次へ', submitDisabled: change.changes.length === 0 })}
    >
      {change.confirming ? (
        <RoleChangeConfirmation user={user} change={change} onReload={() => onDone()} />
      ) : (
        <RoleChoice user={user} isSelf={isSelf} change={change} />
      )}
    </FormDialog>
  );
};
