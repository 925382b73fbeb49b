import { useCallback, useMemo } from 'react';
import { getPriorityProject } from '../../api/projects';
import { getProposal, getProposalHistory } from '../../api/proposals';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useCategories, useDivisions } from '../../hooks/useReferenceData';
import { projectIdsIn, type NameLookup } from './history-format';

/** `R6-1-2 案件名` for each project id, from the project itself (it may belong to any year). */
const useProjectNames = (ids: string[]) => {
  const key = [...ids].sort();
  return useApiQuery(key.length > 0 ? ['project-names', ...key] : null, (api, signal) =>
    Promise.all(
      key.map((id) =>
        getPriorityProject(api, id, signal)
          .then((project) => ({ id, label: `${project.code} ${project.title}` }))
          .catch(() => undefined),
      ),
    ).then((found) => found.filter((entry) => entry !== undefined)),
  );
};

/**
 * What the proposal's detail shows: the proposal, its history, and the names of the divisions and
 * projects they mention (loaded alongside); `reload` asks for the proposal and history again.
 */
export const useProposalDetail = (proposalId: string) => {
  const proposal = useApiQuery(['proposal', proposalId], (api, signal) =>
    getProposal(api, proposalId, signal),
  );
  const history = useApiQuery(['proposal-history', proposalId], (api, signal) =>
    getProposalHistory(api, proposalId, signal),
  );
  const divisions = useDivisions();
  const categories = useCategories();
  const current = proposal.data?.id === proposalId ? proposal.data : undefined;
  const projectIds = [...(current?.priorityProjectIds ?? []), ...projectIdsIn(history.data?.items ?? [])];
  const projects = useProjectNames([...new Set(projectIds)]);

  const names = useMemo<NameLookup>(() => {
    const divisionNames = new Map(
      (divisions.data?.items ?? []).map((division) => [division.id, division.name]),
    );
    if (current?.responsibleDivision)
      divisionNames.set(current.responsibleDivision.id, current.responsibleDivision.name);
    const projectNames = new Map((projects.data ?? []).map((project) => [project.id, project.label]));
    const categoryNames = new Map((categories.data?.items ?? []).map((item) => [item.code, item.label]));
    return {
      division: (id) => divisionNames.get(id),
      project: (id) => projectNames.get(id),
      category: (code) => categoryNames.get(code),
    };
  }, [divisions.data, projects.data, categories.data, current]);
  const linkedProjects = (current?.priorityProjectIds ?? []).map((id) => ({
    id,
    label: names.project(id) ?? '（読み込み中）',
  }));

  const { reload: reloadProposal } = proposal;
  const { reload: reloadHistory } = history;
  const reload = useCallback(() => {
    reloadProposal();
    reloadHistory();
  }, [reloadProposal, reloadHistory]);

  return {
    proposal,
    current,
    history,
    divisions: divisions.data?.items ?? [],
    names,
    linkedProjects,
    reload,
  };
};
