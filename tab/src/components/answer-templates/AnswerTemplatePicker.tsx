import { Field, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { fillAnswerTemplate } from '#shared/answer-template';
import type { ProposalDto } from '#shared/proposal';
import { listAnswerTemplates } from '../../api/answer-templates';
import { useApiQuery } from '../../hooks/useApiQuery';

/**
 * 定型回答 in the status dialog: picking one puts its text, filled in for this proposal ({提案番号},
 * {件名}, {所管課}, {提案者}), into the answer, where the office edits it before saving.
 */
export const AnswerTemplatePicker = ({
  proposal,
  onPick,
}: {
  proposal: ProposalDto;
  onPick(answer: string): void;
}) => {
  const templates = useApiQuery(['answer-templates', false], (api, signal) =>
    listAnswerTemplates(api, false, signal),
  );
  const [picked, setPicked] = useState('');
  const items = templates.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Field label="定型回答" hint="選ぶと回答欄に入ります。保存する前に編集できます。">
      <Select
        value={picked}
        onChange={(_event, data) => {
          setPicked(data.value);
          const template = items.find((item) => item.id === data.value);
          if (!template) return;
          onPick(
            fillAnswerTemplate(template.body, {
              提案番号: proposal.number,
              件名: proposal.title,
              所管課: proposal.responsibleDivision?.name,
              提案者: proposal.proposer?.displayName ?? proposal.proposerName,
            }),
          );
        }}
      >
        <option value="">（選んでください）</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.title}
          </option>
        ))}
      </Select>
    </Field>
  );
};
