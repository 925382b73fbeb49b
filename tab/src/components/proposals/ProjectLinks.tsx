import { Button, Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { LinkDismiss20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { PriorityProjectListDto } from '#shared/priority-project';
import type { ProposalDto } from '#shared/proposal';
import { usePriorityProjects } from '../../hooks/useReferenceData';

const useStyles = makeStyles({
  links: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  link: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  linkLabel: { flexGrow: 1, overflowWrap: 'anywhere' },
  linkForm: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
  },
  // Project titles are long: the choice takes the panel's width and no more.
  linkSelect: { alignSelf: 'stretch', minWidth: 0 },
  select: { width: '100%', minWidth: 0 },
});

export interface ProjectName {
  id: string;
  label: string;
}

const projectOptions = (lists: (PriorityProjectListDto | undefined)[]): ProjectName[] =>
  lists.flatMap((list) =>
    (list?.themes ?? []).flatMap((theme) =>
      theme.projects.map((project) => ({ id: project.id, label: `${project.code} ${project.title}` })),
    ),
  );

/** The projects linked to the proposal, each with 「解除」. */
const LinkedProjects = ({
  projectNames,
  busy,
  onUnlink,
}: {
  projectNames: ProjectName[];
  busy: boolean;
  onUnlink(projectId: string): void;
}) => {
  const styles = useStyles();
  return (
    <ul className={styles.links} aria-label="関連付けた重点案件">
      {projectNames.map((project) => (
        <li key={project.id} className={styles.link}>
          <span className={styles.linkLabel}>{project.label}</span>
          <Button
            appearance="subtle"
            icon={<LinkDismiss20Regular />}
            disabled={busy}
            aria-label={`${project.label} の関連付けを解除`}
            onClick={() => onUnlink(project.id)}
          >
            解除
          </Button>
        </li>
      ))}
    </ul>
  );
};

/**
 * 重点案件への関連付け (office): the linked projects and a choice of the others. Projects are chosen
 * from a year's proposals, so the proposal's year and the next are offered.
 */
export const ProjectLinks = ({
  proposal,
  projectNames,
  busy,
  onLink,
  onUnlink,
}: {
  proposal: ProposalDto;
  projectNames: ProjectName[];
  busy: boolean;
  /** Resolves to whether the link was saved (the choice is then cleared). */
  onLink(projectId: string): Promise<boolean>;
  onUnlink(projectId: string): void;
}) => {
  const styles = useStyles();
  const [projectToLink, setProjectToLink] = useState('');
  const thisYear = usePriorityProjects(proposal.fiscalYear);
  const nextYear = usePriorityProjects(proposal.fiscalYear + 1);
  const linkable = projectOptions([thisYear.data, nextYear.data]).filter(
    (project) => !proposal.priorityProjectIds.includes(project.id),
  );

  return (
    <div>
      <Text weight="semibold">重点案件への関連付け</Text>
      {projectNames.length > 0 && (
        <LinkedProjects projectNames={projectNames} busy={busy} onUnlink={onUnlink} />
      )}
      <form
        className={styles.linkForm}
        onSubmit={(event) => {
          event.preventDefault();
          if (!projectToLink) return;
          void onLink(projectToLink).then((ok) => ok && setProjectToLink(''));
        }}
      >
        <Field label="関連付ける重点案件" className={styles.linkSelect}>
          <Select
            className={styles.select}
            value={projectToLink}
            onChange={(_event, data) => setProjectToLink(data.value)}
          >
            <option value="">選んでください</option>
            {linkable.map((project) => (
              <option key={project.id} value={project.id}>
                {project.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={!projectToLink || busy}>
          関連付ける
        </Button>
      </form>
    </div>
  );
};
