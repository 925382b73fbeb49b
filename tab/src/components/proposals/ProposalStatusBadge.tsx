import { Badge, type BadgeProps } from '@fluentui/react-components';
import { proposalStatusLabels, type ProposalStatus } from '#shared/proposal-status';

const colors: Record<ProposalStatus, BadgeProps['color']> = {
  received: 'informative',
  under_consideration: 'brand',
  settled: 'success',
  realised: 'success',
  blocked: 'warning',
  withdrawn: 'subtle',
  merged: 'subtle',
};

/** A proposal's status in words (shared labels), coloured but never colour-only. */
export const ProposalStatusBadge = ({ status }: { status: ProposalStatus }) => (
  <Badge appearance={status === 'realised' ? 'filled' : 'tint'} color={colors[status]} shape="rounded">
    {proposalStatusLabels[status]}
  </Badge>
);
