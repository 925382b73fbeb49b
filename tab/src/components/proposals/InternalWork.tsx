import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  Text,
  Textarea,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import { horizonLabels, horizons, proposalLimits, type Horizon, type ProposalDto } from '#shared/proposal';
import { proposalStatusLabels } from '#shared/proposal-status';
import type { CurrentUserDto } from '#shared/tab-api';
import {
  addInternalNote,
  approveAnswerDraft,
  getAnswerDraft,
  saveAnswerDraft,
  setProposalHandling,
} from '../../api/proposal-internal';
import { isOffice } from '../../auth/session-context';
import { formatDateTime } from '../../format/date-time';
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
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  draft: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** Statuses a draft may propose (「その他」 needs a reason the office sets). */
const draftStatuses = ['received', 'under_consideration', 'settled', 'realised'] as const;
type DraftStatus = (typeof draftStatuses)[number];

/** The office, or a liaison (所管課担当) of the proposal's 所管課 (the server decides again). */
export const canWorkInternally = (user: CurrentUserDto, proposal: ProposalDto): boolean =>
  isOffice(user) ||
  (proposal.responsibleDivision !== null &&
    user.liaisonDivisionIds.includes(proposal.responsibleDivision.id));

interface WorkProps {
  proposal: ProposalDto;
  onChanged(proposal: ProposalDto | undefined): void;
  onSuccess(message: string): void;
}

/** 内部メモを追加: kept in the history for the office and the 所管課 only. */
const NoteForm = ({ proposal, onChanged, onSuccess }: WorkProps) => {
  const [body, setBody] = useState('');
  const save = useAction((api, text: string) => addInternalNote(api, proposal.id, { body: text }));
  const submit = async () => {
    if (!body.trim() || !(await save.run(body))) return;
    setBody('');
    onSuccess('内部メモを残しました。');
    onChanged(undefined);
  };
  return (
    <>
      <Field label="内部メモを追加" hint="推進室と所管課の担当者だけが見られます。提案者には表示されません。">
        <Textarea
          value={body}
          maxLength={1000}
          rows={2}
          resize="vertical"
          onChange={(_e, d) => setBody(d.value)}
        />
      </Field>
      <div>
        <Button disabled={!body.trim() || save.running} onClick={() => void submit()}>
          メモを残す
        </Button>
      </div>
      {save.error !== undefined && <ActionError error={save.error} title="内部メモを残せませんでした" />}
    </>
  );
};

