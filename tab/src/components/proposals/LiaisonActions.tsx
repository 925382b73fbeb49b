import { Button, Field, makeStyles, Select, Text, Textarea, tokens, useId } from '@fluentui/react-components';
import { Note20Regular, Save20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { proposalLimits, type ProposalDto } from '#shared/proposal';
import { proposalStatusLabels, type ProposalStatus } from '#shared/proposal-status';
import type { CurrentUserDto } from '#shared/tab-api';
import { addInternalNote, getAnswerDraft, saveAnswerDraft } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../ActionError';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'stretch' },
  button: { alignSelf: 'flex-start' },
});

/** The statuses a draft may propose (「その他」 needs the office's reason, so it is not offered). */
const draftStatuses = ['received', 'under_consideration', 'settled', 'realised'] as const;
type DraftStatus = (typeof draftStatuses)[number];
const asDraftStatus = (value: ProposalStatus | null | undefined): DraftStatus | '' =>
  draftStatuses.find((status) => status === value) ?? '';

/** Whether the user is a liaison (所管課担当) of the proposal's 所管課 (the server decides anyway). */
export const isLiaisonOfProposal = (user: CurrentUserDto, proposal: ProposalDto): boolean =>
  proposal.responsibleDivision !== null && user.liaisonDivisionIds.includes(proposal.responsibleDivision.id);

const NoteForm = ({ proposal, onSaved }: { proposal: ProposalDto; onSaved(message: string): void }) => {
  const styles = useStyles();
  const [body, setBody] = useState('');
  const note = useAction((api, text: string) => addInternalNote(api, proposal.id, text));
  const submit = async () => {
    if (!body.trim()) return;
    if (await note.run(body.trim())) {
      setBody('');
      onSaved('内部メモを追加しました。');
    }
  };
  return (
    <div className={styles.form}>
      <Field label="内部メモ" hint="推進室と所管課の担当者だけが見られます。提案者には表示されません。">
        <Textarea value={body} maxLength={1000} rows={3} onChange={(_event, data) => setBody(data.value)} />
      </Field>
      {note.error !== undefined && <ActionError error={note.error} title="メモを追加できませんでした" />}
      <Button
        className={styles.button}
        icon={<Note20Regular />}
        disabled={!body.trim() || note.running}
        onClick={() => void submit()}
      >
        {note.running ? '追加しています…' : 'メモを追加'}
      </Button>
    </div>
  );
};

const DraftForm = ({ proposal, onSaved }: { proposal: ProposalDto; onSaved(message: string): void }) => {
  const styles = useStyles();
  const statusId = useId('draft-status');
  const saved = useApiQuery(['proposal-draft', proposal.id], (api, signal) =>
    getAnswerDraft(api, proposal.id, signal),
  );
  const current = saved.data?.draft ?? null;
  const [status, setStatus] = useState<DraftStatus | ''>(asDraftStatus(current?.status));
  const [answer, setAnswer] = useState(current?.answer ?? '');
  const [loadedFor, setLoadedFor] = useState<string | undefined>();
  // Fill the form once with the saved draft when it arrives.
  if (saved.data && loadedFor !== current?.updatedAt) {
    setLoadedFor(current?.updatedAt);
    setStatus(asDraftStatus(current?.status));
    setAnswer(current?.answer ?? '');
  }
  const save = useAction((api) =>
    saveAnswerDraft(api, proposal.id, { ...(status ? { status } : {}), answer: answer.trim() || null }),
  );
  const submit = async () => {
    if (await save.run()) {
      saved.reload();
      onSaved('回答案を保存しました。推進室の承認を待ちます。');
    }
  };
  return (
    <div className={styles.form}>
      {current && (
        <Text size={200}>
          保存済みの回答案（{current.author.displayName}、推進室の承認待ち）。承認されると提案者に伝わります。
        </Text>
      )}
      <Field label="回答案の状態">
        <Select
          id={statusId}
          value={status}
          onChange={(_event, data) => setStatus(asDraftStatus(data.value as ProposalStatus))}
        >
          <option value="">変更しない</option>
          {draftStatuses.map((value) => (
            <option key={value} value={value}>
              {proposalStatusLabels[value]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="回答案" hint="推進室が確認してから提案者に伝えます。">
        <Textarea
          value={answer}
          maxLength={proposalLimits.answer}
          rows={4}
          onChange={(_event, data) => setAnswer(data.value)}
        />
      </Field>
      {save.error !== undefined && <ActionError error={save.error} title="回答案を保存できませんでした" />}
      <Button
        className={styles.button}
        appearance="primary"
        icon={<Save20Regular />}
        disabled={(!status && !answer.trim()) || save.running}
        onClick={() => void submit()}
      >
        {save.running ? '保存しています…' : '回答案を保存'}
      </Button>
    </div>
  );
};

/**
 * 所管課の作業: for a liaison of the proposal's 所管課, an internal note and the draft of the answer and
 * status for the office to approve. Nothing here reaches the proposer; the server enforces who may.
 */
export const LiaisonActions = ({
  proposal,
  onChanged,
  onSuccess,
}: {
  proposal: ProposalDto;
  onChanged(): void;
  onSuccess(message: string): void;
}) => {
  const styles = useStyles();
  const titleId = useId('liaison-actions');
  const saved = (message: string) => {
    onSuccess(message);
    onChanged();
  };
  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        所管課の作業（{proposal.responsibleDivision?.name}）
      </h3>
      <NoteForm proposal={proposal} onSaved={saved} />
      <DraftForm proposal={proposal} onSaved={saved} />
    </section>
  );
};
