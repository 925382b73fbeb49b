import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { proposalLimits, type ProposalCategory, type ProposalDto } from '#shared/proposal';
import { editProposalContent } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { useCategories } from '../../hooks/useReferenceData';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';

const CategoryField = ({
  value,
  onChange,
}: {
  value: ProposalCategory;
  onChange(value: ProposalCategory): void;
}) => {
  // The office's current categories; a retired one stays selectable only where it is already chosen.
  const categories = (useCategories().data?.items ?? []).filter(
    (category) => category.isActive || category.code === value,
  );
  return (
    <Field label="分類">
      <Select value={value} onChange={(_event, data) => onChange(data.value)}>
        {categories.length === 0 && <option value={value}>{value}</option>}
        {categories.map((category) => (
          <option key={category.code} value={category.code}>
            {category.label}
          </option>
        ))}
      </Select>
    </Field>
  );
};

/** 内容を修正: the proposer corrects title, body and category while the proposal is 受付. */
export const EditContentDialog = ({
  open,
  proposal,
  onClose,
  onDone,
}: {
  open: boolean;
  proposal: ProposalDto;
  onClose(): void;
  onDone(saved: ProposalDto): void;
}) => {
  const [title, setTitle] = useState(proposal.title);
  const [body, setBody] = useState(proposal.body);
  const [category, setCategory] = useState<ProposalCategory>(proposal.category);
  const [submitted, setSubmitted] = useState(false);
  const save = useAction((api) =>
    editProposalContent(api, proposal.id, { version: proposal.version, title, body, category }),
  );
  const { reset } = save;
  useEffect(() => {
    if (!open) return;
    setTitle(proposal.title);
    setBody(proposal.body);
    setCategory(proposal.category);
    setSubmitted(false);
    reset();
  }, [open, proposal, reset]);

  const titleMissing = !title.trim();
  const bodyMissing = !body.trim();
  const submit = async () => {
    setSubmitted(true);
    if (titleMissing || bodyMissing) return;
    const saved = await save.run();
    if (saved) onDone(saved);
  };
  return (
    <FormDialog
      open={open}
      title="提案の内容を修正"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="修正を保存"
      busyLabel="保存しています…"
      busy={save.running}
    >
      <div>推進室が検討を始める前（受付の間）だけ修正できます。修正は履歴に残ります。</div>
      <Field
        label="件名"
        required
        validationMessage={submitted && titleMissing ? '件名を入力してください。' : undefined}
      >
        <Input
          value={title}
          maxLength={proposalLimits.title}
          onChange={(_event, data) => setTitle(data.value)}
        />
      </Field>
      <Field
        label="提案内容"
        required
        validationMessage={submitted && bodyMissing ? '提案内容を入力してください。' : undefined}
      >
        <Textarea
          value={body}
          maxLength={proposalLimits.body}
          rows={6}
          resize="vertical"
          onChange={(_event, data) => setBody(data.value)}
        />
      </Field>
      <CategoryField value={category} onChange={setCategory} />
      {save.error !== undefined && <ActionError error={save.error} title="修正を保存できませんでした" />}
    </FormDialog>
  );
};
