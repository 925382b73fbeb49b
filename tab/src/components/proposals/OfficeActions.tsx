import { Button, makeStyles, Switch, tokens, useId } from '@fluentui/react-components';
import { ArrowSwap20Regular, Edit20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DivisionRefDto, ProposalDto } from '#shared/proposal';
import { isFinalStatus } from '#shared/proposal-status';
import { isApiError } from '../../api/api-error';
import { ActionError } from '../ActionError';
import { MergeDialog } from '../proposals-office/MergeDialog';
import { DraftApproval } from './DraftApproval';
import { HandlingFields } from './HandlingFields';
import { ProjectLinks, type ProjectName } from './ProjectLinks';
import { StatusChangeDialog } from './StatusChangeDialog';
import { useProposalChange } from './useProposalChange';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** The status dialog (always mounted, so it closes the way Fluent expects) and the merge dialog. */
const OfficeDialogs = ({
  dialog,
  proposal,
  onClose,
  onChanged,
  onReload,
  onSuccess,
}: {
  dialog: 'status' | 'merge' | undefined;
  proposal: ProposalDto;
  onClose(): void;
  onChanged(proposal: ProposalDto | undefined): void;
  onReload(): void;
  onSuccess(message: string): void;
}) => (
  <>
    <StatusChangeDialog
      open={dialog === 'status'}
      proposal={proposal}
      onClose={onClose}
      onSaved={(saved) => {
        onClose();
        onSuccess('状態を保存しました。');
        onChanged(saved);
      }}
      onConflict={() => {
        onClose();
        onReload();
      }}
    />
    {dialog === 'merge' && (
      <MergeDialog
        open
        proposal={proposal}
        onClose={onClose}
        onDone={() => {
          onClose();
          onChanged(undefined);
        }}
      />
    )}
  </>
);

/**
 * The promotion office's actions on one proposal: status and answer, a liaison's draft waiting for
 * approval, responsible division and horizon,
 * publication, priority-project links and merging. Every change is sent with the version shown (links
 * need none) and answered in Japanese; a conflict offers to load the latest.
 */
export const OfficeActions = ({
  proposal,
  divisions,
  projectNames,
  onChanged,
  onReload,
  onSuccess,
}: {
  proposal: ProposalDto;
  divisions: DivisionRefDto[];
  projectNames: ProjectName[];
  /** A change was saved: the latest proposal (the caller refreshes detail, history and list). */
  onChanged(proposal: ProposalDto | undefined): void;
  /** Load the latest (after a conflict). */
  onReload(): void;
  onSuccess(message: string): void;
}) => {
  const styles = useStyles();
  const titleId = useId('office-actions');
  const [dialog, setDialog] = useState<'status' | 'merge'>();
  const change = useProposalChange({ proposal, onChanged, onSuccess });

  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        推進室の操作
      </h3>
      <div className={styles.buttons}>
        <Button appearance="primary" icon={<Edit20Regular />} onClick={() => setDialog('status')}>
          状態を変更
        </Button>
        {!isFinalStatus(proposal.status) && (
          <Button icon={<ArrowSwap20Regular />} onClick={() => setDialog('merge')}>
            統合
          </Button>
        )}
      </div>
      <DraftApproval proposal={proposal} onChanged={onChanged} onReload={onReload} onSuccess={onSuccess} />
      <HandlingFields
        proposal={proposal}
        divisions={divisions}
        disabled={change.busy}
        onResponsibleDivision={(divisionId) => void change.setResponsibleDivision(divisionId)}
        onHorizon={(horizon) => void change.setHorizon(horizon)}
      />
      <Switch
        label="全職員に公開する"
        checked={proposal.isPublished}
        disabled={change.busy}
        onChange={(_event, data) => void change.publish(data.checked)}
      />
      <ProjectLinks
        proposal={proposal}
        projectNames={projectNames}
        busy={change.busy}
        onLink={change.link}
        onUnlink={(projectId) => void change.unlink(projectId)}
      />
      {change.error !== undefined && (
        <ActionError
          error={change.error}
          title={change.failureTitle}
          onReload={isApiError(change.error) && change.error.code === 'CONFLICT' ? onReload : undefined}
        />
      )}
      <OfficeDialogs
        dialog={dialog}
        proposal={proposal}
        onClose={() => setDialog(undefined)}
        onChanged={onChanged}
        onReload={onReload}
        onSuccess={onSuccess}
      />
    </section>
  );
};
