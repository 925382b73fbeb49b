import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  tokens,
  useId,
} from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import {
  adoptionLimits,
  adoptionStateLabels,
  adoptionStates,
  adoptionStateShortLabels,
  type AdoptionDto,
  type AdoptionState,
  type ProposalAdoptionsDto,
} from '#shared/adoption';
import { tokyoIsoDate } from '#shared/fiscal-year';
import type { ProposalDto } from '#shared/proposal';
import { getProposalAdoptions, recordAdoption, removeAdoption } from '../../api/adoptions';
import { formatCalendarDate } from '../../format/date-time';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { ProposalThanks } from './ProposalThanks';
import { ErrorState, LoadingState } from '../StateViews';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  summary: { color: tokens.colorNeutralForeground2 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  division: { fontWeight: tokens.fontWeightSemibold },
  date: { color: tokens.colorNeutralForeground3 },
  note: { flexBasis: '100%', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  grow: { flexGrow: 1 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The dialog's starting values: the division's own record when it has one, else today's 導入した. */
const initialValues = (adoptions: ProposalAdoptionsDto, divisionId: string) => {
  const own = adoptions.items.find((item) => item.division.id === divisionId);
  return {
    state: own?.state ?? ('adopted' as AdoptionState),
    note: own?.note ?? '',
    adoptedOn: own?.adoptedOn ?? tokyoIsoDate(new Date()),
  };
};

type AdoptionValues = ReturnType<typeof initialValues>;

/** The state, the date and the note of a division's record. */
const AdoptionFields = ({
  values,
  onChange: setValues,
}: {
  values: AdoptionValues;
  onChange(values: AdoptionValues): void;
}) => (
  <>
    <Field label="状況" required>
      <RadioGroup
        value={values.state}
        onChange={(_event, data) => setValues({ ...values, state: data.value as AdoptionState })}
      >
        {adoptionStates.map((state) => (
          <Radio key={state} value={state} label={adoptionStateLabels[state]} />
        ))}
      </RadioGroup>
    </Field>
    <Field label={values.state === 'adopted' ? '導入日' : '検討を始めた日'} required>
      <Input
        type="date"
        value={values.adoptedOn}
        max={tokyoIsoDate(new Date())}
        onChange={(_event, data) => setValues({ ...values, adoptedOn: data.value })}
      />
    </Field>
    <Field
      label="ひとこと（任意）"
      hint={`${adoptionLimits.note}文字以内。提案者やほかの課の参考になります。`}
    >
      <Textarea
        value={values.note}
        maxLength={adoptionLimits.note}
        rows={3}
        placeholder="例：課内の定例会議をすべてTeamsで開くようにしました。"
        onChange={(_event, data) => setValues({ ...values, note: data.value })}
      />
    </Field>
  </>
);

/** 「うちの課でも導入した／導入を検討中」: the division, the state, a short note and the date. */
const AdoptionDialog = ({
  open,
  proposal,
  adoptions,
  onClose,
  onSaved,
}: {
  open: boolean;
  proposal: ProposalDto;
  adoptions: ProposalAdoptionsDto;
  onClose(): void;
  onSaved(result: ProposalAdoptionsDto): void;
}) => {
  const divisions = adoptions.recordableDivisions;
  const [divisionId, setDivisionId] = useState(divisions[0]?.id ?? '');
  const [values, setValues] = useState(() => initialValues(adoptions, divisionId));
  const save = useAction((api) =>
    recordAdoption(api, proposal.id, divisionId, {
      state: values.state,
      adoptedOn: values.adoptedOn,
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    }),
  );
  const { reset } = save;
  useEffect(() => {
    if (!open) return;
    const first = divisions[0]?.id ?? '';
    setDivisionId(first);
    setValues(initialValues(adoptions, first));
    reset();
    // Opening starts from the data as it is; typing does not reset it.
  }, [open, reset]);

  const chooseDivision = (id: string) => {
    setDivisionId(id);
    setValues(initialValues(adoptions, id));
  };
  const submit = async () => {
    const result = await save.run();
    if (result) onSaved(result);
  };
  return (
    <FormDialog
      open={open}
      title="うちの課でも導入した／導入を検討中"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="登録する"
      busyLabel="登録しています…"
      busy={save.running}
      submitDisabled={!divisionId}
    >
      <div>
        {proposal.number}「{proposal.title}
        」をあなたの課で導入した、または導入を検討していることを登録します。
        「導入した」は提案者に通知されます。
      </div>
      {divisions.length > 1 ? (
        <Field label="課" required>
          <Select value={divisionId} onChange={(_event, data) => chooseDivision(data.value)}>
            {divisions.map((division) => (
              <option key={division.id} value={division.id}>
                {division.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <Field label="課">
          <Text weight="semibold">{divisions[0]?.name}</Text>
        </Field>
      )}
      <AdoptionFields values={values} onChange={setValues} />
      {save.error !== undefined && <ActionError error={save.error} title="登録できませんでした" />}
    </FormDialog>
  );
};

const AdoptionItem = ({
  item,
  canRemove,
  busy,
  onRemove,
}: {
  item: AdoptionDto;
  canRemove: boolean;
  busy: boolean;
  onRemove(): void;
}) => {
  const styles = useStyles();
  return (
    <li className={styles.item}>
      <span className={styles.division}>{item.division.name}</span>
      <Badge appearance="tint" color={item.state === 'adopted' ? 'success' : 'informative'}>
        {adoptionStateShortLabels[item.state]}
      </Badge>
      <span className={styles.date}>{formatCalendarDate(item.adoptedOn)}</span>
      <span className={styles.grow} />
      {canRemove && (
        <Button
          appearance="subtle"
          size="small"
          disabled={busy}
          aria-label={`${item.division.name}の登録を取り消す`}
          onClick={onRemove}
        >
          取消
        </Button>
      )}
      {item.note && <span className={styles.note}>{item.note}</span>}
    </li>
  );
};

/**
 * 横展開 on a realised proposal: which divisions adopted it or are considering it, and (for those who
 * may record for a division) 「うちの課でも導入した／導入を検討中」. Hidden while the proposal is not
 * realised and nobody recorded anything.
 */
const AdoptionsSection = ({ proposal }: { proposal: ProposalDto }) => {
  const styles = useStyles();
  const titleId = useId('adoptions');
  const [dialogOpen, setDialogOpen] = useState(false);
  const query = useApiQuery(
    proposal.status === 'realised' ? ['proposal-adoptions', proposal.id, proposal.version] : null,
    (api, signal) => getProposalAdoptions(api, proposal.id, signal),
  );
  const [saved, setSaved] = useState<ProposalAdoptionsDto | undefined>();
  useEffect(() => setSaved(undefined), [query.data]);
  const remove = useAction((api, divisionId: string) => removeAdoption(api, proposal.id, divisionId));
  const adoptions = saved ?? query.data;

  if (proposal.status !== 'realised') return null;
  if (query.error !== undefined && !adoptions)
    return <ErrorState error={query.error} title="横展開を読み込めませんでした" onRetry={query.reload} />;
  if (!adoptions) return <LoadingState label="横展開を読み込んでいます…" />;
  if (!adoptions.open && adoptions.items.length === 0) return null;
  const recordable = new Set(adoptions.recordableDivisions.map((division) => division.id));

  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        横展開（ほかの課での導入）
      </h3>
      <Text className={styles.summary}>
        導入した課 {adoptions.adoptedCount} ／ 導入を検討中の課 {adoptions.consideringCount}
      </Text>
      {adoptions.items.length === 0 ? (
        <Text className={styles.muted}>まだ登録はありません。最初に導入した課になりませんか。</Text>
      ) : (
        <ul className={styles.list} aria-label="導入した課・検討中の課">
          {adoptions.items.map((item) => (
            <AdoptionItem
              key={item.id}
              item={item}
              canRemove={recordable.has(item.division.id)}
              busy={remove.running}
              onRemove={() => void remove.run(item.division.id).then((result) => result && setSaved(result))}
            />
          ))}
        </ul>
      )}
      {adoptions.open && adoptions.recordableDivisions.length > 0 && (
        <div className={styles.actions}>
          <Button icon={<Add20Regular />} onClick={() => setDialogOpen(true)}>
            うちの課でも導入した／導入を検討中
          </Button>
        </div>
      )}
      {remove.error !== undefined && <ActionError error={remove.error} title="取り消せませんでした" />}
      <AdoptionDialog
        open={dialogOpen}
        proposal={proposal}
        adoptions={adoptions}
        onClose={() => setDialogOpen(false)}
        onSaved={(result) => {
          setSaved(result);
          setDialogOpen(false);
        }}
      />
    </section>
  );
};

/**
 * What a proposal led to: 横展開 (divisions that adopted it) and the thanks (stamps about it). One
 * element for the detail panel.
 */
export const ProposalAdoptions = ({ proposal }: { proposal: ProposalDto }) => (
  <>
    <AdoptionsSection proposal={proposal} />
    <ProposalThanks proposal={proposal} />
  </>
);
