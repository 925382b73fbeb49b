import { Badge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { horizonLabels, type ProposalDto } from '#shared/proposal';
import { blockReasonLabels } from '#shared/proposal-status';
import { formatCalendarDate, formatDateTime } from '../../format/date-time';
import { AppLink } from '../AppLink';
import type { ProjectName } from './ProjectLinks';
import { ProposalStatusBadge } from './ProposalStatusBadge';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  badges: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  number: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  value: { margin: 0, overflowWrap: 'anywhere' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  sectionTitle: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  text: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { margin: 0, color: tokens.colorNeutralForeground3 },
  blocked: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorStatusWarningBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`,
  },
  plainList: { margin: 0, paddingLeft: '1.25em' },
});

const Section = ({
  title,
  children,
  className,
}: {
  title: string;
  children: ReactNode;
  className?: string;
}) => {
  const styles = useStyles();
  return (
    <section className={mergeClasses(styles.section, className)}>
      <h3 className={styles.sectionTitle}>{title}</h3>
      {children}
    </section>
  );
};

/** The facts list: category, dates, people, divisions, horizon and linked priority projects. */
const ProposalFacts = ({
  proposal,
  projectNames,
}: {
  proposal: ProposalDto;
  projectNames: ProjectName[];
}) => {
  const styles = useStyles();
  const facts: [string, ReactNode][] = [
    ['分類', proposal.categoryLabel],
    ['提出日時', <time dateTime={proposal.submittedAt}>{formatDateTime(proposal.submittedAt)}</time>],
    ['提案者', proposal.proposer?.displayName ?? proposal.proposerName],
    ...(proposal.coProposers.length > 0
      ? [
          ['共同提案者', proposal.coProposers.map((person) => person.displayName).join('、')] as [
            string,
            ReactNode,
          ],
        ]
      : []),
    ['提案者の所属', proposal.proposerDivision?.name ?? '（未設定）'],
    ['所管課', proposal.responsibleDivision?.name ?? '（未定）'],
    ...(proposal.horizon ? [['期間', horizonLabels[proposal.horizon]] as [string, ReactNode]] : []),
    ...(proposal.targetOn
      ? [['実現目標日', formatCalendarDate(proposal.targetOn)] as [string, ReactNode]]
      : []),
    [
      '重点案件',
      projectNames.length === 0 ? (
        '（なし）'
      ) : (
        <ul className={styles.plainList}>
          {projectNames.map((project) => (
            <li key={project.id}>
              <AppLink to={`/projects/${project.id}`}>{project.label}</AppLink>
            </li>
          ))}
        </ul>
      ),
    ],
    ['最終更新', <time dateTime={proposal.updatedAt}>{formatDateTime(proposal.updatedAt)}</time>],
  ];
  return (
    <dl className={styles.facts}>
      {facts.map(([term, value]) => (
        <FactRow key={term} term={term} value={value} />
      ))}
    </dl>
  );
};

/** For 「その他」: why it cannot be started now and when it will be looked at again. */
const BlockedSection = ({ proposal }: { proposal: ProposalDto }) => {
  const styles = useStyles();
  return (
    <Section title="「その他」の理由" className={styles.blocked}>
      <dl className={styles.facts}>
        <FactRow
          term="理由の区分"
          value={proposal.blockReason ? blockReasonLabels[proposal.blockReason] : '（未設定）'}
        />
        {proposal.blockReasonNote && <FactRow term="理由" value={proposal.blockReasonNote} />}
        <FactRow
          term="再検討時期"
          value={proposal.revisitOn ? formatCalendarDate(proposal.revisitOn) : '（未定）'}
        />
      </dl>
    </Section>
  );
};

/**
 * What a proposal says and where it stands: the proposer's text, the office's answer and, for
 * 「その他」, why it cannot be started now and when it will be looked at again.
 */
export const ProposalFields = ({
  proposal,
  projectNames,
}: {
  proposal: ProposalDto;
  /** `R6-1-2 案件名` of each linked priority project, in the proposal's order. */
  projectNames: ProjectName[];
}) => {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <div className={styles.badges}>
        <Text className={styles.number}>{proposal.number}</Text>
        <ProposalStatusBadge status={proposal.status} />
        <Badge appearance="outline" color={proposal.isPublished ? 'brand' : 'informative'} shape="rounded">
          {proposal.isPublished ? '公開中' : '非公開'}
        </Badge>
      </div>
      <ProposalFacts proposal={proposal} projectNames={projectNames} />
      <Section title="提案内容">
        <p className={styles.text}>{proposal.body}</p>
      </Section>
      {proposal.expectedEffect && (
        <Section title="期待される効果">
          <p className={styles.text}>{proposal.expectedEffect}</p>
        </Section>
      )}
      <Section title="回答">
        {proposal.answer ? (
          <p className={styles.text}>{proposal.answer}</p>
        ) : (
          <p className={styles.muted}>まだ回答はありません。</p>
        )}
      </Section>
      {proposal.status === 'blocked' && <BlockedSection proposal={proposal} />}
      {proposal.status === 'merged' && proposal.mergedIntoId && (
        <Section title="統合先">
          <p className={styles.text}>
            この提案は別の提案に統合されました。{' '}
            <AppLink to={`/proposals/${proposal.mergedIntoId}`}>統合先の提案を開く</AppLink>
          </p>
        </Section>
      )}
    </div>
  );
};

const FactRow = ({ term, value }: { term: string; value: ReactNode }) => {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={mergeClasses(styles.value, styles.text)}>{value}</dd>
    </>
  );
};