/** 期間 and 実現目標日: the 所管課's plan, shown to whoever sees the proposal. */
const HandlingForm = ({ proposal, onChanged, onSuccess }: WorkProps) => {
  const styles = useStyles();
  const [horizon, setHorizon] = useState<Horizon | ''>(proposal.horizon ?? '');
  const [targetOn, setTargetOn] = useState(proposal.targetOn ?? '');
  const save = useAction((api) =>
    setProposalHandling(api, proposal.id, {
      version: proposal.version,
      horizon: horizon || null,
      targetOn: targetOn || null,
    }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (!saved) return;
    onSuccess('期間と実現目標日を保存しました。');
    onChanged(saved);
  };
  return (
    <div className={styles.block}>
      <div className={styles.row}>
        <Field label="期間">
          <Select value={horizon} onChange={(_e, d) => setHorizon(d.value as Horizon | '')}>
            <option value="">（未定）</option>
            {horizons.map((value) => (
              <option key={value} value={value}>
                {horizonLabels[value]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="実現目標日">
          <Input type="date" value={targetOn} onChange={(_e, d) => setTargetOn(d.value)} />
        </Field>
        <Button disabled={save.running} onClick={() => void submit()}>
          期間・目標日を保存
        </Button>
      </div>
      {save.error !== undefined && <ActionError error={save.error} title="保存できませんでした" />}
    </div>
  );
};

/** The draft waiting for the office, as the liaison left it. */
const CurrentDraft = ({ draft }: { draft: NonNullable<ReturnType<typeof useDraft>['data']>['draft'] }) => {
  const styles = useStyles();
  if (!draft) return <Text className={styles.muted}>推進室の承認を待つ回答案はありません。</Text>;
  return (
    <div className={styles.block}>
      <Text weight="semibold">推進室の承認待ちの回答案</Text>
      <Text size={200} className={styles.muted}>
        {draft.author.displayName}・{formatDateTime(draft.updatedAt)}
        {draft.status && `・状態の案: ${proposalStatusLabels[draft.status]}`}
      </Text>
      {draft.answer && <p className={styles.draft}>{draft.answer}</p>}
    </div>
  );
};

const useDraft = (proposalId: string) =>
  useApiQuery(['proposal-draft', proposalId], (api, signal) => getAnswerDraft(api, proposalId, signal));

/** The office approves the draft (signed or not): only this tells the proposer. */
const ApproveDraft = ({ proposal, onChanged, onSuccess, onDone }: WorkProps & { onDone(): void }) => {
  const [sign, setSign] = useState(false);
  const approve = useAction((api) =>
    approveAnswerDraft(api, proposal.id, { version: proposal.version, signAnswer: sign }),
  );
  const submit = async () => {
    const saved = await approve.run();
    if (!saved) return;
    onSuccess('回答案を承認し、提案者に伝えました。');
    onDone();
    onChanged(saved);
  };
  return (
    <>
      <Checkbox
        label="回答に氏名を署名する"
        checked={sign}
        onChange={(_e, d) => setSign(d.checked === true)}
      />
      <div>
        <Button appearance="primary" disabled={approve.running} onClick={() => void submit()}>
          回答案を承認して提案者に伝える
        </Button>
      </div>
      {approve.error !== undefined && <ActionError error={approve.error} title="承認できませんでした" />}
    </>
  );
};

/** 回答案: the liaison drafts status and answer; the office approves (or edits in 「状態を変更」). */
const DraftSection = ({ user, ...props }: WorkProps & { user: CurrentUserDto }) => {
  const styles = useStyles();
  const draft = useDraft(props.proposal.id);
  const [status, setStatus] = useState<DraftStatus | ''>('');
  const [answer, setAnswer] = useState('');
  const save = useAction((api) =>
    saveAnswerDraft(api, props.proposal.id, { status: status || null, answer: answer.trim() || null }),
  );
  const submit = async () => {
    if (!(await save.run())) return;
    props.onSuccess('回答案を保存しました。推進室の承認後に提案者へ伝わります。');
    draft.reload();
    props.onChanged(undefined);
  };
  return (
    <div className={styles.block}>
      {draft.data && <CurrentDraft draft={draft.data.draft} />}
      {draft.error !== undefined && <ActionError error={draft.error} title="回答案を読み込めませんでした" />}
      {isOffice(user) && draft.data?.draft && <ApproveDraft {...props} onDone={draft.reload} />}
      <Field label="状態の案">
        <Select value={status} onChange={(_e, d) => setStatus(d.value as DraftStatus | '')}>
          <option value="">（変更しない）</option>
          {draftStatuses.map((value) => (
            <option key={value} value={value}>
              {proposalStatusLabels[value]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="回答案" hint="推進室が確認・承認してから提案者に伝わります。">
        <Textarea
          value={answer}
          maxLength={proposalLimits.answer}
          rows={3}
          resize="vertical"
          onChange={(_e, d) => setAnswer(d.value)}
        />
      </Field>
      <div>
        <Button disabled={(!status && !answer.trim()) || save.running} onClick={() => void submit()}>
          回答案を保存
        </Button>
      </div>
      {save.error !== undefined && <ActionError error={save.error} title="回答案を保存できませんでした" />}
    </div>
  );
};

/**
 * 「所管課・推進室の作業」: what only the office and the 所管課's liaisons see and do — internal notes,
 * the draft of the answer (approved by the office), 期間 and 実現目標日.
 */
export const InternalWork = ({ user, ...props }: WorkProps & { user: CurrentUserDto }) => {
  const styles = useStyles();
  const titleId = useId('internal-work');
  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        所管課・推進室の作業（提案者には表示されません）
      </h3>
      <HandlingForm key={`handling-${props.proposal.version}`} {...props} />
      <DraftSection user={user} {...props} />
      <NoteForm {...props} />
    </section>
  );
};
