import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ProgressUpdateDto } from '#shared/priority-project';
import { formatDateTime } from '../../format/date-time';
import { ProjectStatusBadge } from './ProjectStatusBadge';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    position: 'relative',
    paddingLeft: tokens.spacingHorizontalXL,
    paddingBottom: tokens.spacingVerticalL,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    marginLeft: tokens.spacingHorizontalXS,
    ':last-child': { borderLeftColor: 'transparent', paddingBottom: 0 },
    '::before': {
      content: '""',
      position: 'absolute',
      left: `calc(-1 * (${tokens.strokeWidthThick} + 10px) / 2)`,
      top: '4px',
      width: '10px',
      height: '10px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorBrandBackground,
    },
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  when: { color: tokens.colorNeutralForeground3 },
  note: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: tokens.spacingVerticalXS },
});

/** The project team's progress reports, newest first. */
export const ProgressTimeline = ({ updates }: { updates: ProgressUpdateDto[] }) => {
  const styles = useStyles();
  if (updates.length === 0) return <Text>進捗の報告はまだありません。</Text>;
  return (
    <ol className={styles.list} aria-label="進捗の記録">
      {updates.map((update) => (
        <li key={update.id} className={styles.item}>
          <div className={styles.head}>
            <Text size={200} className={styles.when}>
              <time dateTime={update.createdAt}>{formatDateTime(update.createdAt)}</time>
            </Text>
            {update.author && (
              <Text size={200} className={styles.when}>
                {update.author.displayName}
              </Text>
            )}
            <ProjectStatusBadge status={update.status} label={update.statusLabel} />
            <Text weight="semibold">進捗 {update.progress}%</Text>
          </div>
          {update.note && <div className={styles.note}>{update.note}</div>}
        </li>
      ))}
    </ol>
  );
};
