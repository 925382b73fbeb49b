import { makeStyles, tokens } from '@fluentui/react-components';
import { useParams, useSearchParams } from 'react-router';
import { ProjectDetailView } from '../components/projects/ProjectDetailView';
import { ProjectListView } from '../components/projects/ProjectListView';

const useStyles = makeStyles({
  heading: {
    margin: `0 0 ${tokens.spacingVerticalL}`,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
});

const parseYear = (value: string | null): number | undefined =>
  value && /^\d{4}$/.test(value) ? Number(value) : undefined;

/**
 * 重点案件: everyone reads the year's projects by theme and each project's progress; the promotion
 * office adds, edits, reports progress and starts next year's set. The year is in the URL
 * (`?fiscalYear=2024`) so a link or the back button keeps it; `/projects/<id>` opens one project.
 */
export const ProjectsPage = () => {
  const styles = useStyles();
  const { projectId } = useParams();
  const [params, setParams] = useSearchParams();
  // Absent: the server's choice (the current year, or the latest with projects while it has none).
  const fiscalYear = parseYear(params.get('fiscalYear'));
  return (
    <>
      <h1 className={styles.heading}>重点案件</h1>
      {projectId ? (
        <ProjectDetailView projectId={projectId} />
      ) : (
        <ProjectListView
          fiscalYear={fiscalYear}
          onFiscalYearChange={(year) => setParams({ fiscalYear: String(year) })}
        />
      )}
    </>
  );
};
