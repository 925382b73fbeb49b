import { Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { PriorityProjectDto } from '#shared/priority-project';
import { AppLink } from '../AppLink';
import { MilestoneList } from './MilestoneList';
import { ProjectProgress } from './ProjectProgress';
import { ProjectStatusBadge } from './ProjectStatusBadge';

const useStyles = makeStyles({
  card: { height: '100%', boxSizing: 'border-box' },
  header: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  code: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground3,
  },
});

/** One 重点案件 in the year's list: code, title (to its detail), status, progress, milestones. */
export const ProjectCard = ({ project }: { project: PriorityProjectDto }) => {
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <div className={styles.header}>
        <Text className={styles.code} size={200}>
          {project.code}
        </Text>
        <ProjectStatusBadge status={project.status} label={project.statusLabel} />
      </div>
      <h3 className={styles.title}>
        <AppLink to={`/projects/${project.id}`}>{project.title}</AppLink>
      </h3>
      <ProjectProgress progress={project.progress} status={project.status} />
      {project.milestones.length > 0 && (
        <MilestoneList milestones={project.milestones} label={`${project.code} のマイルストーン`} limit={3} />
      )}
      <div className={styles.meta}>
        {project.ownerDivision && <Text size={200}>担当 {project.ownerDivision.name}</Text>}
        <Text size={200}>関連する提案 {project.linkedProposalCount.toLocaleString('ja-JP')}件</Text>
      </div>
    </Card>
  );
};
