import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  masterDataReasonMaxLength,
  type OrgDivisionDto,
  type StaffUserDto,
  type UserDivisionUpdateResultDto,
} from '#shared/organisation';
import { setUserDivision } from '../../api/org';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { divisionPath } from './org-tree';

const useStyles = makeStyles({ surface: { maxWidth: '560px' } });

/** Today in Tokyo as `YYYY-MM-DD` (the default 発令日). */
const todayInTokyo = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

/**
 * 所属の変更 (admins): the new division (active ones) and the 発令日. What the person proposed or sent
 * from that day counts for the new division; what came before keeps the division it was made in.
 */
export const UserDivisionDialog = ({
  user,
  divisions,
  onClose,
  onDone,
}: {
  user: StaffUserDto;
  divisions: OrgDivisionDto[];
  onClose(): void;
  onDone(result: UserDivisionUpdateResultDto): void;
}) => {
  const styles = useStyles();
  const [divisionId, setDivisionId] = useState(user.division?.isActive ? user.division.id : '');
  const [effectiveDate, setEffectiveDate] = useState(todayInTokyo);
  const [reason, setReason] = useState('');
  const save = useAction((api) =>
    setUserDivision(api, user.id, { divisionId, effectiveDate, ...(reason.trim() ? { reason } : {}) }),
  );
  return (
    <FormDialog
      className={styles.surface}
      title={`所属の変更: ${user.displayName}`}
      onClose={onClose}
      onSubmit={async () => {
        const result = await save.run();
        if (result) onDone(result);
      }}
      submitLabel="変更する"
      busyLabel="変更しています…"
      busy={save.running}
      submitDisabled={!divisionId || !effectiveDate}
    >
      <Text>現在の所属: {user.division?.name ?? '未設定'}</Text>
      <Field label="新しい所属" required>
        <Select value={divisionId} onChange={(_e, data) => setDivisionId(data.value)}>
          <option value="">選んでください</option>
          {divisions
            .filter((division) => division.isActive)
            .map((division) => (
              <option key={division.id} value={division.id}>
                {divisionPath(division, divisions)}
              </option>
            ))}
        </Select>
      </Field>
      <Field label="発令日" required hint="今日以前の日付。">
        <Input type="date" value={effectiveDate} onChange={(_e, data) => setEffectiveDate(data.value)} />
      </Field>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          発令日以降にこの人が出した提案・送ったスタンプ・受け取ったスタンプは新しい所属で集計されます。発令日より前のものは、その時点の所属のまま変わりません。
        </MessageBarBody>
      </MessageBar>
      <Field label="理由" hint={`任意。${masterDataReasonMaxLength}文字以内。変更履歴に残ります。`}>
        <Input
          value={reason}
          maxLength={masterDataReasonMaxLength}
          onChange={(_e, data) => setReason(data.value)}
        />
      </Field>
      {save.error !== undefined && <ActionError error={save.error} title="所属を変更できませんでした" />}
    </FormDialog>
  );
};
