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
  const hintIdPrefix = useId();
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

  const ownAdminLocked = isSelf && user.databaseRoles.includes('admin') && !user.entraRoles.includes('admin');
  const changes = roleChangeSummary(user.databaseRoles, selected);
  const toggle = (role: AssignableRole, checked: boolean) =>
    setSelected((current) =>
      normalizeAssignableRoles(checked ? [...current, role] : current.filter((item) => item !== role)),
    );

  const submit = async () => {
    const result = await update.run({
      roles: selected,
      expectedRoles: user.databaseRoles,
      ...(reason.trim() ? { reason } : {}),
    });
    if (result) onDone(result);
  };

  const afterwards = effectiveRolesOf(selected, user.entraRoles).filter(
    (role): role is AssignableRole => role !== 'staff',
  );

  const body = confirming ? (
    <>
      <dl className={styles.pair}>
        <dt className={styles.term}>対象者</dt>
        <dd className={styles.value}>{user.displayName}</dd>
        <dt className={styles.term}>変更内容</dt>
        <dd className={styles.value}>
          <ul className={styles.changes}>
            {changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </dd>
        <dt className={styles.term}>変更後の権限</dt>
        <dd className={styles.value}>
          {rolesText(afterwards)}
          {user.entraRoles.length > 0 && `（うち Entra で付与: ${rolesText(user.entraRoles)}）`}
        </dd>
      </dl>
      <Text>
        変更は次の操作からすぐに反映され、変更した人と日時が権限の変更履歴に残ります（履歴は変更・削除できません）。
      </Text>
      <Field label="理由" hint={`任意。${roleChangeReasonMaxLength}文字以内。変更履歴に残ります。`}>
        <Input
          value={reason}
          maxLength={roleChangeReasonMaxLength}
          onChange={(_event, data) => setReason(data.value)}
        />
      </Field>
      {update.error !== undefined && (
        <ActionError error={update.error} title="権限を変更できませんでした" onReload={() => onDone()} />
      )}
    </>
  ) : (
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
                checked={selected.includes(role)}
                disabled={locked}
                aria-describedby={hintId}
                onChange={(_event, data) => toggle(role, data.checked === true)}
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

  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={confirming ? '権限の変更を確認' : '権限の変更'}
      onClose={onClose}
      // Only the button moves on or changes the roles: Enter in the reason box must not.
      form={false}
      {...(confirming
        ? {
            onSubmit: submit,
            submitLabel: '変更する',
            busyLabel: '変更しています…',
            busy: update.running,
            cancelLabel: '戻る',
            onCancel: () => {
              setConfirming(false);
              reset();
            },
          }
        : { onSubmit: () => setConfirming(true), submitLabel: '次へ', submitDisabled: changes.length === 0 })}
    >
      {body}
    </FormDialog>
  );
};
