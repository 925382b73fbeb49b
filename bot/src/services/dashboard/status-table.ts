import { reportGroupLabels, statusGroupReport, type ProposalStatus, type StatusGroupTableDto } from '#shared';
import type { Executor } from '../../data/database';
import { countProposalsByStatus } from '../../data/repositories/dashboard-repository';

/**
 * The plan's table (実現完了（又は見込み） / 検討中等 / その他 with shares) from counts per status, through
 * statusGroupReport only: the dashboard and the 提案集 print the same figures.
 */
export const statusTableOf = (
  countsByStatus: Partial<Record<ProposalStatus, number>>,
): StatusGroupTableDto => {
  const report = statusGroupReport(countsByStatus);
  return {
    total: report.total,
    rows: report.rows.map((row) => ({ ...row, label: reportGroupLabels[row.group] })),
  };
};

/** The whole organisation's status table of a fiscal year (every counted proposal, published or not). */
export const getStatusTable = async (db: Executor, fiscalYear: number): Promise<StatusGroupTableDto> =>
  statusTableOf(await countProposalsByStatus(db, fiscalYear));
