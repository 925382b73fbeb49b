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
import { useEffect, useRef, type RefObject } from 'react';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalHistoryDto } from '#shared/tab-api';
import { isApiError } from '../../api/api-error';
import { isOffice, useSession } from '../../auth/session-context';
import type { ApiQuery } from '../../hooks/useApiQuery';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { ErrorState, LoadingState } from '../StateViews';
import type { NameLookup } from './history-format';
import { canWorkInternally, InternalWork } from './InternalWork';
import { OfficeActions } from './OfficeActions';
import { ProposalAdoptions } from './ProposalAdoptions';
import { ProposalFields } from './ProposalFields';
import { ProposalComments } from './ProposalComments';
import { ProposalHistory } from './ProposalHistory';
import { SupportButton } from './SupportButton';
import { useProposalDetail } from './useProposalDetail';
import { WithdrawEditActions } from './WithdrawEditActions';

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

/** The title (focusable, so the detail can take focus when opened) and 閉じる / 一覧に戻る. */
const DetailHeading = ({
  proposal,
  headingId,
  headingRef,
  onClose,
}: {
  proposal: ProposalDto | undefined;
  headingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onClose(): void;
}) => {
  const styles = useStyles();
  // Beside the list the panel closes; on a narrow screen it replaces the list, so it goes back to it.
  const besideList = useMediaQuery('(min-width: 1024px)');
  return (
    <div className={styles.top}>
      {proposal ? (
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.title}>
          {proposal.title}
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
  );
};

const HistorySection = ({
  headingId,
  history,
  names,
}: {
  headingId: string;
  history: ApiQuery<ProposalHistoryDto>;
  names: NameLookup;
}) => {
  const styles = useStyles();
  return (
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
  );
};

const loadFailureTitle = (error: unknown) =>
  isApiError(error) && error.status === 404
    ? 'この提案は見つからないか、表示する権限がありません'
    : '提案を読み込めませんでした';

/**
 * 「提案の詳細」: the proposal, the office's actions (office only; the server enforces it anyway), the
 * internal work of the office and the 所管課's liaisons, and the history as the server lets the user
 * see it. Changes reload the proposal and its history and tell the page (`onChanged`) so
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
  const headingId = useId('proposal-title');
  const toasterId = useId('proposal-toaster');
  const { dispatchToast } = useToastController(toasterId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { proposal, current, history, divisions, names, linkedProjects, reload } =
    useProposalDetail(proposalId);

  useEffect(() => {
    if (autoFocus && current) headingRef.current?.focus();
  }, [autoFocus, current?.id]);

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
      <DetailHeading proposal={current} headingId={headingId} headingRef={headingRef} onClose={onClose} />
      {proposal.error !== undefined && !proposal.loading ? (
        <ErrorState error={proposal.error} title={loadFailureTitle(proposal.error)} onRetry={reload} />
      ) : !current ? (
        <LoadingState label="提案を読み込んでいます…" />
      ) : (
        <>
          <ProposalFields proposal={current} projectNames={linkedProjects} />
          <SupportButton proposal={current} user={user} onChanged={() => onChanged(undefined)} />
          <WithdrawEditActions proposal={current} user={user} onChanged={changed} onSuccess={notify} />
          {isOffice(user) && (
            <OfficeActions
              proposal={current}
              divisions={divisions}
              projectNames={linkedProjects}
              onChanged={changed}
              onReload={() => changed(undefined)}
              onSuccess={notify}
            />
          )}
          {canWorkInternally(user, current) && (
            <InternalWork user={user} proposal={current} onChanged={changed} onSuccess={notify} />
          )}
          <ProposalAdoptions proposal={current} />
          <ProposalComments proposal={current} onSuccess={notify} />
          <HistorySection headingId={headingId} history={history} names={names} />
        </>
      )}
    </section>
  );
};
