import { makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { ProjectProgressSummaryDto } from '#shared/dashboard';
import { AppLink } from '../AppLink';
import { ProjectStatusBadge } from '../projects/ProjectStatusBadge';
import { EmptyState } from '../StateViews';
import { DashboardCard } from './DashboardCard';

const useStyles = makeStyles({
  themes: { display: 'grid', gap: tokens.spacingVerticalL },
  theme: { display: 'grid', gap: tokens.spacingVerticalS },
  themeHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  themeNo: { marginRight: tokens.spacingHorizontalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
  },
  item: { display: 'grid', gap: tokens.spacingVerticalXS },
  title: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  code: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  progressRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1 },
  figure: { minWidth: '3em', textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  meta: { color: tokens.colorNeutralForeground2 },
});

interface ThemeGroup {
  themeNo: number;
  themeTitle: string;
  projects: ProjectProgressSummaryDto[];
}

const byTheme = (projects: ProjectProgressSummaryDto[]): ThemeGroup[] => {
  const groups = new Map<number, ThemeGroup>();
  for (const project of projects) {
    let group = groups.get(project.themeNo);
    if (!group) {
      group = { themeNo: project.themeNo, themeTitle: project.themeTitle, projects: [] };
      groups.set(project.themeNo, group);
    }
    group.projects.push(project);
  }
  return [...groups.values()];
};

/** The year's priority projects by theme: status, progress bar (named for screen readers), link to each. */
export const ProjectSummarySection = ({ projects }: { projects: ProjectProgressSummaryDto[] }) => {
  const styles = useStyles();
  return (
    <DashboardCard title="重点案件の進捗" wide>
      {projects.length === 0 ? (
        <EmptyState title="この年度の重点案件はまだありません" />
      ) : (
        <div className={styles.themes}>
          {byTheme(projects).map((theme) => (
            <div key={theme.themeNo} className={styles.theme}>
              <h3 className={styles.themeHeading}>
                <span className={styles.themeNo}>テーマ{theme.themeNo}</span> {theme.themeTitle}
              </h3>
              <ul className={styles.list}>
                {theme.projects.map((project) => (
                  <li key={project.id} className={styles.item}>
                    <div className={styles.title}>
                      <Text className={styles.code}>{project.code}</Text>
                      <AppLink to={`/projects/${project.id}`}>{project.title}</AppLink>
                      <ProjectStatusBadge status={project.status} label={project.statusLabel} />
                    </div>
                    <div className={styles.progressRow}>
                      <ProgressBar
                        className={styles.bar}
                        value={project.progress / 100}
                        thickness="large"
                        color={project.status === 'done' ? 'success' : 'brand'}
                        aria-label={`${project.code} ${project.title}の進捗 ${project.progress}%`}
                      />
                      <Text className={styles.figure} aria-hidden>
                        {project.progress}%
                      </Text>
                    </div>
                    <Text size={200} className={styles.meta}>
                      関連する提案 {project.linkedProposalCount}件
                    </Text>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </DashboardCard>
  );
};
