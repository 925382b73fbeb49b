import { Field, Input, makeStyles, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useState } from 'react';
import {
  masterDataReasonMaxLength,
  type DivisionMergeResultDto,
  type OrgDivisionDto,
} from '#shared/organisation';
import { mergeDivision } from '../../api/org';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { divisionPath } from './org-tree';

const useStyles = makeStyles({ surface: { maxWidth: '560px' } });

/**
 * 組織の統合 (admins): everything of the division — its people, the proposals made in it or assigned
 * to it, stamps, 重点案件, child divisions, directory mappings — moves to the chosen division, whose
 * statistics then include them; the division is retired. Confirmed by the button only.
 */
export const DivisionMergeDialog = ({
  division,
  divisions,
  onClose,
  onDone,
}: {
  division: OrgDivisionDto;
  divisions: OrgDivisionDto[];
  onClose(): void;
  onDone(result: DivisionMergeResultDto): void;
}) => {
  const styles = useStyles();
  const [intoId, setIntoId] = useState('');
  const [reason, setReason] = useState('');
  const merge = useAction((api) =>
    mergeDivision(api, division.id, { intoId, ...(reason.trim() ? { reason } : {}) }),
  );
  const targets = divisions.filter((candidate) => candidate.isActive && candidate.id !== division.id);
  return (
    <FormDialog
      className={styles.surface}
      title={`組織の統合: ${division.name}`}
      onClose={onClose}
      form={false}
      onSubmit={async () => {
        const result = await merge.run();
        if (result) onDone(result);
      }}
      submitLabel="統合する"
      busyLabel="統合しています…"
      busy={merge.running}
      submitDisabled={!intoId}
    >
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          {`「${division.name}」の職員（${division.userCount}人）、この組織で出された提案と所管する提案、スタンプ、重点案件、配下の組織を、統合先の組織へすべて移します。` +
            '集計も統合先の組織に含まれるようになります。統合した組織は廃止され、元に戻せません。'}
        </MessageBarBody>
      </MessageBar>
      <Field label="統合先の組織" required>
        <Select value={intoId} onChange={(_e, data) => setIntoId(data.value)}>
          <option value="">選んでください</option>
          {targets.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {divisionPath(candidate, divisions)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="理由" hint={`任意。${masterDataReasonMaxLength}文字以内。変更履歴に残ります。`}>
        <Input
          value={reason}
          maxLength={masterDataReasonMaxLength}
          onChange={(_e, data) => setReason(data.value)}
        />
      </Field>
      {merge.error !== undefined && <ActionError error={merge.error} title="統合できませんでした" />}
    </FormDialog>
  );
};
