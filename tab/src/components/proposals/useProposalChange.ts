import { useEffect, useState } from 'react';
import type { ProposalDto } from '#shared/proposal';
import type { ApiClient } from '../../api/api-client';
import { changeProposal, linkProject, unlinkProject, type ProposalChange } from '../../api/proposals';
import { useAction } from '../../hooks/useAction';

type Send = (api: ApiClient) => Promise<ProposalDto>;

/**
 * The office's one-click changes to a proposal (responsible division, horizon, publication, project links):
 * one at a time, each answered with its Japanese success message or kept as the failure to show
 * under its own title. A reloaded proposal (after a conflict, or someone else's change) clears the
 * old failure.
 */
export const useProposalChange = ({
  proposal,
  onChanged,
  onSuccess,
}: {
  proposal: ProposalDto;
  onChanged(proposal: ProposalDto): void;
  onSuccess(message: string): void;
}) => {
  const [failureTitle, setFailureTitle] = useState('変更できませんでした');
  const change = useAction((api, send: Send) => send(api));
  const { reset } = change;
  useEffect(() => reset(), [proposal.version, reset]);

  /** Sends one change; says so on success, keeps the reason on failure. Resolves to whether it saved. */
  const apply = async (failure: string, success: string, send: Send): Promise<boolean> => {
    setFailureTitle(failure);
    const saved = await change.run(send);
    if (saved === undefined) return false;
    onSuccess(success);
    onChanged(saved);
    return true;
  };

  /** Triage fields, sent with the version shown. */
  const triage = (failure: string, success: string, body: Omit<ProposalChange, 'version'>) =>
    apply(failure, success, (api) =>
      changeProposal(api, proposal.id, { ...body, version: proposal.version }),
    );

  return {
    busy: change.running,
    error: change.error,
    failureTitle,
    setResponsibleDivision: (responsibleDivisionId: string | null) =>
      triage('所管課を変更できませんでした', '所管課を変更しました。', { responsibleDivisionId }),
    publish: (isPublished: boolean) =>
      triage(
        '公開の設定を変更できませんでした',
        isPublished ? '全職員に公開しました。' : '非公開にしました。',
        { isPublished },
      ),
    link: (projectId: string) =>
      apply('重点案件に関連付けできませんでした', '重点案件に関連付けました。', (api) =>
        linkProject(api, proposal.id, projectId),
      ),
    unlink: (projectId: string) =>
      apply('関連付けを解除できませんでした', '重点案件の関連付けを解除しました。', (api) =>
        unlinkProject(api, proposal.id, projectId),
      ),
  };
};
