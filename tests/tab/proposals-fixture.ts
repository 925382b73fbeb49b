import type { PriorityProjectDetailDto, PriorityProjectListDto } from '#shared/priority-project';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalHistoryEntryDto, ProposalPageDto } from '#shared/tab-api';
import type { ApiCall, ApiHandler } from './render';
import { officeUser } from './render';

/** Proposals, reference data and API handlers shared by the 提案一覧 and マイ提案 component tests. */
export const proposalId = (n: number) => `50000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const divisions = [
  { id: '20000000-0000-4000-8000-000000000001', name: 'デジタル政策課' },
  { id: '20000000-0000-4000-8000-000000000002', name: '人事課' },
];

export const projectId = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const proposal = (n: number, overrides: Partial<ProposalDto> = {}): ProposalDto => ({
  id: proposalId(n),
  number: `R6-${String(n).padStart(4, '0')}`,
  fiscalYear: 2024,
  title: `提案${n}の件名`,
  body: `提案${n}の本文です。`,
  category: 'paperless',
  categoryLabel: 'ペーパレス化',
  expectedEffect: null,
  proposer: { id: `90000000-0000-4000-8000-${String(n).padStart(12, '0')}`, displayName: `提案者${n}` },
  proposerName: `提案者${n}`,
  coProposers: [],
  proposerDivision: divisions[1]!,
  responsibleDivision: null,
  horizon: null,
  status: 'received',
  blockReason: null,
  blockReasonNote: null,
  revisitOn: null,
  targetOn: null,
  answer: null,
  mergedIntoId: null,
  priorityProjectIds: [],
  isPublished: false,
  version: 3,
  submittedAt: '2024-06-03T00:05:00.000Z',
  updatedAt: '2024-06-03T00:05:00.000Z',
  supportCount: 0,
  supportedByMe: false,
  followedByMe: false,
  ...overrides,
});

/** A server page of `total` generated proposals, honouring page and pageSize of the request. */
export const pageHandler =
  (total: number, make: (n: number) => ProposalDto = (n) => proposal(n)): ApiHandler =>
  (call: ApiCall): ProposalPageDto => {
    const page = Number(call.options?.query?.page ?? 1);
    const pageSize = Number(call.options?.query?.pageSize ?? 20);
    const first = (page - 1) * pageSize + 1;
    const last = Math.min(total, page * pageSize);
    const items = Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => make(first + index));
    return { items, total, page, pageSize };
  };

export const projectList = (fiscalYear: number): PriorityProjectListDto => ({
  fiscalYear,
  fiscalYearLabel: fiscalYear === 2024 ? '令和6年度' : `${fiscalYear}年度`,
  currentFiscalYear: 2026,
  defaulted: false,
  availableFiscalYears: [2026, 2024].map((year) => ({ fiscalYear: year, label: `${year}年度` })),
  latestFiscalYearWithProjects: 2024,
  themes:
    fiscalYear === 2024
      ? [
          {
            themeNo: 1,
            themeTitle: '業務の見直し・ＤＸ等による効率化',
            projects: [1, 2].map((itemNo) => ({
              id: projectId(itemNo),
              fiscalYear,
              code: `R6-1-${itemNo}`,
              themeNo: 1,
              themeTitle: '業務の見直し・ＤＸ等による効率化',
              itemNo,
              title: itemNo === 1 ? 'ＤＸプラットフォームの構築' : 'デジタルツールの利活用推進',
              description: '',
              ownerDivision: null,
              status: 'in_progress',
              statusLabel: '進行中',
              progress: 50,
              milestones: [],
              version: 1,
              linkedProposalCount: 0,
              updatedAt: '2024-06-03T00:00:00.000Z',
            })),
          },
        ]
      : [],
});

export const projectDetail = (n: number): PriorityProjectDetailDto => ({
  ...projectList(2024).themes[0]!.projects[n - 1]!,
  progressUpdates: [],
  linkedProposals: [],
});

export const history = (id: string): ProposalHistoryEntryDto[] => [
  {
    id: 1,
    action: 'created',
    changes: { status: { from: null, to: 'received' } },
    comment: null,
    commentInternal: false,
    signed: false,
    createdAt: '2024-06-03T00:05:00.000Z',
    actorId: proposalId(900),
    actorName: '提案者7',
    actorHidden: false,
  },
  {
    id: 2,
    action: 'status_changed',
    changes: {
      answer: { from: null, to: '関係課と調整のうえ検討します。' },
      status: { from: 'received', to: 'under_consideration' },
      responsibleDivisionId: { from: null, to: divisions[0]!.id },
    },
    comment: `${id.slice(-2)}番の一次回答`,
    commentInternal: true,
    signed: false,
    createdAt: '2024-07-01T06:30:00.000Z',
    actorId: officeUser.id,
    actorName: '萩原 健一',
    actorHidden: false,
  },
];

/** The same history as a proposer receives it: the internal note and the office member's name left out. */
export const proposerHistory = (id: string): ProposalHistoryEntryDto[] =>
  history(id).map((entry) =>
    entry.commentInternal
      ? { ...entry, comment: null, commentInternal: false, actorId: null, actorName: null, actorHidden: true }
      : entry,
  );

/** Reference data every page with filters or a detail asks for. */
export const referenceHandlers: Record<string, ApiHandler> = {
  'GET /api/divisions': () => ({ items: divisions }),
  'GET /api/me/notification-preference': () => ({ preference: 'daily' }),
  'GET /api/categories': () => ({
    items: [
      { code: 'paperless', label: 'ペーパレス化', isActive: true, sortOrder: 10 },
      { code: 'digital', label: 'デジタル・ＤＸ', isActive: true, sortOrder: 20 },
      { code: 'stamps', label: '押印の見直し', isActive: false, sortOrder: 30 },
    ],
  }),
  // The server's clock in 令和8年度, proposals and projects in 令和6年度.
  'GET /api/fiscal-years': () => ({
    currentFiscalYear: 2026,
    defaultFiscalYear: 2024,
    items: [
      { fiscalYear: 2026, label: '令和8年度' },
      { fiscalYear: 2024, label: '令和6年度' },
    ],
  }),
  'GET /api/priority-projects': (call) => projectList(Number(call.options?.query?.fiscalYear)),
  [`GET /api/priority-projects/${projectId(1)}`]: () => projectDetail(1),
  [`GET /api/priority-projects/${projectId(2)}`]: () => projectDetail(2),
};

/** The query of the n-th (0-based, default last) list request. */
export const listQueries = (calls: ApiCall[]) =>
  calls
    .filter((call) => call.method === 'GET' && call.path === '/api/proposals')
    .map((call) => call.options?.query);
