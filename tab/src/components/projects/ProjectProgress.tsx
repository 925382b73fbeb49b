import { makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { PriorityProjectStatus } from '#shared/priority-project';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1 },
  value: { minWidth: '3.5em', textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
});

/** A progress bar named 「進捗 60%」 for screen readers, with the figure also shown beside it. */
export const ProjectProgress = ({
  progress,
  status,
}: {
  progress: number;
  status: PriorityProjectStatus;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <ProgressBar
        className={styles.bar}
        value={progress / 100}
        thickness="large"
        color={status === 'done' ? 'success' : status === 'on_hold' ? 'warning' : 'brand'}
        aria-label={`進捗 ${progress}%`}
      />
      <Text className={styles.value} aria-hidden>
        {progress}%
      </Text>
    </div>
  );
};
