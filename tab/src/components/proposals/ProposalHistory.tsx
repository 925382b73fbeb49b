import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Fragment } from 'react';
import { historyActionLabels, type ProposalHistoryEntryDto } from '#shared/tab-api';
import { formatDateTime } from '../../format/date-time';
import { AppLink } from '../AppLink';
import { formatChanges, type ChangeValue, type NameLookup } from './history-format';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  entry: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke2}`,
    paddingLeft: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  header: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  meta: { color: tokens.colorNeutralForeground3 },
  changes: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  value: { margin: 0, overflowWrap: 'anywhere' },
  text: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  previous: { color: tokens.colorNeutralForeground3 },
  comment: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  note: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  noteLabel: { fontWeight: tokens.fontWeightSemibold },
});

/**
 * Who acted, as the server lets the reader know it: an office member whose answer was not signed is
 * 「推進室」 (the name is for the office and the 所管課's liaisons); no actor at all is the system.
 */
const actorLabel = (entry: ProposalHistoryEntryDto): string =>
  entry.actorHidden ? '推進室' : (entry.actorName ?? 'システム');

/** The comment of an entry: an internal note stands out as one (only its readers get it). */
const EntryComment = ({ entry }: { entry: ProposalHistoryEntryDto }) => {
  const styles = useStyles();
  if (!entry.comment) return null;
  return entry.commentInternal ? (
    <p className={styles.note}>
      <span className={styles.noteLabel}>内部メモ（提案者には表示されません）: </span>
      {entry.comment}
    </p>
  ) : (
    <p className={styles.comment}>コメント: {entry.comment}</p>
  );
};

const Value = ({ value }: { value: ChangeValue }) =>
  value.proposalId ? (
    <AppLink to={`/proposals/${value.proposalId}`}>{value.text}</AppLink>
  ) : (
    <>{value.text}</>
  );

/**
 * The audit trail, oldest first: what happened, who did it and when (Tokyo time), and each changed
 * field from → to in Japanese; internal notes marked as such for the few who receive them.
 */
export const ProposalHistory = ({
  entries,
  names,
}: {
  entries: ProposalHistoryEntryDto[];
  names: NameLookup;
}) => {
  const styles = useStyles();
  if (entries.length === 0) return <Text>履歴はまだありません。</Text>;
  return (
    <ol aria-label="履歴" className={styles.list}>
      {entries.map((entry) => {
        const changes = formatChanges(entry.changes, names);
        return (
          <li key={entry.id} className={styles.entry}>
            <div className={styles.header}>
              <Text weight="semibold">{historyActionLabels[entry.action] ?? entry.action}</Text>
              <Text size={200} className={styles.meta}>
                {actorLabel(entry)}
                {entry.signed && '（署名）'}・
                <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
              </Text>
            </div>
            {changes.length > 0 && (
              <dl className={styles.changes}>
                {changes.map((change) => (
                  <Fragment key={change.field}>
                    <dt className={styles.term}>{change.label}</dt>
                    <dd className={styles.value}>
                      {change.isText ? (
                        <>
                          <p className={styles.text}>{change.to.text}</p>
                          {change.from && (
                            <p className={mergeClasses(styles.text, styles.previous)}>
                              変更前: {change.from.text}
                            </p>
                          )}
                        </>
                      ) : (
                        <>
                          {change.from && (
                            <>
                              <Value value={change.from} /> →{' '}
                            </>
                          )}
                          <Value value={change.to} />
                        </>
                      )}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            )}
            <EntryComment entry={entry} />
          </li>
        );
      })}
    </ol>
  );
};
