import { Field, Input, makeStyles, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState } from 'react';
import {
  departmentMappingStateLabels,
  departmentMappingStates,
  masterDataReasonMaxLength,
  type DepartmentMappingDto,
  type DepartmentMappingState,
  type DepartmentMappingUpdateResultDto,
  type OrgDivisionDto,
} from '#shared/organisation';
import { setDepartmentMapping } from '../../api/org';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { divisionPath } from './org-tree';

const useStyles = makeStyles({ surface: { maxWidth: '560px' } });

/**
 * 部署名の対応付け (admins): an Entra department name to a division (its people get that 所属), or
 * 対象外 (their 所属 is left alone), or back to 確認待ち.
 */
export const MappingDialog = ({
  mapping,
  divisions,
  onClose,
  onDone,
}: {
  mapping: DepartmentMappingDto;
  divisions: OrgDivisionDto[];
  onClose(): void;
  onDone(result: DepartmentMappingUpdateResultDto): void;
}) => {
  const styles = useStyles();
  const [state, setState] = useState<DepartmentMappingState>(
    mapping.state === 'pending' ? 'mapped' : mapping.state,
  );
  const [divisionId, setDivisionId] = useState(mapping.division?.id ?? '');
  const [reason, setReason] = useState('');
  const save = useAction((api) =>
    setDepartmentMapping(api, mapping.id, {
      state,
      divisionId: state === 'mapped' ? divisionId : null,
      ...(reason.trim() ? { reason } : {}),
    }),
  );
  return (
    <FormDialog
      className={styles.surface}
      title={`部署名の対応付け: ${mapping.departmentName}`}
      onClose={onClose}
      onSubmit={async () => {
        const result = await save.run();
        if (result) onDone(result);
      }}
      submitLabel="保存する"
      busyLabel="保存しています…"
      busy={save.running}
      submitDisabled={state === 'mapped' && !divisionId}
    >
      <Field label="扱い">
        <RadioGroup value={state} onChange={(_e, data) => setState(data.value as DepartmentMappingState)}>
          {departmentMappingStates.map((value) => (
            <Radio key={value} value={value} label={departmentMappingStateLabels[value]} />
          ))}
        </RadioGroup>
      </Field>
      {state === 'mapped' && (
        <Field
          label="所属"
          required
          hint="この部署名の職員のうち、所属が未設定の人（と以前の対応先の人）はこの所属になります。"
        >
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
      )}
      <Field label="理由" hint={`任意。${masterDataReasonMaxLength}文字以内。変更履歴に残ります。`}>
        <Input
          value={reason}
          maxLength={masterDataReasonMaxLength}
          onChange={(_e, data) => setReason(data.value)}
        />
      </Field>
      {save.error !== undefined && <ActionError error={save.error} title="保存できませんでした" />}
    </FormDialog>
  );
};
