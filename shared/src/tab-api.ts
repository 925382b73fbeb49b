import type { ErrorCode, ErrorDetail } from './errors';
import type { DivisionRefDto, ProposalDto } from './proposal';
import type { Role } from './roles';

/**
 * Response shapes of the tab API that the server's services return and the tab's typed client reads.
 * (Request shapes live next to their validation schemas: proposal-api.ts, priority-project.ts, dashboard.ts.)
 */

/** Every error response: `{ error: … }`, the message in Japanese. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; requestId: string };
}

/** `GET /api/me`. */
export interface CurrentUserDto {
  id: string;
  aadObjectId: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  division: DivisionRefDto | null;
}

/** `GET /api/dev/users` (development sign-in only). */
export interface DemoSignInUserDto {
  aadObjectId: string;
  displayName: string;
  division: string;
  roles: Role[];
  description: string;
}

/** `POST /api/dev/sign-in`. */
export interface DevSignInResultDto {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: { id: string; displayName: string; roles: Role[] };
}

export interface ItemsDto<T> {
  items: T[];
}

/** `GET /api/proposals`. */
export interface ProposalPageDto {
  items: ProposalDto[];
  total: number;
  page: number;
  pageSize: number;
}

export const historyActions = [
  'created',
  'imported',
  'status_changed',
  'updated',
  'merged',
  'withdrawn',
  'linked',
  'unlinked',
] as const;
export type HistoryAction = (typeof historyActions)[number];

export const historyActionLabels: Record<HistoryAction, string> = {
  created: '提出',
  imported: '取込',
  status_changed: '状態の変更',
  updated: '内容の更新',
  merged: '統合',
  withdrawn: '取下げ',
  linked: '重点案件へ関連付け',
  unlinked: '重点案件の関連付け解除',
};

/** One audit entry: field → { from, to }. */
export type HistoryChanges = Record<string, { from: unknown; to: unknown }>;

/** `GET /api/proposals/:id/history`, oldest first. */
export interface ProposalHistoryEntryDto {
  id: number;
  action: HistoryAction;
  changes: HistoryChanges;
  comment: string | null;
  createdAt: string;
  actorId: string | null;
  actorName: string | null;
}

/** `POST /api/proposals/bulk-status`: per proposal, changed or why not. */
export type BulkItemResultDto =
  { id: string; ok: true; proposal: ProposalDto } | { id: string; ok: false; code: string; message: string };

/** `POST /api/proposals/import`: what was (or, on a dry run, would be) imported. */
export interface ProposalImportResultDto {
  dryRun: boolean;
  imported: number;
  numbers: string[];
}
