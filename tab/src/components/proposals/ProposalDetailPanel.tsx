import {
  Button,
  makeStyles,
  Toast,
  Toaster,
  ToastTitle,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { ArrowLeft20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ProposalDto } from '#shared/proposal';
import { isApiError } from '../../api/api-error';
import { getPriorityProject } from '../../api/projects';
import { getProposal, getProposalHistory } from '../../api/proposals';
import { isOffice, useSession } from '../../auth/session-context';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { useDivisions } from '../../hooks/useReferenceData';
import { ErrorState, LoadingState } from '../StateViews';
import { projectIdsIn, type NameLookup } from './history-format';
import { OfficeActions } from './OfficeActions';
import { ProposalFields } from './ProposalFields';
import { ProposalHistory } from './ProposalHistory';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    minWidth: 0,
  },
  top: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  close: { flexShrink: 0, whiteSpace: 'nowrap' },
  title: {
    margin: 0,
    flexGrow: 1,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  sectionTitle: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  history: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

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
 * 「提案の詳細」: the proposal, the office's actions (office only; the server enforces it anyway) and
 * the full history. Changes reload the proposal and its history and tell the page (`onChanged`) so
 * the list shows them too.
 */
export const ProposalDetailPanel = ({
  proposalId,
  onClose,
  onChanged,
  autoFocus = false,
}: {
  proposalId: string;
  onClose(): void;
  onChanged(proposal: ProposalDto | undefined): void;
  /** Move focus to the heading when shown (opened from the list by the user). */
  autoFocus?: boolean;
}) => {
  const styles = useStyles();
  const { user } = useSession();
  const office = isOffice(user);
  const headingId = useId('proposal-title');
  const toasterId = useId('proposal-toaster');
  const { dispatchToast } = useToastController(toasterId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Beside the list the panel closes; on a narrow screen it replaces the list, so it goes back to it.
  const besideList = useMediaQuery('(min-width: 1024px)');

  const proposal = useApiQuery(['proposal', proposalId], (api, signal) =>
    getProposal(api, proposalId, signal),
  );
  const history = useApiQuery(['proposal-history', proposalId], (api, signal) =>
    getProposalHistory(api, proposalId, signal),
  );
  const divisions = useDivisions();
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
    return { division: (id) => divisionNames.get(id), project: (id) => projectNames.get(id) };
  }, [divisions.data, projects.data, current]);
  const linkedProjects = (current?.priorityProjectIds ?? []).map((id) => ({
    id,
    label: names.project(id) ?? '（読み込み中）',
  }));

  useEffect(() => {
    if (autoFocus && current) headingRef.current?.focus();
  }, [autoFocus, current?.id]);

  const { reload: reloadProposal } = proposal;
  const { reload: reloadHistory } = history;
  const reload = useCallback(() => {
    reloadProposal();
    reloadHistory();
  }, [reloadProposal, reloadHistory]);

  const changed = (saved: ProposalDto | undefined) => {
    reload();
    onChanged(saved);
  };
  const notify = (message: string) =>
    dispatchToast(
      <Toast>
        <ToastTitle>{message}</ToastTitle>
      </Toast>,
      { intent: 'success' },
    );

  return (
    <section className={styles.panel} aria-label="提案の詳細">
      <Toaster toasterId={toasterId} position="bottom-end" />
      <div className={styles.top}>
        {current ? (
          <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.title}>
            {current.title}
          </h2>
        ) : (
          <h2 className={styles.title}>提案の詳細</h2>
        )}
        <Button
          appearance="subtle"
          className={styles.close}
          icon={besideList ? <Dismiss20Regular /> : <ArrowLeft20Regular />}
          onClick={onClose}
        >
          {besideList ? '閉じる' : '一覧に戻る'}
        </Button>
      </div>

      {proposal.error !== undefined && !proposal.loading ? (
        <ErrorState
          error={proposal.error}
          title={
            isApiError(proposal.error) && proposal.error.status === 404
              ? 'この提案は見つからないか、表示する権限がありません'
              : '提案を読み込めませんでした'
          }
          onRetry={reload}
        />
      ) : !current ? (
        <LoadingState label="提案を読み込んでいます…" />
      ) : (
        <>
          <ProposalFields proposal={current} projectNames={linkedProjects} />
          {office && (
            <OfficeActions
              proposal={current}
              divisions={divisions.data?.items ?? []}
              projectNames={linkedProjects}
              onChanged={changed}
              onReload={() => {
                reload();
                onChanged(undefined);
              }}
              onSuccess={notify}
            />
          )}
          <section className={styles.history} aria-labelledby={`${headingId}-history`}>
            <h3 id={`${headingId}-history`} className={styles.sectionTitle}>
              履歴
            </h3>
            {history.error !== undefined ? (
              <ErrorState error={history.error} title="履歴を読み込めませんでした" onRetry={history.reload} />
            ) : !history.data ? (
              <LoadingState label="履歴を読み込んでいます…" />
            ) : (
              <ProposalHistory entries={history.data.items} names={names} />
            )}
          </section>
        </>
      )}
    </section>
  );
};
