import { Button, Field, makeStyles, Select, Switch, Text, tokens, useId } from '@fluentui/react-components';
import { ArrowSwap20Regular, Edit20Regular, LinkDismiss20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { PriorityProjectListDto } from '#shared/priority-project';
import type { DivisionRefDto, ProposalDto } from '#shared/proposal';
import { isFinalStatus } from '#shared/proposal-status';
import type { ApiClient } from '../../api/api-client';
import { isApiError } from '../../api/api-error';
import { changeProposal, linkProject, unlinkProject, type ProposalChange } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';
import { usePriorityProjects } from '../../hooks/useReferenceData';
import { ActionError } from '../ActionError';
import { MergeDialog } from '../proposals-office/MergeDialog';
import { StatusChangeDialog } from './StatusChangeDialog';

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

const projectOptions = (lists: (PriorityProjectListDto | undefined)[]) =>
  lists.flatMap((list) =>
    (list?.themes ?? []).flatMap((theme) =>
      theme.projects.map((project) => ({ id: project.id, label: `${project.code} ${project.title}` })),
    ),
  );

/**
 * The promotion office's actions on one proposal: status and answer, responsible division,
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
  projectNames: { id: string; label: string }[];
  /** A change was saved: the latest proposal (the caller refreshes detail, history and list). */
  onChanged(proposal: ProposalDto | undefined): void;
  /** Load the latest (after a conflict). */
  onReload(): void;
  onSuccess(message: string): void;
}) => {
  const styles = useStyles();
  const titleId = useId('office-actions');
  const [dialog, setDialog] = useState<'status' | 'merge'>();
  const [projectToLink, setProjectToLink] = useState('');
  const [failureTitle, setFailureTitle] = useState('変更できませんでした');
  const change = useAction((api, send: (api: ApiClient) => Promise<ProposalDto>) => send(api));
  const busy = change.running;
  const { reset } = change;
  // A reloaded proposal (after a conflict, or someone else's change) clears the old failure.
  useEffect(() => reset(), [proposal.version, reset]);

  // Projects are chosen from a year's proposals, so the proposal's year and the next are offered.
  const thisYear = usePriorityProjects(proposal.fiscalYear);
  const nextYear = usePriorityProjects(proposal.fiscalYear + 1);
  const linkable = projectOptions([thisYear.data, nextYear.data]).filter(
    (project) => !proposal.priorityProjectIds.includes(project.id),
  );

  /** Sends one change; says so on success, keeps the reason on failure. */
  const apply = async (failure: string, success: string, send: (api: ApiClient) => Promise<ProposalDto>) => {
    setFailureTitle(failure);
    const saved = await change.run(send);
    if (saved === undefined) return false;
    onSuccess(success);
    onChanged(saved);
    return true;
  };
  const triage = (failure: string, success: string, body: Omit<ProposalChange, 'version'>) =>
    apply(failure, success, (api) =>
      changeProposal(api, proposal.id, { ...body, version: proposal.version }),
    );

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

      <Field label="所管課">
        <Select
          value={proposal.responsibleDivision?.id ?? ''}
          disabled={busy}
          onChange={(_event, data) =>
            void triage('所管課を変更できませんでした', '所管課を変更しました。', {
              responsibleDivisionId: data.value || null,
            })
          }
        >
          <option value="">（未定）</option>
          {proposal.responsibleDivision &&
            !divisions.some((division) => division.id === proposal.responsibleDivision!.id) && (
              <option value={proposal.responsibleDivision.id}>{proposal.responsibleDivision.name}</option>
            )}
          {divisions.map((division) => (
            <option key={division.id} value={division.id}>
              {division.name}
            </option>
          ))}
        </Select>
      </Field>

      <Switch
        label="全職員に公開する"
        checked={proposal.isPublished}
        disabled={busy}
        onChange={(_event, data) =>
          void triage(
            '公開の設定を変更できませんでした',
            data.checked ? '全職員に公開しました。' : '非公開にしました。',
            { isPublished: data.checked },
          )
        }
      />

      <div>
        <Text weight="semibold">重点案件への関連付け</Text>
        {projectNames.length > 0 && (
          <ul className={styles.links} aria-label="関連付けた重点案件">
            {projectNames.map((project) => (
              <li key={project.id} className={styles.link}>
                <span className={styles.linkLabel}>{project.label}</span>
                <Button
                  appearance="subtle"
                  icon={<LinkDismiss20Regular />}
                  disabled={busy}
                  aria-label={`${project.label} の関連付けを解除`}
                  onClick={() =>
                    void apply(
                      '関連付けを解除できませんでした',
                      '重点案件の関連付けを解除しました。',
                      (api) => unlinkProject(api, proposal.id, project.id),
                    )
                  }
                >
                  解除
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          className={styles.linkForm}
          onSubmit={(event) => {
            event.preventDefault();
            if (!projectToLink) return;
            void apply('重点案件に関連付けできませんでした', '重点案件に関連付けました。', (api) =>
              linkProject(api, proposal.id, projectToLink),
            ).then((ok) => ok && setProjectToLink(''));
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

      {change.error !== undefined && (
        <ActionError
          error={change.error}
          title={failureTitle}
          onReload={isApiError(change.error) && change.error.code === 'CONFLICT' ? onReload : undefined}
        />
      )}

      <StatusChangeDialog
        open={dialog === 'status'}
        proposal={proposal}
        onClose={() => setDialog(undefined)}
        onSaved={(saved) => {
          setDialog(undefined);
          onSuccess('状態を保存しました。');
          onChanged(saved);
        }}
        onConflict={() => {
          setDialog(undefined);
          onReload();
        }}
      />
      {dialog === 'merge' && (
        <MergeDialog
          open
          proposal={proposal}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            onChanged(undefined);
          }}
        />
      )}
    </section>
  );
};
