import { Badge, Button, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowLeft16Regular, Edit20Regular, TaskListSquareLtr20Regular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { PriorityProjectDetailDto } from '#shared/priority-project';
import { getPriorityProject } from '../../api/projects';
import { isOffice, useSession } from '../../auth/session-context';
import { formatDateTime } from '../../format/date-time';
import { useApiQuery } from '../../hooks/useApiQuery';
import { AppLink } from '../AppLink';
import { ErrorState, LoadingState } from '../StateViews';
import { LinkedProposalList } from './LinkedProposalList';
import { MilestoneList } from './MilestoneList';
import { ProgressTimeline } from './ProgressTimeline';
import { ProgressUpdateDialog } from './ProgressUpdateDialog';
import { ProjectFormDialog } from './ProjectFormDialog';
import { ProjectProgress } from './ProjectProgress';
import { ProjectStatusBadge } from './ProjectStatusBadge';

const useStyles = makeStyles({
  back: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    marginBottom: tokens.spacingVerticalM,
  },
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
  codeRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  progress: { maxWidth: '480px' },
  sections: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    // Narrow: one column, the timeline before the (possibly long) list of proposals.
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateAreas: '"description" "milestones" "timeline" "proposals"',
    '@media (min-width: 801px)': {
      gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
      gridTemplateRows: 'auto auto 1fr',
      gridTemplateAreas: '"description timeline" "milestones timeline" "proposals timeline"',
    },
  },
  description: { gridArea: 'description' },
  milestones: { gridArea: 'milestones' },
  timeline: { gridArea: 'timeline' },
  proposals: { gridArea: 'proposals' },
  sectionTitle: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  descriptionText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
});

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const styles = useStyles();
  const id = `section-${title}`;
  return (
    <Card aria-labelledby={id} role="region">
      <h3 id={id} className={styles.sectionTitle}>
        {title}
      </h3>
      {children}
    </Card>
  );
};

const BackLink = ({ project }: { project: PriorityProjectDetailDto | undefined }) => {
  const styles = useStyles();
  return (
    <span className={styles.back}>
      <ArrowLeft16Regular aria-hidden />
      <AppLink to={project ? `/projects?fiscalYear=${project.fiscalYear}` : '/projects'}>
        重点案件の一覧へ
      </AppLink>
    </span>
  );
};

/** Code, status, title, theme, division, last update and progress; the office's two actions. */
const ProjectHeader = ({
  project,
  office,
  onOpen,
}: {
  project: PriorityProjectDetailDto;
  office: boolean;
  onOpen(dialog: 'edit' | 'progress'): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <div className={styles.codeRow}>
        <Text className={styles.muted}>{project.code}</Text>
        <ProjectStatusBadge status={project.status} label={project.statusLabel} />
      </div>
      <h2 className={styles.title}>{project.title}</h2>
      <Text className={styles.muted}>
        テーマ{project.themeNo} {project.themeTitle}
      </Text>
      <div className={styles.codeRow}>
        {project.ownerDivision && <Badge appearance="outline">担当 {project.ownerDivision.name}</Badge>}
        <Text size={200} className={styles.muted}>
          更新 <time dateTime={project.updatedAt}>{formatDateTime(project.updatedAt)}</time>
        </Text>
      </div>
      <div className={styles.progress}>
        <ProjectProgress progress={project.progress} status={project.status} />
      </div>
      {office && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            icon={<TaskListSquareLtr20Regular />}
            onClick={() => onOpen('progress')}
          >
            進捗を報告
          </Button>
          <Button icon={<Edit20Regular />} onClick={() => onOpen('edit')}>
            編集
          </Button>
        </div>
      )}
    </div>
  );
};

/** 内容, マイルストーン, 進捗の記録 and 関連する提案, laid out in one or two columns. */
const ProjectSections = ({ project }: { project: PriorityProjectDetailDto }) => {
  const styles = useStyles();
  return (
    <div className={styles.sections}>
      <div className={styles.description}>
        <Section title="内容">
          {project.description ? (
            <p className={styles.descriptionText}>{project.description}</p>
          ) : (
            <Text className={styles.muted}>内容は登録されていません。</Text>
          )}
        </Section>
      </div>
      <div className={styles.milestones}>
        <Section title="マイルストーン">
          {project.milestones.length > 0 ? (
            <MilestoneList milestones={project.milestones} />
          ) : (
            <Text className={styles.muted}>マイルストーンは登録されていません。</Text>
          )}
        </Section>
      </div>
      <div className={styles.timeline}>
        <Section title="進捗の記録">
          <ProgressTimeline updates={project.progressUpdates} />
        </Section>
      </div>
      <div className={styles.proposals}>
        <Section title="関連する提案">
          <LinkedProposalList proposals={project.linkedProposals} total={project.linkedProposalCount} />
        </Section>
      </div>
    </div>
  );
};

/** One 重点案件: progress, milestones, the progress timeline and linked proposals; office edits here. */
export const ProjectDetailView = ({ projectId }: { projectId: string }) => {
  const { user } = useSession();
  const [dialog, setDialog] = useState<'edit' | 'progress'>();
  const detail = useApiQuery(['priority-project', projectId], (api, signal) =>
    getPriorityProject(api, projectId, signal),
  );
  const project = detail.data?.id === projectId ? detail.data : undefined;
  const refresh = () => {
    setDialog(undefined);
    detail.reload();
  };

  if (!project) {
    return (
      <>
        <BackLink project={project} />
        {detail.error !== undefined ? (
          <ErrorState error={detail.error} onRetry={detail.reload} />
        ) : (
          <LoadingState label="重点案件を読み込んでいます…" />
        )}
      </>
    );
  }

  return (
    <>
      <BackLink project={project} />
      <ProjectHeader project={project} office={isOffice(user)} onOpen={setDialog} />
      {detail.error !== undefined && <ErrorState error={detail.error} onRetry={detail.reload} />}
      <ProjectSections project={project} />
      {dialog === 'progress' && (
        <ProgressUpdateDialog
          project={project}
          onClose={() => setDialog(undefined)}
          onSaved={refresh}
          onReload={refresh}
        />
      )}
      {dialog === 'edit' && (
        <ProjectFormDialog
          mode={{ kind: 'edit', project }}
          onClose={() => setDialog(undefined)}
          onSaved={refresh}
          onReload={refresh}
        />
      )}
    </>
  );
};
