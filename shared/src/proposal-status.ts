import { AppError } from './errors';

/**
 * Lifecycle of a proposal. The plan counts three groups (実現完了（又は見込み） / 検討中等 / その他);
 * withdrawn and merged proposals leave the count.
 */
export const proposalStatuses = [
  'received',
  'under_consideration',
  'settled',
  'realised',
  'blocked',
  'withdrawn',
  'merged',
] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const proposalStatusLabels: Record<ProposalStatus, string> = {
  received: '受付',
  under_consideration: '検討中',
  settled: '実現見込み',
  realised: '実現完了',
  blocked: 'その他',
  withdrawn: '取下げ',
  merged: '統合',
};

export const reportGroups = ['realised', 'considering', 'blocked'] as const;
export type ReportGroup = (typeof reportGroups)[number];

export const reportGroupLabels: Record<ReportGroup, string> = {
  realised: '実現完了（又は見込み）',
  considering: '検討中等',
  blocked: 'その他',
};

const reportGroupOfStatus: Record<ProposalStatus, ReportGroup | undefined> = {
  received: 'considering',
  under_consideration: 'considering',
  settled: 'realised',
  realised: 'realised',
  blocked: 'blocked',
  withdrawn: undefined,
  merged: undefined,
};

/** The plan's group a status counts in, or undefined when it leaves the count (withdrawn, merged). */
export const reportGroupOf = (status: ProposalStatus): ReportGroup | undefined => reportGroupOfStatus[status];

/** Statuses that count in a report group. */
export const statusesInGroup = (group: ReportGroup): ProposalStatus[] =>
  proposalStatuses.filter((status) => reportGroupOfStatus[status] === group);

/** Why a proposal cannot be started now (「その他」 is "blocked for now", not "rejected"). */
export const blockReasons = ['legal', 'security', 'budget', 'system', 'other'] as const;
export type BlockReason = (typeof blockReasons)[number];

export const blockReasonLabels: Record<BlockReason, string> = {
  legal: '法律上の制約',
  security: 'セキュリティ上の課題',
  budget: '予算',
  system: 'システム',
  other: 'その他',
};

/**
 * Which status may follow which. 実現完了, 取下げ and 統合 are final. 「その他」 may be revisited.
 * Withdrawal is the proposer's act (see canWithdraw); merging has its own service.
 */
const transitions: Record<ProposalStatus, readonly ProposalStatus[]> = {
  received: ['under_consideration', 'settled', 'realised', 'blocked', 'withdrawn', 'merged'],
  under_consideration: ['settled', 'realised', 'blocked', 'withdrawn', 'merged'],
  settled: ['under_consideration', 'realised', 'blocked', 'merged'],
  blocked: ['under_consideration', 'settled', 'realised', 'withdrawn', 'merged'],
  realised: [],
  withdrawn: [],
  merged: [],
};

export const canTransition = (from: ProposalStatus, to: ProposalStatus): boolean =>
  transitions[from].includes(to);

export const nextStatuses = (from: ProposalStatus): readonly ProposalStatus[] => transitions[from];

export const isFinalStatus = (status: ProposalStatus): boolean => transitions[status].length === 0;

/** What the office (or the proposer, for withdrawal) asks for when changing a status. */
export interface StatusChange {
  status: ProposalStatus;
  blockReason?: BlockReason | null;
  blockReasonNote?: string | null;
  /** ISO date (YYYY-MM-DD) to look at a blocked proposal again. */
  revisitOn?: string | null;
  mergedIntoId?: string | null;
}

/** The status fields of a proposal after a change has been checked. */
export interface StatusFields {
  status: ProposalStatus;
  blockReason: BlockReason | null;
  blockReasonNote: string | null;
  revisitOn: string | null;
  mergedIntoId: string | null;
}

/**
 * Checks a status change against the rules and returns the resulting status fields.
 * 「その他」 needs a reason category; merging needs a target; block details are cleared otherwise.
 */
export const applyStatusChange = (current: ProposalStatus, change: StatusChange): StatusFields => {
  if (!canTransition(current, change.status)) {
    throw new AppError('INVALID_TRANSITION', {
      message: `Transition ${current} -> ${change.status} is not allowed`,
      userMessage: `「${proposalStatusLabels[current]}」から「${proposalStatusLabels[change.status]}」には変更できません。`,
    });
  }
  if (change.status === 'blocked' && !change.blockReason) {
    throw new AppError('REASON_REQUIRED', {
      userMessage:
        '「その他」にするには理由の区分（法律上の制約、セキュリティ上の課題など）を選んでください。',
      details: [{ path: 'blockReason', message: '理由の区分を選んでください。' }],
    });
  }
  if (change.status === 'merged' && !change.mergedIntoId) {
    throw new AppError('VALIDATION', {
      userMessage: '統合先の提案を指定してください。',
      details: [{ path: 'mergedIntoId', message: '統合先の提案を指定してください。' }],
    });
  }
  const blocked = change.status === 'blocked';
  return {
    status: change.status,
    blockReason: blocked ? (change.blockReason ?? null) : null,
    blockReasonNote: blocked ? change.blockReasonNote?.trim() || null : null,
    revisitOn: blocked ? (change.revisitOn ?? null) : null,
    mergedIntoId: change.status === 'merged' ? (change.mergedIntoId ?? null) : null,
  };
};

/** Only the proposer withdraws, and only while nothing has been settled. */
export const canWithdraw = (status: ProposalStatus): boolean => canTransition(status, 'withdrawn');

/** The proposer may correct title, body and category until the office starts on it (受付 only). */
export const canEditContent = (status: ProposalStatus): boolean => status === 'received';
