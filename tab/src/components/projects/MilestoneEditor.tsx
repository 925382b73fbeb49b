import { Button, Checkbox, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { priorityProjectLimits, type MilestoneDto } from '#shared/priority-project';

const useStyles = makeStyles({
  group: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 10.5em auto auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    '@media (max-width: 560px)': {
      gridTemplateColumns: 'minmax(0, 1fr) auto auto',
      rowGap: tokens.spacingVerticalXS,
    },
  },
  title: { '@media (max-width: 560px)': { gridColumn: '1 / -1' } },
  add: { alignSelf: 'flex-start' },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

/** The milestones of a project as editable rows: name, due date, done; added and removed in place. */
export const MilestoneEditor = ({
  milestones,
  onChange,
  problem,
}: {
  milestones: MilestoneDto[];
  onChange(milestones: MilestoneDto[]): void;
  /** What is wrong with the rows, shown under them. */
  problem?: string | undefined;
}) => {
  const styles = useStyles();
  const update = (index: number, patch: Partial<MilestoneDto>) =>
    onChange(milestones.map((milestone, i) => (i === index ? { ...milestone, ...patch } : milestone)));
  const full = milestones.length >= priorityProjectLimits.milestones;
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>マイルストーン</legend>
      {milestones.length === 0 && <Text size={200}>マイルストーンはありません。</Text>}
      {milestones.map((milestone, index) => {
        const name = `マイルストーン${index + 1}`;
        return (
          <div key={index} className={styles.row}>
            <Input
              className={styles.title}
              aria-label={`${name}の名前`}
              value={milestone.title}
              maxLength={priorityProjectLimits.milestoneTitle}
              onChange={(_event, data) => update(index, { title: data.value })}
            />
            <Input
              type="date"
              aria-label={`${name}の期限`}
              value={milestone.dueOn ?? ''}
              onChange={(_event, data) => update(index, { dueOn: data.value || null })}
            />
            <Checkbox
              label="完了"
              aria-label={`${name}を完了にする`}
              checked={milestone.done}
              onChange={(_event, data) => update(index, { done: data.checked === true })}
            />
            <Button
              appearance="subtle"
              icon={<Delete20Regular />}
              aria-label={`${name}を削除`}
              onClick={() => onChange(milestones.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <Button
        className={styles.add}
        icon={<Add20Regular />}
        disabled={full}
        onClick={() => onChange([...milestones, { title: '', dueOn: null, done: false }])}
      >
        マイルストーンを追加
      </Button>
      {problem && (
        <Text size={200} role="alert" className={styles.problem}>
          {problem}
        </Text>
      )}
      {full && <Text size={200}>マイルストーンは{priorityProjectLimits.milestones}件までです。</Text>}
    </fieldset>
  );
};
