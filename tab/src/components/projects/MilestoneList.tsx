import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Circle16Regular } from '@fluentui/react-icons';
import type { MilestoneDto } from '#shared/priority-project';
import { formatCalendarDate } from '../../format/date-time';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  icon: { flexShrink: 0, marginTop: '2px' },
  done: { color: tokens.colorPaletteGreenForeground1 },
  open: { color: tokens.colorNeutralForeground3 },
  due: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  text: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

/** Milestones in plan order; done ones ticked (and said so in words for screen readers). */
export const MilestoneList = ({
  milestones,
  label = 'マイルストーン',
  limit,
}: {
  milestones: MilestoneDto[];
  label?: string;
  /** Show at most this many (a card); the rest are counted. */
  limit?: number;
}) => {
  const styles = useStyles();
  const shown = limit === undefined ? milestones : milestones.slice(0, limit);
  const rest = milestones.length - shown.length;
  return (
    <ul className={styles.list} aria-label={label}>
      {shown.map((milestone, index) => (
        <li key={index} className={styles.item}>
          {milestone.done ? (
            <CheckmarkCircle16Filled
              className={mergeClasses(styles.icon, styles.done)}
              aria-label="完了"
              role="img"
            />
          ) : (
            <Circle16Regular
              className={mergeClasses(styles.icon, styles.open)}
              aria-label="未完了"
              role="img"
            />
          )}
          <span className={styles.text}>
            <Text size={200}>{milestone.title}</Text>
            {milestone.dueOn && (
              <Text size={200} className={styles.due}>
                期限 {formatCalendarDate(milestone.dueOn)}
              </Text>
            )}
          </span>
        </li>
      ))}
      {rest > 0 && (
        <li className={styles.item}>
          <Text size={200} className={styles.due}>
            ほか{rest}件
          </Text>
        </li>
      )}
    </ul>
  );
};
