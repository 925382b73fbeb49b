import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { PriorityProjectStatus } from '#shared/priority-project';

const colors: Record<PriorityProjectStatus, BadgeProps['color']> = {
  planned: 'informative',
  in_progress: 'brand',
  done: 'success',
  on_hold: 'warning',
};

/** The project's state in words (the label comes from the server), coloured but never colour-only. */
export const ProjectStatusBadge = ({ status, label }: { status: PriorityProjectStatus; label: string }) => (
  <Badge appearance="tint" color={colors[status]} shape="rounded">
    {label}
  </Badge>
);
