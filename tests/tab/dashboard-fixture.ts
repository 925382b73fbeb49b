import type { BreakdownRowDto, DashboardDto } from '#shared/dashboard';

const months = ['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月'];
const monthOf = (fiscalYear: number, index: number) => {
  const monthNo = ((index + 3) % 12) + 1;
  return `${index < 9 ? fiscalYear : fiscalYear + 1}-${String(monthNo).padStart(2, '0')}`;
};

const breakdown = (
  key: string | null,
  label: string,
  realised: number,
  considering: number,
  blocked: number,
  isRest = false,
): BreakdownRowDto => ({
  key,
  label,
  total: realised + considering + blocked,
  counts: { realised, considering, blocked },
  isRest,
});

/** The demo seed's FY2024 in the shape the server answers (figures of the plan: 648, 191 / 377 / 80). */
export const dashboardFixture = (fiscalYear = 2024): DashboardDto => ({
  fiscalYear,
  fiscalYearLabel: fiscalYear === 2024 ? '令和6年度' : '令和7年度',
  division: null,
  currentFiscalYear: fiscalYear,
  defaulted: false,
  availableFiscalYears: [
    { fiscalYear: 2025, label: '令和7年度' },
    { fiscalYear: 2024, label: '令和6年度' },
  ],
  statusTable: {
    total: 648,
    rows: [
      { group: 'realised', label: '実現完了（又は見込み）', count: 191, share: 29.5 },
      { group: 'considering', label: '検討中等', count: 377, share: 58.2 },
      { group: 'blocked', label: 'その他', count: 80, share: 12.3 },
    ],
  },
  byProposerDivision: [
    breakdown('00000000-0000-4000-8000-00000000d001', '商工政策課', 101, 200, 40),
    breakdown(null, 'その他', 90, 177, 40, true),
  ],
  byCategory: [
    breakdown('paperless', 'ペーパレス化', 120, 250, 50),
    breakdown('digital', 'デジタル化', 71, 127, 30),
  ],
  monthly: months.map((label, index) => ({
    month: monthOf(fiscalYear, index),
    label,
    submissions: index === 0 ? 76 : 52,
    realisations: index === 11 ? 27 : 14,
  })),
  stamps: {
    total: 3000,
    activeSenders: 142,
    monthly: months.map((label, index) => ({ month: monthOf(fiscalYear, index), label, count: 250 })),
    bySenderDivision: [
      { divisionId: '00000000-0000-4000-8000-00000000d001', label: '商工政策課', count: 1800, isRest: false },
      { divisionId: null, label: '（所属未設定）', count: 1200, isRest: false },
    ],
    byKind: [
      { code: 'thanks', label: 'ありがとう', emoji: '🙏', isActive: true, count: 1700 },
      { code: 'nice', label: 'ナイス', emoji: '👍', isActive: true, count: 1299 },
      { code: 'old', label: '旧スタンプ', emoji: '⭐', isActive: false, count: 1 },
    ],
  },
  priorityProjects: [
    {
      id: '00000000-0000-4000-8000-0000000000a1',
      code: 'R6-1-1',
      themeNo: 1,
      themeTitle: '業務の見直し',
      itemNo: 1,
      title: '生成AIの活用',
      status: 'in_progress',
      statusLabel: '進行中',
      progress: 60,
      linkedProposalCount: 12,
    },
    {
      id: '00000000-0000-4000-8000-0000000000a2',
      code: 'R6-2-1',
      themeNo: 2,
      themeTitle: '働く環境の整備',
      itemNo: 1,
      title: 'フリーアドレスの拡大',
      status: 'done',
      statusLabel: '完了',
      progress: 100,
      linkedProposalCount: 3,
    },
  ],
  generatedAt: '2025-06-01T00:00:00.000Z',
});

/** A year without a single proposal, stamp or project. */
export const emptyDashboardFixture = (fiscalYear = 2026): DashboardDto => ({
  ...dashboardFixture(fiscalYear),
  fiscalYearLabel: '令和8年度',
  statusTable: {
    total: 0,
    rows: [
      { group: 'realised', label: '実現完了（又は見込み）', count: 0, share: 0 },
      { group: 'considering', label: '検討中等', count: 0, share: 0 },
      { group: 'blocked', label: 'その他', count: 0, share: 0 },
    ],
  },
  byProposerDivision: [],
  byCategory: [],
  monthly: dashboardFixture(fiscalYear).monthly.map((point) => ({
    ...point,
    submissions: 0,
    realisations: 0,
  })),
  stamps: {
    total: 0,
    activeSenders: 0,
    monthly: dashboardFixture(fiscalYear).stamps.monthly.map((point) => ({ ...point, count: 0 })),
    bySenderDivision: [],
    byKind: [{ code: 'thanks', label: 'ありがとう', emoji: '🙏', isActive: true, count: 0 }],
  },
  priorityProjects: [],
});
